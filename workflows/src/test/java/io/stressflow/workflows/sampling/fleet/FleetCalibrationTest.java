package io.stressflow.workflows.sampling.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.workflows.plan.Leg.FailureCriteria;
import io.stressflow.workflows.sampling.FailureJudge;
import io.stressflow.workflows.sampling.ModuleProbe.ModuleSilentException;
import io.stressflow.workflows.sampling.cmis.Cmis;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Lane;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The typical fleet is calibrated like a qualified product: its median and 95th-percentile units
 * pass the GR-468 presets (temperature cycling 500 cycles, damp heat 1000 h, high-temperature
 * storage 2000 h) when measured after recovery at 23 °C, with the presets' criteria (bias rise 50
 * %, Tx and Rx power 1 dB) and latched alarms judged as the application judges them; a seeded-wear
 * unit (factor 20) still fails damp heat. Profiles are replayed as telemetry would give them.
 */
class FleetCalibrationTest {

  static final int UNITS = 200;
  static final FailureCriteria GR468 =
      new FailureCriteria(null, 50.0, 1.0, true, null, null, null, null, null, null, 1.0);

  @Test
  void shouldPassDampHeat1000HoursWithTheMedianAndP95UnitAndFailASeededOne() throws Exception {
    Run run = new Run(true);
    run.fleet.add("BAD");
    run.fleet.degrade("BAD", 20);
    run.baseline();
    ramp(run.fleet, 23, 85, 2, null);
    run.fleet.expose(0.5, 85, null);
    double done = 0;
    for (double at : new double[] {168, 500, 1000}) {
      run.fleet.expose(at - done, 85, 85.0);
      done = at;
      Figures f = run.readPoint("damp heat " + (int) at + " h");
      assertThat(f.biasRiseP95).as("p95 bias rise at %s h", at).isLessThan(50);
      assertThat(f.failedShare).as("share of units failing at %s h", at).isLessThan(0.05);
      if (at >= 500) {
        assertThat(run.failed("BAD")).as("the seeded unit at %s h", at).isTrue();
      }
      ramp(run.fleet, 23, 85, 2, null); // back to stress after the read point
      run.fleet.expose(0.5, 85, null);
    }
  }

  @Test
  void shouldPassEveryDampHeatModuleOfTheExamplePlan() throws Exception {
    // examples/qsfp-dd-sr8-qualification.yaml, leg dh, with the default seed: before the physics
    // were corrected, 8 of these 11 failed on bias rise at 500 and 1000 h
    List<String> dh = new ArrayList<>();
    for (int i = 12; i <= 22; i++) {
      dh.add("SR8-%04d".formatted(i));
    }
    Run run = new Run(true, dh);
    run.baseline();
    double done = 0;
    for (double at : new double[] {168, 500, 1000}) {
      ramp(run.fleet, 23, 85, 2, null);
      run.fleet.expose(at - done, 85, 85.0);
      done = at;
      ramp(run.fleet, 85, 23, 2, null);
      assertThat(run.readPoint("example plan, damp heat " + (int) at + " h").failedShare).isZero();
    }
  }

  @Test
  void shouldPassTemperatureCycling500CyclesWithTheMedianAndP95Unit() throws Exception {
    Run run = new Run(false);
    run.baseline();
    int done = 0;
    for (int at : new int[] {100, 200, 500}) {
      for (; done < at; done++) {
        ramp(run.fleet, 23, -40, 10, null);
        soak(run.fleet, -40, 0.5);
        ramp(run.fleet, -40, 85, 10, null);
        soak(run.fleet, 85, 0.5);
        ramp(run.fleet, 85, 23, 10, null);
      }
      Figures f = run.readPoint("temperature cycling " + at + " cycles");
      assertThat(f.txDriftP95).as("p95 |Tx drift| at %s cycles", at).isLessThan(1.0);
      assertThat(f.failedShare).as("share of units failing at %s cycles", at).isLessThan(0.05);
    }
  }

  @Test
  void shouldPassHighTemperatureStorage2000HoursUnpowered() throws Exception {
    Run run = new Run(false);
    run.baseline();
    ramp(run.fleet, 23, 85, 2, null);
    double done = 0;
    for (double at : new double[] {168, 500, 1000, 2000}) {
      run.fleet.expose(at - done, 85, null);
      done = at;
      ramp(run.fleet, 85, 23, 2, null);
      Figures f = run.readPoint("high-temperature storage " + (int) at + " h");
      assertThat(f.biasRiseP95).isLessThan(5);
      assertThat(f.failedShare).isZero();
      ramp(run.fleet, 23, 85, 2, null);
    }
  }

  /** A ramp in one-minute telemetry steps. */
  static void ramp(SimulatedFleet fleet, double from, double to, double kPerMin, Double rh) {
    int minutes = (int) Math.ceil(Math.abs(to - from) / kPerMin);
    for (int m = 1; m <= minutes; m++) {
      fleet.expose(1 / 60.0, from + (to - from) * m / minutes, rh);
    }
  }

  static void soak(SimulatedFleet fleet, double t, double hours) {
    fleet.expose(hours, t, null);
  }

  /** Figures of one read point over the fleet (the seeded unit excluded). */
  record Figures(
      double biasRiseMedian,
      double biasRiseP95,
      double txDriftMedian,
      double txDriftP95,
      double rxDropMedian,
      double rxDropP95,
      double failedShare) {}

  static final class Run {
    final SimulatedFleet fleet = new SimulatedFleet(FleetParameters.typical(1));
    final List<String> serials = new ArrayList<>();
    final Map<String, ModuleDiagnostics> baselines = new HashMap<>();
    final Map<String, Boolean> failed = new HashMap<>();

    Run(boolean powered) {
      this(powered, fleetOf(UNITS));
    }

    Run(boolean powered, List<String> units) {
      for (String serial : units) {
        serials.add(serial);
        fleet.attach(serial, powered);
      }
    }

    static List<String> fleetOf(int n) {
      List<String> serials = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        serials.add("U%03d".formatted(i));
      }
      return serials;
    }

    void baseline() throws ModuleSilentException {
      for (String s : fleet.serials()) {
        baselines.put(s, Cmis.decode(fleet.read(s)));
      }
    }

    boolean failed(String serial) {
      return failed.getOrDefault(serial, false);
    }

    /** Recovery at 23 °C for 1 h, then every unit read and judged. */
    Figures readPoint(String label) throws ModuleSilentException {
      fleet.expose(1, 23, null);
      double[] bias = new double[serials.size()];
      double[] tx = new double[serials.size()];
      double[] rx = new double[serials.size()];
      int failures = 0;
      for (String s : fleet.serials()) {
        ModuleDiagnostics now = Cmis.decode(fleet.read(s));
        FailureJudge.Verdict v =
            FailureJudge.judge(
                GR468, baselines.get(s), now, new FailureJudge.Condition(false, true));
        if (!v.pass()) {
          failed.put(s, true);
        }
        int i = serials.indexOf(s);
        if (i < 0) {
          continue; // the seeded unit
        }
        failures += v.pass() ? 0 : 1;
        for (Lane b : baselines.get(s).lanes()) {
          Lane n = now.lanes().get(b.lane() - 1);
          bias[i] = Math.max(bias[i], 100 * (n.txBiasMilliamps() / b.txBiasMilliamps() - 1));
          tx[i] = Math.max(tx[i], Math.abs(n.txPowerDbm() - b.txPowerDbm()));
          rx[i] = Math.max(rx[i], b.rxPowerDbm() - n.rxPowerDbm());
        }
      }
      Figures f =
          new Figures(
              percentile(bias, 50),
              percentile(bias, 95),
              percentile(tx, 50),
              percentile(tx, 95),
              percentile(rx, 50),
              percentile(rx, 95),
              failures / (double) serials.size());
      System.out.printf(
          "%s at 23 °C: worst-lane bias rise median %.2f %% p95 %.2f %%; |Tx drift| median %.2f dB"
              + " p95 %.2f dB; Rx drop median %.2f dB p95 %.2f dB; failed %.1f %% of %d%n",
          label,
          f.biasRiseMedian,
          f.biasRiseP95,
          f.txDriftMedian,
          f.txDriftP95,
          f.rxDropMedian,
          f.rxDropP95,
          100 * f.failedShare,
          serials.size());
      return f;
    }

    private static double percentile(double[] values, double p) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      return sorted[(int) Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))];
    }
  }
}

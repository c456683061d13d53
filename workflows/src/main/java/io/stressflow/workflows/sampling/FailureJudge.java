package io.stressflow.workflows.sampling;

import io.stressflow.workflows.plan.Leg.FailureCriteria;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Flag;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Lane;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Judges one sample against the plan's failure criteria: drift against the unit's own baseline (Tx
 * power change either way or drop, Rx power drop in dB, bias rise in percent), the plan's absolute
 * limits (lowest Tx and Rx power, highest bias, module temperature, supply voltage window), the
 * module's own alarm thresholds (latched alarm flags, judged by kind), module state, loss of signal
 * or lock, Tx fault, and silence. Pure; the first FAIL is final, which is the caller's rule to keep
 * (a failed module is never judged again).
 *
 * <p>Order: a silent module fails; a flat-memory module has no lane monitors and fails; a module in
 * {@link ModuleState#FAULT} fails with its fault cause; a module not READY is not judged on its
 * lanes (a module in low power reads as dark lanes, not as a power drop): at a read point that is a
 * NOT_READY failure (the reader has already waited for a transient state to settle), in situ it is
 * recorded and passes. Only lanes whose data path is activated (in this read and the baseline) are
 * judged on drift and limits; a lane not activated at a read point is a failure of its own.
 *
 * <p>Flags by kind: loss of signal or lock and Tx fault fail always (in situ too). Tx power, Tx
 * bias and Rx power alarms fail with {@code moduleAlarms}. The module's temperature and Vcc flags
 * report its environment: a module at a stress it is not rated for (85 °C against a 0–70 °C rating)
 * latches them as a healthy module should, so they fail only if the chamber stayed inside the
 * module's rating since its previous read ({@link Condition#beyondRating()} false). Warnings never
 * fail.
 */
public final class FailureJudge {

  private FailureJudge() {}

  /**
   * Judges a sample taken at a read point within the module's rating.
   *
   * @param criteria the leg's criteria; absent criteria are not applied.
   * @param baseline the unit's baseline read (t = 0).
   * @param now this read, or null if the module did not answer.
   * @return the verdict, with every finding.
   */
  public static Verdict judge(
      FailureCriteria criteria, ModuleDiagnostics baseline, ModuleDiagnostics now) {
    return judge(criteria, baseline, now, Condition.READ_POINT);
  }

  /**
   * Judges a sample.
   *
   * @param criteria the leg's criteria (for in situ, {@link FailureCriteria#inSitu()}); absent
   *     criteria are not applied.
   * @param baseline the unit's baseline read (t = 0).
   * @param now this read, or null if the module did not answer.
   * @param condition where the read was taken and what the module went through since its last one.
   * @return the verdict, with every finding.
   */
  public static Verdict judge(
      FailureCriteria criteria,
      ModuleDiagnostics baseline,
      ModuleDiagnostics now,
      Condition condition) {
    List<Finding> findings = new ArrayList<>();
    if (now == null) {
      findings.add(
          new Finding("SILENT", "the module does not answer its management interface", Set.of()));
      return new Verdict(false, findings);
    }
    if (now.flatMemory()) {
      findings.add(
          new Finding(
              "FLAT_MEMORY",
              "the module advertises flat memory (lower page byte 2 bit 7): no lane monitors",
              Set.of()));
      return new Verdict(false, findings);
    }
    if (now.state() == ModuleState.FAULT) {
      String cause = now.faultCauseText();
      findings.add(
          new Finding(
              "MODULE_FAULT",
              "module state is FAULT" + (cause == null ? "" : ", fault cause: " + cause),
              Set.of()));
      functional(findings, now);
      return new Verdict(false, findings);
    }
    if (now.state() != ModuleState.READY) {
      if (!condition.inSitu()) {
        findings.add(
            new Finding(
                "NOT_READY",
                "module state is %s, not READY: lanes not judged".formatted(now.state()),
                Set.of()));
      }
      return new Verdict(findings.isEmpty(), findings);
    }
    functional(findings, now);
    if (!condition.inSitu()) {
      Set<Integer> dark = new TreeSet<>();
      for (int lane = 1; lane <= now.dataPath().size(); lane++) {
        if (!now.laneActive(lane)) {
          dark.add(lane);
        }
      }
      if (!dark.isEmpty()) {
        findings.add(
            new Finding(
                "DATA_PATH_NOT_ACTIVE",
                "data path not activated on lanes %s (%s): their monitors are not judged"
                    .formatted(dark, now.dataPath()),
                dark));
      }
    }
    if (criteria != null) {
      drift(findings, "TX_POWER_DROP", criteria.txPowerDropDb(), baseline, now, true, false);
      drift(findings, "TX_POWER_DRIFT", criteria.txPowerDriftDb(), baseline, now, true, true);
      drift(findings, "RX_POWER_DROP", criteria.rxPowerDropDb(), baseline, now, false, false);
      biasRise(findings, criteria.biasRisePercent(), baseline, now);
      absolute(findings, criteria, now);
      if (Boolean.TRUE.equals(criteria.moduleAlarms())) {
        Set<Integer> lanes = new TreeSet<>();
        List<String> names = new ArrayList<>();
        for (Flag f : sorted(now.flags())) {
          if (f.alarm() && (!f.environmental() || !condition.beyondRating())) {
            names.add(f.toString());
            if (f.lane() > 0) {
              lanes.add(f.lane());
            }
          }
        }
        if (!names.isEmpty()) {
          findings.add(new Finding("MODULE_ALARM", "latched " + String.join(", ", names), lanes));
        }
      }
    }
    return new Verdict(findings.isEmpty(), findings);
  }

  /** Loss of signal or lock and Tx fault: the lane does not work, whatever the criteria say. */
  private static void functional(List<Finding> findings, ModuleDiagnostics now) {
    Set<Integer> lanes = new TreeSet<>();
    List<String> names = new ArrayList<>();
    for (Flag f : sorted(now.flags())) {
      if (f.functional()) {
        names.add(f.toString());
        lanes.add(f.lane());
      }
    }
    if (!names.isEmpty()) {
      findings.add(new Finding("LANE_FAULT", "latched " + String.join(", ", names), lanes));
    }
  }

  private static List<Flag> sorted(Set<Flag> flags) {
    List<Flag> list = new ArrayList<>(flags);
    list.sort(
        java.util.Comparator.comparing(Flag::lane)
            .thenComparing(Flag::monitor)
            .thenComparing(Flag::level));
    return list;
  }

  private static void drift(
      List<Finding> findings,
      String kind,
      Double limitDb,
      ModuleDiagnostics base,
      ModuleDiagnostics now,
      boolean tx,
      boolean twoSided) {
    if (limitDb == null) {
      return;
    }
    Set<Integer> lanes = new TreeSet<>();
    double worst = 0;
    for (Lane b : base.lanes()) {
      Lane n = lane(now, b.lane());
      if (n == null || !judged(base, now, b.lane())) {
        continue;
      }
      Double before = tx ? b.txPowerDbm() : b.rxPowerDbm();
      Double after = tx ? n.txPowerDbm() : n.rxPowerDbm();
      if (before == null || after == null) {
        continue;
      }
      double change = after - before;
      double size = twoSided ? Math.abs(change) : -change;
      if (size > limitDb) {
        lanes.add(b.lane());
        if (size > Math.abs(worst)) {
          worst = change;
        }
      }
    }
    if (!lanes.isEmpty()) {
      String what = tx ? "Tx" : "Rx";
      String detail =
          twoSided
              ? "%s power changed %+.2f dB from baseline (limit ±%.2f dB) on lanes %s"
                  .formatted(what, worst, limitDb, lanes)
              : "%s power dropped %.2f dB from baseline (limit %.2f dB) on lanes %s"
                  .formatted(what, -worst, limitDb, lanes);
      findings.add(new Finding(kind, detail, lanes));
    }
  }

  /** A lane is judged on its monitors only if its data path is active now and at the baseline. */
  private static boolean judged(ModuleDiagnostics base, ModuleDiagnostics now, int lane) {
    return now.laneActive(lane) && base.laneActive(lane);
  }

  private static void biasRise(
      List<Finding> findings, Double limitPercent, ModuleDiagnostics base, ModuleDiagnostics now) {
    if (limitPercent == null) {
      return;
    }
    Set<Integer> lanes = new TreeSet<>();
    double worst = 0;
    for (Lane b : base.lanes()) {
      Lane n = lane(now, b.lane());
      if (b.txBiasMilliamps() == null
          || n == null
          || !judged(base, now, b.lane())
          || n.txBiasMilliamps() == null
          || b.txBiasMilliamps() <= 0) {
        continue;
      }
      double rise = 100 * (n.txBiasMilliamps() / b.txBiasMilliamps() - 1);
      if (rise > limitPercent) {
        lanes.add(b.lane());
        worst = Math.max(worst, rise);
      }
    }
    if (!lanes.isEmpty()) {
      findings.add(
          new Finding(
              "BIAS_RISE",
              "Tx bias rose %.1f %% over baseline (limit %.1f %%) on lanes %s"
                  .formatted(worst, limitPercent, lanes),
              lanes));
    }
  }

  private static void absolute(
      List<Finding> findings, FailureCriteria criteria, ModuleDiagnostics now) {
    laneBelow(
        findings, "TX_POWER_MIN", "Tx power", criteria.txPowerMinDbm(), now, Lane::txPowerDbm);
    laneBelow(
        findings, "RX_POWER_MIN", "Rx power", criteria.rxPowerMinDbm(), now, Lane::rxPowerDbm);
    if (criteria.txBiasMaxMa() != null) {
      Set<Integer> lanes = new TreeSet<>();
      List<String> values = new ArrayList<>();
      for (Lane l : now.lanes()) {
        if (now.laneActive(l.lane())
            && l.txBiasMilliamps() != null
            && l.txBiasMilliamps() > criteria.txBiasMaxMa()) {
          lanes.add(l.lane());
          values.add("lane %d %.2f mA".formatted(l.lane(), l.txBiasMilliamps()));
        }
      }
      if (!lanes.isEmpty()) {
        findings.add(
            new Finding(
                "TX_BIAS_MAX",
                "Tx bias above the limit txBiasMaxMa %.2f mA: %s"
                    .formatted(criteria.txBiasMaxMa(), String.join(", ", values)),
                lanes));
      }
    }
    Double t = now.temperature();
    if (criteria.temperatureMaxC() != null && t != null && t > criteria.temperatureMaxC()) {
      findings.add(
          new Finding(
              "TEMPERATURE_MAX",
              "module temperature %.1f °C above the limit temperatureMaxC %.1f °C"
                  .formatted(t, criteria.temperatureMaxC()),
              Set.of()));
    }
    Double vcc = now.vcc();
    if (vcc != null && criteria.vccMinV() != null && vcc < criteria.vccMinV()) {
      findings.add(
          new Finding(
              "VCC_MIN",
              "supply %.3f V below the limit vccMinV %.3f V".formatted(vcc, criteria.vccMinV()),
              Set.of()));
    }
    if (vcc != null && criteria.vccMaxV() != null && vcc > criteria.vccMaxV()) {
      findings.add(
          new Finding(
              "VCC_MAX",
              "supply %.3f V above the limit vccMaxV %.3f V".formatted(vcc, criteria.vccMaxV()),
              Set.of()));
    }
  }

  private static void laneBelow(
      List<Finding> findings,
      String kind,
      String what,
      Double limitDbm,
      ModuleDiagnostics now,
      Function<Lane, Double> dbm) {
    if (limitDbm == null) {
      return;
    }
    Set<Integer> lanes = new TreeSet<>();
    List<String> values = new ArrayList<>();
    for (Lane l : now.lanes()) {
      if (!now.laneActive(l.lane())) {
        continue;
      }
      Double v = dbm.apply(l);
      if (v != null && v < limitDbm) {
        lanes.add(l.lane());
        values.add("lane %d %.2f dBm".formatted(l.lane(), v));
      }
    }
    if (!lanes.isEmpty()) {
      String field = kind.equals("TX_POWER_MIN") ? "txPowerMinDbm" : "rxPowerMinDbm";
      findings.add(
          new Finding(
              kind,
              "%s below the limit %s %.2f dBm: %s"
                  .formatted(what, field, limitDbm, String.join(", ", values)),
              lanes));
    }
  }

  private static Lane lane(ModuleDiagnostics d, int lane) {
    List<Lane> lanes = d.lanes();
    // decoded lanes come in order, lane n at n - 1; search only if a lane is missing
    if (lane >= 1 && lane <= lanes.size() && lanes.get(lane - 1).lane() == lane) {
      return lanes.get(lane - 1);
    }
    for (Lane l : lanes) {
      if (l.lane() == lane) {
        return l;
      }
    }
    return null;
  }

  /**
   * Where a read was taken and what the module went through since its previous read.
   *
   * @param inSitu true for in-situ polling at stress: a module not READY is recorded, not failed,
   *     and lanes whose data path is not activated are not a finding.
   * @param beyondRating true if the chamber left the module's rating (its operating temperature
   *     range) since the module's previous read: its latched temperature and Vcc flags report that
   *     stress, not a defect, and do not fail it.
   */
  public record Condition(boolean inSitu, boolean beyondRating) {

    /** A read point after recovery, with the chamber inside the module's rating throughout. */
    public static final Condition READ_POINT = new Condition(false, false);
  }

  /**
   * A judgement.
   *
   * @param pass true if no criterion failed.
   * @param findings what failed.
   */
  public record Verdict(boolean pass, List<Finding> findings) {
    public Verdict {
      findings = List.copyOf(findings);
    }

    /** Every lane any finding names. */
    public Set<Integer> affectedLanes() {
      Set<Integer> lanes = new TreeSet<>();
      findings.forEach(f -> lanes.addAll(f.lanes()));
      return lanes;
    }
  }

  /**
   * One failed criterion.
   *
   * @param criterion e.g. {@code TX_POWER_DRIFT}, {@code TX_POWER_DROP}, {@code BIAS_RISE}, {@code
   *     TX_POWER_MIN}, {@code TX_BIAS_MAX}, {@code TEMPERATURE_MAX}, {@code VCC_MIN}, {@code
   *     MODULE_ALARM}, {@code LANE_FAULT}, {@code MODULE_FAULT}, {@code NOT_READY}, {@code
   *     DATA_PATH_NOT_ACTIVE}, {@code FLAT_MEMORY}, {@code SILENT}.
   * @param detail for people.
   * @param lanes the lanes concerned (empty for module-level findings).
   */
  public record Finding(String criterion, String detail, Set<Integer> lanes) {
    public Finding {
      lanes = Set.copyOf(lanes);
    }
  }
}

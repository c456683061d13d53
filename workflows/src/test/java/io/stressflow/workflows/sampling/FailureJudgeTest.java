package io.stressflow.workflows.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.workflows.plan.Leg.FailureCriteria;
import io.stressflow.workflows.sampling.cmis.Cmis;
import io.stressflow.workflows.sampling.cmis.CmisPages;
import io.stressflow.workflows.sampling.cmis.DataPathState;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Flag;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import io.stressflow.workflows.sampling.fleet.FleetParameters;
import io.stressflow.workflows.sampling.fleet.SimulatedFleet;
import org.junit.jupiter.api.Test;

class FailureJudgeTest {

  static final FailureCriteria GR468 = new FailureCriteria(1.0, 50.0, 1.0, true);
  static final FailureCriteria DRIFT =
      new FailureCriteria(null, 50.0, 1.0, true, null, null, null, null, null, null, 1.0);
  static final FailureJudge.Condition BEYOND_RATING = new FailureJudge.Condition(false, true);
  static final FailureJudge.Condition IN_SITU = new FailureJudge.Condition(true, false);

  @Test
  void shouldFailATxPowerRiseAsWellAsADropWithTxPowerDriftDb() {
    ModuleDiagnostics base = read(7.0, 0.80, 0);
    ModuleDiagnostics risen = readTx(1.07, 2); // lane 2 at +1.26 dB: an APC tracking error
    ModuleDiagnostics dropped = readTx(0.60, 5); // lane 5 at -1.25 dB

    FailureJudge.Verdict rise = FailureJudge.judge(DRIFT, base, risen);
    assertThat(rise.findings())
        .extracting(FailureJudge.Finding::criterion)
        .containsExactly("TX_POWER_DRIFT");
    assertThat(rise.findings().get(0).detail()).contains("+1.26 dB").contains("±1.00 dB");
    assertThat(rise.affectedLanes()).containsExactly(2);
    assertThat(FailureJudge.judge(DRIFT, base, dropped).findings().get(0).detail())
        .contains("-1.25 dB");
    // a plan with the old one-sided field reads as before: a rise does not fail it
    assertThat(FailureJudge.judge(GR468, base, risen).pass()).isTrue();
  }

  @Test
  void shouldPassAHealthyModuleAt85DegreesThatLatchedItsOwnTemperatureAlarm() throws Exception {
    SimulatedFleet fleet = new SimulatedFleet(FleetParameters.typical(1));
    fleet.attach("H1", true);
    ModuleDiagnostics base = Cmis.decode(fleet.read("H1"));

    fleet.expose(24, 85, 85.0); // damp heat, powered: 88 degC module temperature
    ModuleDiagnostics hot = Cmis.decode(fleet.read("H1"));

    assertThat(hot.flags()).contains(new Flag("TEMPERATURE", "HIGH_ALARM", 0));
    // 85 degC is beyond the module's 0-70 degC rating: its temperature flags report the stress
    assertThat(FailureJudge.judge(DRIFT, base, hot, BEYOND_RATING).findings()).isEmpty();
    assertThat(
            FailureJudge.judge(DRIFT.inSitu(), base, hot, new FailureJudge.Condition(true, true))
                .pass())
        .isTrue();
    // the same flag latched with the chamber inside the rating is a failure
    assertThat(FailureJudge.judge(DRIFT, base, hot).findings())
        .extracting(FailureJudge.Finding::criterion)
        .containsExactly("MODULE_ALARM");
  }

  @Test
  void shouldFailPowerAndBiasAlarmsEvenBeyondTheRatingButNeverWarnings() {
    ModuleDiagnostics base = read(7.0, 0.80, 0);
    ModuleDiagnostics alarmed =
        Cmis.decode(
            pages(7.0, 0.80, 0)
                .flag(new Flag("TX_BIAS", "HIGH_ALARM", 4))
                .flag(new Flag("VCC", "HIGH_ALARM", 0))
                .flag(new Flag("TX_POWER", "LOW_WARNING", 1))
                .image());

    FailureJudge.Verdict v = FailureJudge.judge(GR468, base, alarmed, BEYOND_RATING);

    assertThat(v.findings())
        .extracting(FailureJudge.Finding::detail)
        .containsExactly("latched TX_BIAS.HIGH_ALARM[4]");
    assertThat(FailureJudge.judge(GR468, base, alarmed).findings().get(0).detail())
        .isEqualTo("latched VCC.HIGH_ALARM, TX_BIAS.HIGH_ALARM[4]");
  }

  @Test
  void shouldFailLossOfSignalOrLockAndTxFaultWhateverTheCriteriaAndInSitu() {
    ModuleDiagnostics base = read(7.0, 0.80, 0);
    ModuleDiagnostics lol =
        Cmis.decode(
            pages(7.0, 0.80, 0)
                .flag(new Flag("RX", "LOL", 6))
                .flag(new Flag("TX", "FAULT", 6))
                .image());

    FailureJudge.Verdict v =
        FailureJudge.judge(
            new FailureCriteria(null, null, null, false).inSitu(), base, lol, IN_SITU);

    assertThat(v.pass()).isFalse();
    assertThat(v.findings().get(0).criterion()).isEqualTo("LANE_FAULT");
    assertThat(v.findings().get(0).detail()).isEqualTo("latched RX.LOL[6], TX.FAULT[6]");
  }

  @Test
  void shouldFailAModuleFaultWithItsCauseAndNotJudgeItsLanes() {
    ModuleDiagnostics base = read(7.0, 0.80, 0);
    ModuleDiagnostics fault = Cmis.decode(new CmisPages(ModuleState.FAULT).faultCause(1).image());

    FailureJudge.Verdict v = FailureJudge.judge(GR468, base, fault);

    assertThat(v.findings()).hasSize(1);
    assertThat(v.findings().get(0).criterion()).isEqualTo("MODULE_FAULT");
    assertThat(v.findings().get(0).detail())
        .isEqualTo("module state is FAULT, fault cause: TEC runaway (code 1)");
  }

  @Test
  void shouldNotReadALowPowerModuleAsAPowerDrop() {
    ModuleDiagnostics base = read(7.0, 0.80, 0);
    CmisPages p = new CmisPages(ModuleState.LOW_POWER).temperature(40).vcc(3.3);
    for (int l = 1; l <= 8; l++) {
      p.lane(l, 0, 0, 0); // lasers off in low power
    }
    ModuleDiagnostics lowPower = Cmis.decode(p.image());

    FailureJudge.Verdict atReadPoint = FailureJudge.judge(DRIFT, base, lowPower);
    assertThat(atReadPoint.findings())
        .extracting(FailureJudge.Finding::criterion)
        .containsExactly("NOT_READY");
    assertThat(atReadPoint.findings().get(0).detail())
        .isEqualTo("module state is LOW_POWER, not READY: lanes not judged");
    assertThat(FailureJudge.judge(DRIFT.inSitu(), base, lowPower, IN_SITU).pass()).isTrue();
  }

  @Test
  void shouldJudgeOnlyLanesWhoseDataPathIsActivated() {
    ModuleDiagnostics base = read(7.0, 0.80, 0);
    CmisPages p = pages(7.0, 0.80, 0).dataPath(4, DataPathState.DEACTIVATED);
    p.lane(4, 0, 0, 0);
    ModuleDiagnostics dark = Cmis.decode(p.image());

    FailureJudge.Verdict v = FailureJudge.judge(DRIFT, base, dark);

    assertThat(v.findings())
        .extracting(FailureJudge.Finding::criterion)
        .containsExactly("DATA_PATH_NOT_ACTIVE");
    assertThat(v.affectedLanes()).containsExactly(4);
    assertThat(FailureJudge.judge(DRIFT.inSitu(), base, dark, IN_SITU).pass()).isTrue();
  }

  @Test
  void shouldPassAUnitWithinItsOwnBaseline() {
    ModuleDiagnostics base = read(7.0, 0.80, 0);
    ModuleDiagnostics now = read(7.5, 0.75, 0); // +7 % bias, -0.28 dB

    assertThat(FailureJudge.judge(GR468, base, now).pass()).isTrue();
  }

  @Test
  void shouldFailOnBiasRiseAndNameTheLanes() {
    ModuleDiagnostics base = read(7.0, 0.80, 0);
    ModuleDiagnostics now = read(11.0, 0.80, 3); // lane 3 at +57 %

    FailureJudge.Verdict v = FailureJudge.judge(GR468, base, now);

    assertThat(v.pass()).isFalse();
    assertThat(v.findings())
        .extracting(FailureJudge.Finding::criterion)
        .containsExactly("BIAS_RISE");
    assertThat(v.affectedLanes()).containsExactly(3);
    assertThat(v.findings().get(0).detail()).contains("57.1 %").contains("limit 50.0 %");
  }

  @Test
  void shouldFailOnTxPowerDropInDecibels() {
    ModuleDiagnostics base = read(7.0, 0.80, 0);
    ModuleDiagnostics now = readTx(0.60, 5); // lane 5 at -1.25 dB

    FailureJudge.Verdict v = FailureJudge.judge(GR468, base, now);

    assertThat(v.findings()).extracting(FailureJudge.Finding::criterion).contains("TX_POWER_DROP");
    assertThat(v.affectedLanes()).contains(5);
  }

  @Test
  void shouldFailOnLatchedAlarmsAndSilence() {
    ModuleDiagnostics base = read(7.0, 0.80, 0);
    ModuleDiagnostics alarmed =
        Cmis.decode(pages(7.0, 0.80, 0).flag(new Flag("RX", "LOS", 2)).image());

    assertThat(FailureJudge.judge(GR468, base, alarmed).findings())
        .extracting(FailureJudge.Finding::criterion)
        .containsExactly("LANE_FAULT");
    assertThat(FailureJudge.judge(GR468, base, null).findings())
        .extracting(FailureJudge.Finding::criterion)
        .containsExactly("SILENT");
  }

  @Test
  void shouldApplyOnlyTheCriteriaThePlanGives() {
    ModuleDiagnostics base = read(7.0, 0.80, 0);
    ModuleDiagnostics now = read(11.0, 0.80, 3);

    assertThat(FailureJudge.judge(new FailureCriteria(1.0, null, null, false), base, now).pass())
        .isTrue();
  }

  @Test
  void shouldFailOnAbsoluteLimitsNamingTheLaneAndTheLimit() {
    // no drift at all: the unit is out of the product's limits from its own baseline on
    FailureCriteria limits =
        new FailureCriteria(null, null, null, false, -4.0, -6.0, 10.0, 70.0, 3.135, 3.465);
    CmisPages p = new CmisPages(ModuleState.READY).temperature(72.5).vcc(3.05);
    for (int l = 1; l <= 8; l++) {
      // lane 2: 0.30 mW = -5.2 dBm Tx, 0.21 mW = -6.8 dBm Rx; lane 7: 11 mA bias
      double tx = l == 2 ? 0.30 : 0.80;
      p.lane(l, l == 7 ? 11.0 : 7.0, tx, tx * 0.7);
    }
    ModuleDiagnostics now = Cmis.decode(p.image());

    FailureJudge.Verdict v = FailureJudge.judge(limits, now, now);

    assertThat(v.pass()).isFalse();
    assertThat(v.findings())
        .extracting(FailureJudge.Finding::criterion)
        .containsExactly(
            "TX_POWER_MIN", "RX_POWER_MIN", "TX_BIAS_MAX", "TEMPERATURE_MAX", "VCC_MIN");
    assertThat(v.findings().get(0).detail())
        .isEqualTo("Tx power below the limit txPowerMinDbm -4.00 dBm: lane 2 -5.23 dBm");
    assertThat(v.findings().get(1).detail()).contains("rxPowerMinDbm -6.00 dBm").contains("lane 2");
    assertThat(v.findings().get(2).detail())
        .isEqualTo("Tx bias above the limit txBiasMaxMa 10.00 mA: lane 7 11.00 mA");
    assertThat(v.findings().get(3).detail()).contains("72.5 °C").contains("temperatureMaxC 70.0");
    assertThat(v.findings().get(4).detail()).contains("3.050 V").contains("vccMinV 3.135 V");
    assertThat(v.affectedLanes()).containsExactly(2, 7);
  }

  @Test
  void shouldPassAUnitInsideItsAbsoluteLimits() {
    FailureCriteria limits =
        new FailureCriteria(1.0, 50.0, 1.0, true, -4.0, -6.0, 10.0, 70.0, 3.135, 3.465);
    ModuleDiagnostics base = read(7.0, 0.80, 0); // -1.0 dBm Tx, -2.5 dBm Rx, 40 °C, 3.3 V

    assertThat(FailureJudge.judge(limits, base, base).findings()).isEmpty();
  }

  @Test
  void shouldFailADeadLaneOnTheTxPowerFloor() {
    FailureCriteria floor =
        new FailureCriteria(null, null, null, false, -8.0, null, null, null, null, null);
    ModuleDiagnostics dead = readTx(0.0, 4); // 0 mW reads as -40 dBm

    FailureJudge.Verdict v = FailureJudge.judge(floor, dead, dead);

    assertThat(v.affectedLanes()).containsExactly(4);
    assertThat(v.findings().get(0).detail()).contains("lane 4 -40.00 dBm");
  }

  @Test
  void shouldFailAboveTheSupplyWindow() {
    FailureCriteria window =
        new FailureCriteria(null, null, null, false, null, null, null, null, 3.135, 3.465);
    CmisPages p = new CmisPages(ModuleState.READY).temperature(40).vcc(3.5);
    for (int l = 1; l <= 8; l++) {
      p.lane(l, 7.0, 0.8, 0.56);
    }
    ModuleDiagnostics now = Cmis.decode(p.image());

    assertThat(FailureJudge.judge(window, now, now).findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.criterion()).isEqualTo("VCC_MAX");
              assertThat(f.detail()).isEqualTo("supply 3.500 V above the limit vccMaxV 3.465 V");
            });
  }

  private static ModuleDiagnostics read(double biasOnLane, double tx, int lane) {
    return Cmis.decode(pages(biasOnLane, tx, lane).image());
  }

  private static CmisPages pages(double biasOnLane, double tx, int lane) {
    CmisPages p = new CmisPages(ModuleState.READY).temperature(40).vcc(3.3);
    for (int l = 1; l <= 8; l++) {
      double bias = lane == 0 || l == lane ? biasOnLane : 7.0;
      p.lane(l, bias, tx, tx * 0.7);
    }
    return p;
  }

  private static ModuleDiagnostics readTx(double txOnLane, int lane) {
    CmisPages p = new CmisPages(ModuleState.READY).temperature(40).vcc(3.3);
    for (int l = 1; l <= 8; l++) {
      double tx = l == lane ? txOnLane : 0.80;
      p.lane(l, 7.0, tx, 0.56);
    }
    return Cmis.decode(p.image());
  }
}

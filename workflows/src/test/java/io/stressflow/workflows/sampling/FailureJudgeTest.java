package io.stressflow.workflows.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.workflows.plan.Leg.FailureCriteria;
import io.stressflow.workflows.sampling.cmis.Cmis;
import io.stressflow.workflows.sampling.cmis.CmisPages;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Flag;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import org.junit.jupiter.api.Test;

class FailureJudgeTest {

  static final FailureCriteria GR468 = new FailureCriteria(1.0, 50.0, 1.0, true);

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
        .containsExactly("MODULE_ALARM");
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

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

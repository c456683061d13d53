package io.stressflow.workflows.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stressflow.workflows.plan.CampaignPlan;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PlanReader;
import io.stressflow.workflows.plan.UseCondition;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A leg's statistics from its plan (the presets' profiles), checked against hand-computed values:
 * AF by the domain reference's worked numbers, χ² from the published table.
 */
class LegStatisticsTest {

  static final List<String> ELEVEN =
      IntStream.rangeClosed(1, 11).mapToObj(i -> "M%02d".formatted(i)).toList();

  static Leg leg(String preset) {
    String yaml =
        """
        campaign: t
        product: { partNumber: P }
        modules: [%s]
        legs:
          - { id: x, preset: %s, chamber: c1, samples: [%s] }
        """
            .formatted(
                String.join(", ", ELEVEN.stream().map(s -> "{ serial: " + s + " }").toList()),
                preset,
                String.join(", ", ELEVEN));
    CampaignPlan plan = PlanReader.read(yaml, presets());
    return plan.legs().get(0);
  }

  static Map<String, Leg> presets() {
    return io.stressflow.workflows.plan.PresetLibrary.load();
  }

  @Test
  void dampHeatIsCarriedToUseByPeck() {
    // 11 modules x 1000 h at 85 °C / 85 %RH, none failed; defaults: 40 °C / 60 %RH, Ea 0.79, n 2.66
    StatisticsParameters p = StatisticsParameters.of(null);
    LegStatistics s = LegStatistics.of(leg("gr468-damp-heat"), 0, 11_000, 0, p);
    assertThat(s.model()).isEqualTo(LegStatistics.Model.PECK);
    assertThat(s.condition().temperatureC()).isEqualTo(85);
    assertThat(s.condition().humidityPercent()).isEqualTo(85);
    assertThat(s.accelerationFactor()).isCloseTo(100, within(0.5)); // domain reference 4.3
    assertThat(s.ltpd()).isCloseTo(0.189, within(0.0005));
    // 1.833 / (2 x 11,000 h x 99.96) x 1e9 = 833 FIT; MTTF 1.2e6 h
    assertThat(s.fitUpperBound()).isCloseTo(1.833 / (2 * 11_000 * 99.964) * 1e9, within(1.0));
    assertThat(s.mttfLowerBoundHours()).isCloseTo(1.0e9 / 833.3, within(2000.0));
  }

  @Test
  void hotStorageIsCarriedToUseByArrheniusAtThePlansCondition() {
    UseCondition use =
        new UseCondition(25.0, null, null, null, 0.9, null, 0.7, null, null, null, "x");
    StatisticsParameters p = StatisticsParameters.of(use);
    LegStatistics s = LegStatistics.of(leg("gr468-high-temperature-storage"), 1, 22_000, 0, p);
    assertThat(s.model()).isEqualTo(LegStatistics.Model.ARRHENIUS);
    assertThat(s.accelerationFactor()).isCloseTo(96, within(0.5)); // 85 -> 25 °C, 0.7 eV
    // one failure at 90 %: chi-square(0.90; 4) = 7.779
    assertThat(s.chiSquare()).isCloseTo(7.779, within(0.0005));
    assertThat(s.fitUpperBound()).isCloseTo(7.779 / (2 * 22_000 * 95.998) * 1e9, within(1.0));
    assertThat(p.temperatureC().source()).isEqualTo("plan (useCondition.temperatureC)");
    assertThat(p.humidityPercent().source()).startsWith("default");
  }

  @Test
  void temperatureCyclingIsCarriedToUseByCoffinMansonInFieldCycles() {
    // -40/+85 °C: 125 K; field 20 K, m 2: AF 39.06; 11 x 500 cycles at 2 a day = 12 h per cycle
    UseCondition use =
        new UseCondition(null, null, 20.0, 2.0, null, null, null, null, null, 2.0, null);
    LegStatistics s =
        LegStatistics.of(
            leg("gr468-temperature-cycling"), 0, 0, 5_500, StatisticsParameters.of(use));
    assertThat(s.model()).isEqualTo(LegStatistics.Model.COFFIN_MANSON);
    assertThat(s.condition().swingK()).isEqualTo(125);
    assertThat(s.condition().cycles()).isEqualTo(500);
    assertThat(s.condition().cycleMinC()).isEqualTo(-40);
    assertThat(s.condition().cycleMaxC()).isEqualTo(85);
    assertThat(s.accelerationFactor()).isCloseTo(39.0625, within(1e-9));
    assertThat(s.equivalentHours()).isCloseTo(5_500 * 39.0625 * 12, within(1e-6));
    assertThat(s.fitUpperBound()).isCloseTo(1.833 / (2 * 5_500 * 39.0625 * 12) * 1e9, within(0.1));
  }

  @Test
  void anExternalLegStatesItsLtpdButNoFailureRate() {
    LegStatistics s =
        LegStatistics.of(leg("gr468-mechanical-shock"), 0, 0, 0, StatisticsParameters.of(null));
    assertThat(s.model()).isEqualTo(LegStatistics.Model.NONE);
    assertThat(s.ltpd()).isCloseTo(0.189, within(0.0005));
    assertThat(s.fitUpperBound()).isNaN();
    assertThat(s.reason()).contains("external leg");
  }

  @Test
  void everyFailedModuleDemonstratesNothing() {
    LegStatistics s =
        LegStatistics.of(leg("gr468-damp-heat"), 11, 11_000, 0, StatisticsParameters.of(null));
    assertThat(s.ltpd()).isEqualTo(1.0);
  }

  @Test
  void theSectionPrintsEveryParameterWithItsSourceAndEachLegsNumbers() {
    StatisticsParameters p = StatisticsParameters.of(null);
    String md =
        ReportStatistics.markdown(
            List.of(LegStatistics.of(leg("gr468-damp-heat"), 0, 11_000, 0, p)), p);
    assertThat(md)
        .contains("## Statistics")
        .contains("| use temperature (`temperatureC`) | 40 °C | default:")
        .contains("| Peck humidity exponent n (`peckHumidityExponent`) | 2.66 |")
        .contains("| confidence of the FIT and MTTF bounds (`confidence`) | 60 % |")
        .contains("| demonstrated LTPD | 18.9 % at 90 % confidence (n = 11, c = 0) |")
        .contains("| device-hours credited | 11,000 h at condition")
        .contains("Peck: AF = (RH_test / RH_use)^n")
        .contains("= 100 |")
        .contains("| failure rate λ | ≤ 833 FIT at 60 % confidence (χ²(0.60; 2) = 1.833) |")
        .contains("| MTTF | ≥ 1,200,065 h (137 years) at 60 % confidence |");
  }
}

package io.stressflow.workflows.chamber;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.workflows.plan.ChamberCapabilityCheck;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PlanProblem;
import io.stressflow.workflows.plan.PlanReader;
import io.stressflow.workflows.plan.PlanReport;
import io.stressflow.workflows.plan.PlanValidator;
import io.stressflow.workflows.plan.PresetLibrary;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plan validation against what each shipped register map can do: the shipped maps and presets,
 * through the public validator, as {@code PlanService} builds it.
 */
class ChamberCapabilityCheckTest {

  private static final Map<String, Leg> PRESETS = PresetLibrary.load();

  static Stream<String> maps() {
    return RegisterMaps.available().stream();
  }

  /** Validates against chamber-1 driven through {@code map}, with the map's own limits. */
  private static PlanReport validate(String yaml, RegisterMap map) {
    PlanValidator validator =
        new PlanValidator(
            id -> "chamber-1".equals(id) ? Optional.of(map.limits()) : Optional.empty(),
            new ChamberCapabilityCheck(
                id -> "chamber-1".equals(id) ? Optional.of(map.capabilities()) : Optional.empty()));
    return validator.validate(PlanReader.read(yaml, PRESETS));
  }

  @Test
  void shouldRefuseHumidityOnAChamberWhoseMapHasNoHumiditySetpoint() {
    PlanReport report =
        validate(plan("preset: gr468-damp-heat", 11), RegisterMaps.load("eurotherm-3200"));

    assertThat(report.problems())
        .containsExactly(
            new PlanProblem(
                "legs[0].profile.segments[2].humidity",
                "chamber 'chamber-1' (register map 'eurotherm-3200') has no humidity setpoint"
                    + " register ('humidity.setpoint' or 'humidity.setpoint.write'), so it cannot"
                    + " set 85 %RH; assign a chamber that controls humidity"));
  }

  @Test
  void shouldFindHumidityInsideARepeat() {
    String yaml =
        plan(
            """
            profile:
                  segments:
                    - repeat:
                        count: 2
                        segments:
                          - ramp: { to: 40, rate: 1 }
                          - humidity: { setpoint: 93 }
                          - soak: { duration: PT1H, measuredOn: AIR }
                          - humidity: { off: true }
                readPoints: { unit: CYCLES, at: [2] }
                acceptance: { sampleSize: 1, allowedFailures: 0 }""",
            1);

    PlanReport report = validate(yaml, RegisterMaps.load("eurotherm-3200-float"));

    assertThat(report.problems())
        .extracting(PlanProblem::path)
        .containsExactly("legs[0].profile.segments[0].repeat.segments[1].humidity");
  }

  @Test
  void shouldAcceptHumidityOnAChamberThatControlsIt() {
    PlanReport report =
        validate(plan("preset: gr468-damp-heat", 11), RegisterMaps.load("eurotherm-3500"));

    assertThat(report.problems()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("maps")
  void shouldAcceptTheGr468TemperatureCyclingPresetOnEveryMapItsEnvelopeAllows(String name) {
    RegisterMap map = RegisterMaps.load(name);

    PlanReport report = validate(plan("preset: gr468-temperature-cycling", 11), map);

    // ramps run on the host where the map has no ramp-rate register, so only the chamber's rated
    // envelope can refuse the preset: Binder MB2's map rates the chamber at 4 K/min
    if (map.limits().maxRampRate() >= 10) {
      assertThat(report.problems()).as(name).isEmpty();
    } else {
      assertThat(report.problems())
          .as(name)
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.path()).endsWith(".ramp.rate"));
    }
  }

  private static String plan(String leg, int samples) {
    StringBuilder modules = new StringBuilder();
    StringBuilder serials = new StringBuilder();
    for (int i = 1; i <= samples; i++) {
      modules.append("  - { serial: M%02d, lot: L1 }\n".formatted(i));
      serials.append(i == 1 ? "" : ", ").append("M%02d".formatted(i));
    }
    return """
        campaign: test
        product: { partNumber: P1 }
        lots: [{ id: L1 }]
        modules:
        %slegs:
          - id: leg
            chamber: chamber-1
            samples: [%s]
            %s
        """
        .formatted(modules, serials, leg);
  }
}

package io.stressflow.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.chamber.ChamberLimits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every bound of a plan names the field it is on, and a plan inside them all passes. */
class PlanBoundsTest {

  static final Map<String, Leg> PRESETS = PresetLibrary.load();
  static final PlanValidator VALIDATOR =
      new PlanValidator(
          id -> "chamber-1".equals(id) ? Optional.of(ChamberLimits.typical()) : Optional.empty());

  @Test
  void shouldPassAPlanInsideEveryBound() {
    assertThat(problems(plan(""))).isEmpty();
    assertThat(VALIDATOR.validate(PlanReader.read(plan(""), PRESETS)).problems()).isEmpty();
  }

  @Test
  void shouldRefuseARepeatCountOfABillionNamingItsPath() {
    List<PlanProblem> problems = problems(plan("").replace("count: 10", "count: 1000000000"));

    assertThat(problems)
        .extracting(PlanProblem::path)
        .contains("legs[0].profile.segments[0].repeat.count", "legs[0].profile.segments");
    assertThat(problems.toString())
        .contains("must be at most 100,000 cycles")
        .contains("more than 1,000,000 steps");
  }

  @Test
  void shouldRefuseNestedRepeatsThatUnrollPastTheCapEvenWithSmallCounts() {
    String inner = "{ soak: { duration: PT1M } }";
    for (int i = 0; i < 3; i++) {
      inner = "{ repeat: { count: 1000, segments: [ " + inner + " ] } }";
    }
    String yaml =
        plan("")
            .replace(
                "- repeat: { count: 10, segments: [ { ramp: { to: 85, rate: 5 } }, { soak: {"
                    + " duration: PT10M } } ] }",
                "- " + inner);

    // 1000 x 1000 x 1000 soaks
    assertThat(problems(yaml))
        .extracting(PlanProblem::path)
        .containsExactly("legs[0].profile.segments");
  }

  @Test
  void shouldRefuseRepeatsNestedTooDeep() {
    String inner = "{ soak: { duration: PT1M } }";
    for (int i = 0; i < PlanBounds.MAX_REPEAT_DEPTH + 1; i++) {
      inner = "{ repeat: { count: 1, segments: [ " + inner + " ] } }";
    }
    String yaml =
        plan("")
            .replace(
                "- repeat: { count: 10, segments: [ { ramp: { to: 85, rate: 5 } }, { soak: {"
                    + " duration: PT10M } } ] }",
                "- " + inner);

    assertThat(problems(yaml).toString()).contains("repeats may be nested at most 8 deep");
  }

  @Test
  void shouldRefuseNonFiniteNumbersNamingEachPath() {
    String yaml =
        plan("")
            .replace("to: 85", "to: NaN")
            .replace("{ setpoint: 50 }", "{ setpoint: Infinity }")
            .replace("at: [5]", "at: [NaN]")
            .replace("txPowerDropDb: 1", "txPowerDropDb: -Infinity");

    assertThat(problems(yaml))
        .extracting(PlanProblem::path)
        .containsExactlyInAnyOrder(
            "legs[0].profile.segments[0].repeat.segments[0].ramp.to",
            "legs[0].profile.segments[1].humidity.setpoint",
            "legs[0].readPoints.at[0]",
            "legs[0].failureCriteria.txPowerDropDb");
  }

  @Test
  void shouldRefuseHugeDurationsAndAZeroInSituInterval() {
    String yaml =
        plan("")
            .replace("duration: PT10M", "duration: 99999999999999999999999d")
            .replace("inSitu: PT10M", "inSitu: PT0S");

    List<PlanProblem> problems = problems(yaml);

    assertThat(problems)
        .extracting(PlanProblem::path)
        .containsExactlyInAnyOrder(
            "legs[0].profile.segments[0].repeat.segments[1].soak.duration", "legs[0].inSitu");
    assertThat(problems.toString()).contains("at most 100,000 h").contains("at least 1 minute");
  }

  @Test
  void shouldRefuseIdsThatAreTooLongOrCarrySpacesOrQuotes() {
    String longId = "L".repeat(70);
    String yaml =
        plan("")
            .replace("id: L1 }", "id: \"L 1\" }")
            .replace("serial: M01, lot: L1", "serial: \"M'01\", lot: L1")
            .replace("id: leg\n", "id: " + longId + "\n");

    List<PlanProblem> problems = problems(yaml);

    assertThat(problems)
        .extracting(PlanProblem::path)
        .contains("lots[0].id", "modules[0].serial", "legs[0].id");
    assertThat(problems.toString())
        .contains("must be at most 64 characters, but has 70")
        .contains("may contain only letters, digits, '.', '_' and '-', but was 'L 1'");
  }

  @Test
  void shouldRefuseTextsLongerThanTheirColumns() {
    String yaml =
        plan("")
            .replace("campaign: bounds", "campaign: " + "t".repeat(201))
            .replace("partNumber: P1", "partNumber: " + "p".repeat(65));

    assertThat(problems(yaml))
        .extracting(PlanProblem::path)
        .containsExactlyInAnyOrder("campaign", "product.partNumber");
  }

  @Test
  void shouldRefuseTooManyLegsReadPointsAndModules() {
    CampaignPlan base = PlanReader.read(plan(""), PRESETS);
    Leg leg = base.legs().get(0);
    List<Leg> legs = new ArrayList<>();
    for (int i = 0; i <= PlanBounds.MAX_LEGS; i++) {
      legs.add(leg);
    }
    List<Double> at = new ArrayList<>();
    for (int i = 1; i <= PlanBounds.MAX_READ_POINTS + 1; i++) {
      at.add((double) i);
    }
    Leg manyReadPoints =
        new Leg(
            leg.id(),
            null,
            null,
            null,
            leg.samples(),
            leg.chamber(),
            null,
            null,
            leg.profile(),
            new Leg.ReadPoints(Leg.ReadPoints.Unit.HOURS, at),
            null,
            null,
            leg.acceptance(),
            null);
    List<CampaignPlan.Module> modules = new ArrayList<>();
    for (int i = 0; i <= PlanBounds.MAX_MODULES; i++) {
      modules.add(new CampaignPlan.Module("M" + i, null, null, null));
    }

    assertThat(PlanBounds.check(new CampaignPlan("t", base.product(), null, modules, legs)))
        .extracting(PlanProblem::path)
        .containsExactlyInAnyOrder("modules", "legs");
    assertThat(
            PlanBounds.check(
                new CampaignPlan("t", base.product(), null, null, List.of(manyReadPoints))))
        .extracting(PlanProblem::path)
        .containsExactly("legs[0].readPoints.at");
  }

  @Test
  void shouldRefuseLotIdsThatTogetherOverflowTheCampaignsLotsColumn() {
    List<CampaignPlan.Lot> lots = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      lots.add(new CampaignPlan.Lot("L".repeat(60) + "%04d".formatted(i), null));
    }

    assertThat(PlanBounds.check(new CampaignPlan("t", null, lots, null, null)).toString())
        .contains("lots: the lot ids together (separated by ', ') may have at most 1,000");
    assertThat(PlanBounds.check(new CampaignPlan("t", null, lots.subList(0, 15), null, null)))
        .isEmpty();
  }

  @Test
  void shouldListAtMostAHundredProblemsAndCountTheRest() {
    List<CampaignPlan.Module> modules = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      modules.add(new CampaignPlan.Module("bad serial " + i, null, null, null));
    }

    List<PlanProblem> problems = PlanBounds.check(new CampaignPlan("t", null, null, modules, null));

    assertThat(problems).hasSize(PlanBounds.MAX_PROBLEMS + 1);
    assertThat(problems.get(PlanBounds.MAX_PROBLEMS).toString())
        .isEqualTo("(plan): 400 more problems are not listed; fix these first");
  }

  /** The largest plan the bounds let through is read and validated in bounded time. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldValidateTheLargestPlanInsideTheBounds() {
    int legs = PlanBounds.MAX_LEGS;
    int perLeg = PlanBounds.MAX_MODULES / legs;
    StringBuilder yaml =
        new StringBuilder("campaign: largest\nproduct: { partNumber: P1 }\nlots: [{ id: L1 }]\n");
    yaml.append("modules:\n");
    for (int i = 0; i < legs * perLeg; i++) {
      yaml.append("  - { serial: M").append(i).append(", lot: L1 }\n");
    }
    yaml.append("legs:\n");
    for (int l = 0; l < legs; l++) {
      yaml.append("  - id: leg").append(l).append("\n    chamber: chamber-1\n    samples: [");
      for (int j = 0; j < perLeg; j++) {
        yaml.append(j == 0 ? "" : ", ").append('M').append(l * perLeg + j);
      }
      yaml.append("]\n")
          .append(l == 0 ? "" : "    after: [leg" + (l - 1) + "]\n")
          .append("    profile: { segments: [ { repeat: { count: 100000, segments: [")
          .append(" { ramp: { to: 85, rate: 10 } }, { soak: { duration: 1m } },")
          .append(" { repeat: { count: 2, segments: [ { ramp: { to: -40, rate: 10 } },")
          .append(" { ramp: { to: 85, rate: 10 } } ] } } ] } } ] }\n")
          .append("    readPoints: { unit: CYCLES, at: [100, 1000, 100000] }\n")
          .append("    acceptance: { sampleSize: ")
          .append(perLeg)
          .append(", allowedFailures: ")
          .append(perLeg - 1)
          .append(" }\n");
    }
    assertThat(PlanReader.utf8Length(yaml.toString())).isLessThan(PlanBounds.MAX_PLAN_BYTES);

    PlanReport report = VALIDATOR.validate(PlanReader.read(yaml.toString(), PRESETS));

    assertThat(report.problems()).isEmpty();
    assertThat(report.legs()).hasSize(legs);
    assertThat(report.legs().get(0).cycles()).isEqualTo(100_000);
  }

  @Test
  void shouldFindCirclesInALongAfterChainWithoutRecursion() {
    // 100,000 legs each waiting for the one before, and the first for the last: one big circle,
    // plus one leg that waits for the circle without being on it
    int n = 100_000;
    List<Leg> legs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      legs.add(leg("l" + i, List.of("l" + ((i + n - 1) % n))));
    }
    legs.add(leg("outside", List.of("l0")));
    Set<PlanProblem> problems = new LinkedHashSet<>();

    PlanValidator.afterCycles(new CampaignPlan("t", null, null, null, legs), problems);

    assertThat(problems).hasSize(n);
    assertThat(problems).extracting(PlanProblem::path).doesNotContain("legs[" + n + "].after");
  }

  @Test
  void shouldFindNoCircleInAChainAndOneInASelfReference() {
    Set<PlanProblem> problems = new LinkedHashSet<>();
    PlanValidator.afterCycles(
        new CampaignPlan(
            "t",
            null,
            null,
            null,
            List.of(leg("a", List.of()), leg("b", List.of("a")), leg("c", List.of("b", "a")))),
        problems);
    assertThat(problems).isEmpty();

    PlanValidator.afterCycles(
        new CampaignPlan("t", null, null, null, List.of(leg("a", List.of("a")))), problems);
    assertThat(problems).extracting(PlanProblem::path).containsExactly("legs[0].after");
  }

  private static Leg leg(String id, List<String> after) {
    return new Leg(
        id, null, null, null, null, null, null, after, null, null, null, null, null, null);
  }

  private static List<PlanProblem> problems(String yaml) {
    return PlanBounds.check(PlanReader.read(yaml, PRESETS));
  }

  /** A small valid plan. */
  static String plan(String extra) {
    return """
        campaign: bounds
        product: { partNumber: P1 }
        lots: [{ id: L1 }]
        modules: [{ serial: M01, lot: L1 }]
        legs:
          - id: leg
            chamber: chamber-1
            samples: [M01]
            profile:
              segments:
                - repeat: { count: 10, segments: [ { ramp: { to: 85, rate: 5 } }, { soak: { duration: PT10M } } ] }
                - humidity: { setpoint: 50 }
                - humidity: { off: true }
            readPoints: { unit: CYCLES, at: [5] }
            inSitu: PT10M
            failureCriteria: { txPowerDropDb: 1 }
            acceptance: { sampleSize: 1, allowedFailures: 0 }
        %s"""
        .formatted(extra);
  }
}

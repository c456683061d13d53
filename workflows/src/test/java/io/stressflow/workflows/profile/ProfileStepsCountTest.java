package io.stressflow.workflows.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A profile's size is known without unrolling it, however large it is. */
class ProfileStepsCountTest {

  @Test
  void shouldCountTheUnrolledStepsWithoutUnrollingThem() {
    Leg.Profile gr468 =
        new Leg.Profile(
            List.of(
                new Segment.Repeat(
                    500,
                    List.of(
                        new Segment.Ramp(-40.0, 10.0, null),
                        new Segment.Soak("PT30M", null, null),
                        new Segment.Ramp(85.0, 10.0, null),
                        new Segment.Soak("PT30M", null, null))),
                new Segment.Ramp(23.0, 10.0, null)),
            null);

    assertThat(ProfileSteps.count(gr468))
        .isEqualTo(ProfileSteps.of(gr468, Durations::parse).size())
        .isEqualTo(500 * 5 + 1);
  }

  @Test
  void shouldWalkABillionTimesABillionCyclesStoredBeforeThePlanBounds() {
    Leg.Profile huge =
        new Leg.Profile(
            List.of(
                new Segment.Repeat(
                    1_000_000_000,
                    List.of(
                        new Segment.Repeat(
                            1_000_000_000, List.of(new Segment.Soak("PT1M", null, null)))))),
            null);

    long perCycle = 1_000_000_000L + 1;
    ProfileSteps steps = ProfileSteps.of(huge, Durations::parse);
    assertThat(ProfileSteps.count(huge))
        .isEqualTo(steps.size())
        .isEqualTo(1_000_000_000L * perCycle);
    assertThat(steps.get(perCycle * 999_999_999L + 1_000_000_000L))
        .isEqualTo(new ProfileStep.CycleEnd(1_000_000_000L));
    assertThat(steps.get(perCycle * 7 + 3)).isInstanceOf(ProfileStep.Soak.class);
  }
}

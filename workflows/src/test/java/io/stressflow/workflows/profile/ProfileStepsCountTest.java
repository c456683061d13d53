package io.stressflow.workflows.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A profile's size is known without unrolling it, and an oversized one is never unrolled. */
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
        .isEqualTo(ProfileSteps.expand(gr468, Durations::parse).size())
        .isEqualTo(500 * 5 + 1);
  }

  @Test
  void shouldRefuseToUnrollABillionCyclesStoredBeforeThePlanBounds() {
    Leg.Profile huge =
        new Leg.Profile(
            List.of(
                new Segment.Repeat(
                    1_000_000_000,
                    List.of(
                        new Segment.Repeat(
                            1_000_000_000, List.of(new Segment.Soak("PT1M", null, null)))))),
            null);

    assertThat(ProfileSteps.count(huge)).isEqualTo(1_000_000_000L * (1_000_000_000L + 1));
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class, () -> ProfileSteps.expand(huge, Durations::parse)))
        .hasMessageContaining("more than the 1000000 a run may hold");
  }
}

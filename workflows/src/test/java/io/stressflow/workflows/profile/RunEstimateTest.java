package io.stressflow.workflows.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PresetLibrary;
import org.junit.jupiter.api.Test;

/** The ETA at the chamber's achieved ramp rate (issue #19, item 11). */
class RunEstimateTest {

  private final Leg tc = PresetLibrary.load().get("gr468-temperature-cycling");

  @Test
  void theGr468CyclingLegIs500HoursAtConditionAnd708NominalAtItsPlannedRamps() {
    // 500 x (2 x 30 min soak) at condition; 500 x 2 x 125 K at 10 K/min of ramps, and 63 K home
    assertThat(RunEstimate.conditionHours(tc)).isCloseTo(500, within(1e-9));
    RunEstimate nominal = RunEstimate.of(tc, null);
    assertThat(nominal.totalHours() - recovery(tc))
        .isCloseTo(500 + 500 * 250 / 10.0 / 60 + (23 + 40 + 62) / 10.0 / 60, within(0.5));
    assertThat(RunEstimate.fastestRamp(tc)).isEqualTo(10.0);
  }

  @Test
  void aChamberThatRampsAt4KPerMinuteTakesTheRampsTwoAndAHalfTimesAsLong() {
    Leg slow = RunEstimate.atMost(tc, 4.0);
    double nominalRamps = RunEstimate.of(tc, null).totalHours() - 500 - recovery(tc);
    double slowRamps = RunEstimate.of(slow, null).totalHours() - 500 - recovery(slow);
    assertThat(slowRamps).isCloseTo(nominalRamps * 10 / 4.0, within(0.5));
    // soaks are not ramps: hours at condition are the same
    assertThat(RunEstimate.conditionHours(slow)).isCloseTo(500, within(1e-9));
    assertThat(RunEstimate.fastestRamp(slow)).isEqualTo(4.0);
  }

  @Test
  void theRemainingTimeOfARunUnderWayUsesTheAchievedRateForWhatIsLeft() {
    ProfileProgress initial = ProfileProgress.initial();
    // half the profile's steps done
    long half =
        ProfileSteps.of(tc.profile(), io.stressflow.workflows.plan.Durations::parse).size() / 2;
    ProfileProgress p = initial.withStep(half);
    RunEstimate nominal = RunEstimate.of(tc, p);
    RunEstimate slow = RunEstimate.of(RunEstimate.atMost(tc, 4.0), p);
    // half the ramps are left: half of the 2.5x ramp time over the nominal
    double extraRamps =
        (RunEstimate.of(RunEstimate.atMost(tc, 4.0), null).totalHours()
            - RunEstimate.of(tc, null).totalHours());
    assertThat(slow.remainingHours() - nominal.remainingHours())
        .isCloseTo(extraRamps / 2, within(2.0));
    // progress is nominal: the same fraction of the profile's steps, whichever the rate
    assertThat(nominal.fraction()).isBetween(0.45, 0.55);
  }

  @Test
  void aRateAtOrAboveThePlansChangesNothing() {
    Leg fast = RunEstimate.atMost(tc, 15.0);
    assertThat(RunEstimate.of(fast, null).totalHours())
        .isCloseTo(RunEstimate.of(tc, null).totalHours(), within(1e-9));
    assertThat(RunEstimate.atMost(tc, null)).isSameAs(tc);
  }

  private static double recovery(Leg leg) {
    LazyProfile steps =
        ProfileSteps.of(leg.profile(), io.stressflow.workflows.plan.Durations::parse);
    return RunEstimate.recoveryHours(leg, steps) * leg.readPoints().at().size();
  }
}

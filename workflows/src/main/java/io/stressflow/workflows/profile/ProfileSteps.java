package io.stressflow.workflows.profile;

import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.Segment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Unrolls a validated plan profile into executable steps. */
public final class ProfileSteps {

  private ProfileSteps() {}

  /**
   * Unrolls a profile. Top-level repeats end each cycle with a {@link ProfileStep.CycleEnd}; nested
   * repeats only repeat their steps. A ramp given by duration becomes a ramp at the rate that
   * covers its distance in that time.
   *
   * @param profile a profile that passed plan validation.
   * @param durations parses plan durations (ISO-8601 or short forms).
   * @return the steps, in order.
   */
  public static List<ProfileStep> expand(
      Leg.Profile profile, java.util.function.Function<String, Duration> durations) {
    long count = count(profile);
    if (count > io.stressflow.workflows.plan.PlanBounds.MAX_PROFILE_STEPS) {
      // plan validation refuses such a profile; one stored before it did must not exhaust memory
      throw new IllegalArgumentException(
          "the profile unrolls to %d steps, more than the %d a run may hold"
              .formatted(count, io.stressflow.workflows.plan.PlanBounds.MAX_PROFILE_STEPS));
    }
    List<ProfileStep> steps = new ArrayList<>();
    double[] temperature = {23.0};
    long[] cycles = {0};
    for (Segment s : profile.segments()) {
      if (s instanceof Segment.Repeat r) {
        for (int i = 0; i < r.count(); i++) {
          unroll(r.segments(), steps, temperature, durations, true);
          steps.add(new ProfileStep.CycleEnd(++cycles[0]));
        }
      } else {
        unroll(List.of(s), steps, temperature, durations, false);
      }
    }
    return steps;
  }

  /**
   * How many steps a profile unrolls to (cycle ends included), without unrolling it; saturates
   * instead of overflowing.
   *
   * @param profile the profile.
   * @return the number of steps.
   */
  public static long count(Leg.Profile profile) {
    long n = 0;
    for (Segment s : profile.segments()) {
      if (s instanceof Segment.Repeat r) {
        long times = r.count() == null ? 0 : Math.max(0, r.count());
        n = add(n, multiply(times, add(count(r.segments()), 1)));
      } else {
        n = add(n, 1);
      }
    }
    return n;
  }

  private static long count(List<Segment> segments) {
    long n = 0;
    for (Segment s : segments) {
      if (s instanceof Segment.Repeat r) {
        long times = r.count() == null ? 0 : Math.max(0, r.count());
        n = add(n, multiply(times, count(r.segments())));
      } else {
        n = add(n, 1);
      }
    }
    return n;
  }

  private static long add(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE / 2 : Math.min(r, Long.MAX_VALUE / 2);
  }

  private static long multiply(long a, long b) {
    if (a != 0 && b > (Long.MAX_VALUE / 2) / a) {
      return Long.MAX_VALUE / 2;
    }
    return a * b;
  }

  private static void unroll(
      List<Segment> segments,
      List<ProfileStep> steps,
      double[] temperature,
      java.util.function.Function<String, Duration> durations,
      boolean inCycle) {
    for (Segment s : segments) {
      if (s instanceof Segment.Ramp r) {
        Double rate = r.rate();
        if (rate == null && r.duration() != null) {
          double minutes = durations.apply(r.duration()).toMillis() / 60000.0;
          rate = minutes > 0 ? Math.max(0.01, Math.abs(r.to() - temperature[0]) / minutes) : null;
        }
        steps.add(
            new ProfileStep.Ramp(
                r.to(), rate, ProfileStep.RAMP_TOLERANCE, r.rateTolerance(), inCycle));
        temperature[0] = r.to();
      } else if (s instanceof Segment.Soak k) {
        double below = k.band() == null ? ProfileStep.DEFAULT_BAND : k.band().below();
        double above = k.band() == null ? ProfileStep.DEFAULT_BAND : k.band().above();
        boolean onLoad = k.measuredOn() != Segment.MeasuredOn.AIR;
        steps.add(new ProfileStep.Soak(durations.apply(k.duration()), below, above, onLoad));
      } else if (s instanceof Segment.Humidity h) {
        steps.add(new ProfileStep.Humidity(h.switchesOff() ? null : h.setpoint(), h.tolerance()));
      } else if (s instanceof Segment.Repeat r) {
        for (int i = 0; i < r.count(); i++) {
          unroll(r.segments(), steps, temperature, durations, inCycle);
        }
      }
    }
  }
}

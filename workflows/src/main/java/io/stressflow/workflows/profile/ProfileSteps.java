package io.stressflow.workflows.profile;

import io.stressflow.workflows.plan.Leg;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A profile's executable steps, in order: plan segments with their repeats unrolled, so a run's
 * position is a single index that is stored with the run and survives a restart.
 *
 * <p>A profile is never unrolled into memory: {@link #of} answers step {@code n} by arithmetic over
 * the repeat counts, so a run's memory does not depend on how many cycles its plan asks for (a run
 * stored with {@code repeat.count: 1000000000} costs what a run of one cycle costs). Top-level
 * repeats end each cycle with a {@link ProfileStep.CycleEnd}; nested repeats only repeat their
 * steps. A ramp given by duration becomes a ramp at the rate that covers its distance in that time.
 */
public interface ProfileSteps extends Iterable<ProfileStep> {

  /**
   * How many steps there are; saturates at {@code Long.MAX_VALUE / 2} instead of overflowing.
   *
   * @return the number of steps, cycle ends included.
   */
  long size();

  /**
   * One step.
   *
   * @param index from 0, below {@link #size()}.
   * @return the step.
   * @throws IndexOutOfBoundsException when there is no such step.
   */
  ProfileStep get(long index);

  /** Walks the steps in order, one at a time; holds no more than the position. */
  @Override
  default Iterator<ProfileStep> iterator() {
    return new Iterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return next < size();
      }

      @Override
      public ProfileStep next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return get(next++);
      }
    };
  }

  /**
   * The steps of a validated plan profile, walked lazily.
   *
   * @param profile a profile that passed plan validation (or one stored before the bounds existed:
   *     its size does not matter).
   * @param durations parses plan durations (ISO-8601 or short forms).
   * @return the steps.
   */
  static LazyProfile of(Leg.Profile profile, Function<String, Duration> durations) {
    return new LazyProfile(profile, durations);
  }

  /**
   * Steps given one by one (tests, benchmarks).
   *
   * @param steps the steps, in order.
   * @return the same steps.
   */
  static ProfileSteps listed(List<ProfileStep> steps) {
    List<ProfileStep> copy = List.copyOf(steps);
    return new ProfileSteps() {
      @Override
      public long size() {
        return copy.size();
      }

      @Override
      public ProfileStep get(long index) {
        if (index < 0 || index >= copy.size()) {
          throw new IndexOutOfBoundsException("no step " + index + " of " + copy.size());
        }
        return copy.get((int) index);
      }
    };
  }

  /**
   * How many steps a profile unrolls to (cycle ends included), without unrolling it; saturates
   * instead of overflowing.
   *
   * @param profile the profile.
   * @return the number of steps.
   */
  static long count(Leg.Profile profile) {
    return LazyProfile.count(profile);
  }
}

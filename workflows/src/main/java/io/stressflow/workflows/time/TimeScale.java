package io.stressflow.workflows.time;

import java.time.Duration;

/**
 * How much faster than real time profiles run: simulated seconds per wall-clock second.
 *
 * <p>Production runs at 1. Tests and the demo run compressed plans against simulated chambers, e.g.
 * 3600 runs an hour of profile per second.
 *
 * @param factor simulated seconds per wall second, range (0, 1e6].
 */
public record TimeScale(double factor) {

  public TimeScale {
    if (!(factor > 0 && factor <= 1e6)) {
      throw new IllegalArgumentException(
          "Expected stressflow.time-scale within (0, 1000000], but was " + factor);
    }
  }

  /**
   * Converts a profile duration into the wall-clock time it takes at this scale.
   *
   * @param simulated a duration of profile time.
   * @return the wall-clock duration, at least one millisecond.
   */
  public Duration toWall(Duration simulated) {
    long millis = Math.round(simulated.toMillis() / factor);
    return Duration.ofMillis(Math.max(1, millis));
  }

  /**
   * Converts wall-clock time into profile time.
   *
   * @param wall a wall-clock duration.
   * @return the profile duration it represents at this scale.
   */
  public Duration toSimulated(Duration wall) {
    return Duration.ofMillis(Math.round(wall.toMillis() * factor));
  }
}

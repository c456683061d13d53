package io.stressflow.workflows.profile;

import java.time.Duration;

/**
 * One executable step of a profile: plan segments with their repeats unrolled, so a run's position
 * is a single index that is stored with the run and survives a restart.
 */
public sealed interface ProfileStep {

  /**
   * Write a temperature setpoint (with the ramp rate, if any) and wait until the air is within
   * {@code tolerance} of it.
   *
   * @param to target, degC.
   * @param rate K/min, or null for as fast as the chamber goes.
   * @param tolerance K, &gt; 0.
   * @param rateTolerance K/min the achieved rate may differ from {@code rate}, or null to log it
   *     without judging it.
   * @param inCycle whether the ramp is part of a top-level repeat (its achieved rate is reported
   *     with the cycle's end instead of on its own).
   */
  record Ramp(double to, Double rate, double tolerance, Double rateTolerance, boolean inCycle)
      implements ProfileStep {

    /**
     * A ramp outside any cycle whose achieved rate is not judged.
     *
     * @param to target, degC.
     * @param rate K/min, or null.
     * @param tolerance K.
     */
    public Ramp(double to, Double rate, double tolerance) {
      this(to, rate, tolerance, null, false);
    }
  }

  /**
   * Hold until {@code duration} of profile time has been spent inside the band (guaranteed soak);
   * time outside the band is not credited and is logged as a deviation.
   *
   * @param duration the soak time to credit.
   * @param below K under the setpoint still inside.
   * @param above K over the setpoint still inside.
   * @param onLoad measure on the load (DUT) thermocouple; false for chamber air.
   */
  record Soak(Duration duration, double below, double above, boolean onLoad)
      implements ProfileStep {}

  /**
   * Set humidity (or switch it off with null); takes effect with the current temperature target.
   *
   * @param setpoint %RH or null.
   * @param tolerance &plusmn;%RH a humidity soak credits within, or null for the default.
   */
  record Humidity(Double setpoint, Double tolerance) implements ProfileStep {

    /**
     * Humidity with the default tolerance.
     *
     * @param setpoint %RH or null.
     */
    public Humidity(Double setpoint) {
      this(setpoint, null);
    }
  }

  /** Default humidity tolerance when a segment gives none, &plusmn;%RH. */
  double DEFAULT_HUMIDITY_TOLERANCE = 5.0;

  /**
   * Marks the end of one cycle of a top-level repeat.
   *
   * @param number the cycle just completed, from 1.
   */
  record CycleEnd(long number) implements ProfileStep {}

  /** Default tolerance for a ramp's arrival, K. */
  double RAMP_TOLERANCE = 1.0;

  /** Default soak band when a segment gives none, K on each side. */
  double DEFAULT_BAND = 2.0;
}

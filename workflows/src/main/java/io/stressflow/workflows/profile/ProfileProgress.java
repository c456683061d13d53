package io.stressflow.workflows.profile;

import java.time.Instant;

/**
 * Where a profile run stands. Stored with the run after every tick, in the same write as the
 * effects' bookkeeping, so a restart resumes at the same step with the same counts.
 *
 * @param step index of the current step.
 * @param entered whether the current step's setpoint has been written in this process; false after
 *     a restart or resume, so the setpoint is asserted again.
 * @param targetTemperature the temperature setpoint in force, degC.
 * @param rampRate the ramp rate in force, K/min, or null.
 * @param humidity the humidity setpoint in force, %RH, or null when off.
 * @param cycles cycles completed.
 * @param soakCredited profile time credited to the current soak, s.
 * @param stressSeconds profile time credited to all soaks of the run, s.
 * @param lastInBand whether the previous reading of the current soak was inside its band.
 * @param lastTick wall time of the previous tick, or null.
 * @param deviation the deviation open now, or null.
 * @param nextReadPoint index of the next read point not yet reached.
 * @param paused whether the run is paused (nothing credited, nothing advanced).
 * @param done whether the run has completed.
 */
public record ProfileProgress(
    int step,
    boolean entered,
    double targetTemperature,
    Double rampRate,
    Double humidity,
    long cycles,
    double soakCredited,
    double stressSeconds,
    boolean lastInBand,
    Instant lastTick,
    Deviation deviation,
    int nextReadPoint,
    boolean paused,
    boolean done) {

  /** The progress of a run that has not started: at ambient, humidity off. */
  public static ProfileProgress initial() {
    return new ProfileProgress(
        0, false, 23.0, null, null, 0, 0, 0, false, null, null, 0, false, false);
  }

  /**
   * A time the measured temperature spent outside its soak band.
   *
   * @param start when it left the band (wall clock).
   * @param setpoint the setpoint, degC.
   * @param worst the farthest reading from the setpoint, degC.
   */
  public record Deviation(Instant start, double setpoint, double worst) {}

  ProfileProgress withStep(int next) {
    return new ProfileProgress(
        next,
        false,
        targetTemperature,
        rampRate,
        humidity,
        cycles,
        0,
        stressSeconds,
        false,
        lastTick,
        null,
        nextReadPoint,
        paused,
        done);
  }

  ProfileProgress withTick(Instant now) {
    return new ProfileProgress(
        step,
        entered,
        targetTemperature,
        rampRate,
        humidity,
        cycles,
        soakCredited,
        stressSeconds,
        lastInBand,
        now,
        deviation,
        nextReadPoint,
        paused,
        done);
  }

  /**
   * This progress after a restart or resume: re-assert the setpoint, credit nothing for the gap.
   */
  public ProfileProgress reentered() {
    return new ProfileProgress(
        step,
        false,
        targetTemperature,
        rampRate,
        humidity,
        cycles,
        soakCredited,
        stressSeconds,
        false,
        null,
        deviation,
        nextReadPoint,
        paused,
        done);
  }

  /** Paused or running. */
  public ProfileProgress withPaused(boolean value) {
    return new ProfileProgress(
        step,
        entered,
        targetTemperature,
        rampRate,
        humidity,
        cycles,
        soakCredited,
        stressSeconds,
        false,
        lastTick,
        deviation,
        nextReadPoint,
        value,
        done);
  }

  /** Entered its step with this setpoint in force. */
  ProfileProgress withSetpoint(double target, Double rate, Double rh) {
    return new ProfileProgress(
        step,
        true,
        target,
        rate,
        rh,
        cycles,
        soakCredited,
        stressSeconds,
        lastInBand,
        lastTick,
        deviation,
        nextReadPoint,
        paused,
        done);
  }

  /** A cycle end counted. */
  ProfileProgress withCycles(long completed) {
    return new ProfileProgress(
        step,
        true,
        targetTemperature,
        rampRate,
        humidity,
        completed,
        soakCredited,
        stressSeconds,
        lastInBand,
        lastTick,
        deviation,
        nextReadPoint,
        paused,
        done);
  }

  /** A soak evaluated. */
  ProfileProgress withSoak(double credited, double stress, boolean inBand, Deviation open) {
    return new ProfileProgress(
        step,
        true,
        targetTemperature,
        rampRate,
        humidity,
        cycles,
        credited,
        stress,
        inBand,
        lastTick,
        open,
        nextReadPoint,
        paused,
        done);
  }

  /** Read points up to {@code next} reached. */
  ProfileProgress withNextReadPoint(int next) {
    return new ProfileProgress(
        step,
        entered,
        targetTemperature,
        rampRate,
        humidity,
        cycles,
        soakCredited,
        stressSeconds,
        lastInBand,
        lastTick,
        deviation,
        next,
        paused,
        done);
  }

  /** The last step is done. */
  ProfileProgress completed() {
    return new ProfileProgress(
        step,
        true,
        targetTemperature,
        rampRate,
        humidity,
        cycles,
        0,
        stressSeconds,
        false,
        lastTick,
        null,
        nextReadPoint,
        false,
        true);
  }
}

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
 * @param extras the rest of the run's state: humidity band, recovery for a read point, ramp-rate
 *     watch (stored as one JSON document; never null).
 */
public record ProfileProgress(
    long step,
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
    boolean done,
    Extras extras) {

  public ProfileProgress {
    extras = extras == null ? Extras.NONE : extras;
  }

  /** The progress of a run that has not started: at ambient, humidity off. */
  public static ProfileProgress initial() {
    return new ProfileProgress(
        0, false, 23.0, null, null, 0, 0, 0, false, null, null, 0, false, false, Extras.NONE);
  }

  /**
   * A time the measured temperature spent outside its soak band.
   *
   * @param start when it left the band (wall clock).
   * @param setpoint the setpoint, degC.
   * @param worst the farthest reading from the setpoint, degC.
   */
  public record Deviation(Instant start, double setpoint, double worst) {}

  ProfileProgress withStep(long next) {
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
        done,
        extras.forNextStep());
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
        done,
        extras);
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
        done,
        extras.reentered());
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
        done,
        extras);
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
        done,
        extras);
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
        done,
        extras);
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
        done,
        extras);
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
        done,
        extras);
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
        true,
        extras);
  }

  /** The same progress with other extras. */
  ProfileProgress withExtras(Extras next) {
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
        nextReadPoint,
        paused,
        done,
        next);
  }

  /** The same progress with the setpoint in force replaced (a recovery's return). */
  ProfileProgress withTarget(double target, boolean enteredNow) {
    return new ProfileProgress(
        step,
        enteredNow,
        target,
        rampRate,
        humidity,
        cycles,
        soakCredited,
        stressSeconds,
        false,
        lastTick,
        deviation,
        nextReadPoint,
        paused,
        done,
        extras);
  }

  /** Whether a read point's recovery (or measurement) interrupts stress now. */
  public boolean recovering() {
    return extras.recovery() != null;
  }

  /**
   * The run's state beyond the temperature soak: stored as one JSON document with the run.
   *
   * @param humidityTolerance &plusmn;%RH of the humidity setpoint in force, or null for the
   *     default.
   * @param humidityDeviation an open humidity excursion during a soak, or null.
   * @param settled whether the current soak has been inside its band (temperature and humidity)
   *     since it was entered or resumed: before that it is stabilising, not deviating.
   * @param recovery the read point being recovered for and measured, or null under stress.
   * @param ramp the ramp-rate watch of the ramp in progress, or null.
   * @param lastAir the previous reading's air temperature, degC, or null.
   * @param cycleRamps the achieved ramp rates of the cycle in progress, K/min, as text.
   * @param loadSensorMissing whether the run has reported soaks measured on air for want of a load
   *     sensor.
   */
  public record Extras(
      Double humidityTolerance,
      HumidityDeviation humidityDeviation,
      boolean settled,
      Recovery recovery,
      RampWatch ramp,
      Double lastAir,
      String cycleRamps,
      boolean loadSensorMissing) {

    /** Nothing beyond the basics. */
    public static final Extras NONE = new Extras(null, null, false, null, null, null, null, false);

    Extras forNextStep() {
      return new Extras(
          humidityTolerance,
          humidityDeviation,
          false,
          recovery,
          null,
          lastAir,
          cycleRamps,
          loadSensorMissing);
    }

    Extras reentered() {
      return new Extras(
          humidityTolerance,
          humidityDeviation,
          false,
          recovery,
          null,
          null,
          cycleRamps,
          loadSensorMissing);
    }

    Extras with(
        Double humidityTolerance,
        HumidityDeviation humidityDeviation,
        boolean settled,
        Recovery recovery,
        RampWatch ramp,
        Double lastAir,
        String cycleRamps,
        boolean loadSensorMissing) {
      return new Extras(
          humidityTolerance,
          humidityDeviation,
          settled,
          recovery,
          ramp,
          lastAir,
          cycleRamps,
          loadSensorMissing);
    }

    Extras withRecovery(Recovery r) {
      return with(
          humidityTolerance,
          humidityDeviation,
          settled,
          r,
          ramp,
          lastAir,
          cycleRamps,
          loadSensorMissing);
    }

    Extras withRamp(RampWatch w) {
      return with(
          humidityTolerance,
          humidityDeviation,
          settled,
          recovery,
          w,
          lastAir,
          cycleRamps,
          loadSensorMissing);
    }

    Extras withLastAir(Double air) {
      return with(
          humidityTolerance,
          humidityDeviation,
          settled,
          recovery,
          ramp,
          air,
          cycleRamps,
          loadSensorMissing);
    }

    Extras withCycleRamps(String text) {
      return with(
          humidityTolerance,
          humidityDeviation,
          settled,
          recovery,
          ramp,
          lastAir,
          text,
          loadSensorMissing);
    }
  }

  /**
   * A humidity excursion during a soak.
   *
   * @param startMillis when it left the band (wall clock, epoch ms).
   * @param setpoint the humidity setpoint, %RH.
   * @param worst the farthest reading from it, %RH.
   */
  public record HumidityDeviation(long startMillis, double setpoint, double worst) {}

  /**
   * The read point a run is recovering for and measuring: stress is interrupted, nothing is
   * credited, and the stress setpoint in force stays in the progress to return to.
   *
   * @param label the read point, e.g. {@code 168 h}.
   * @param hours time on test at the read point, h.
   * @param cycles cycles at the read point.
   * @param phase where the recovery stands.
   * @param written whether the phase's setpoint has been written in this process.
   * @param dwellCredited profile time credited to the dwell, s.
   * @param seconds profile time spent recovering so far, s.
   * @param lastInBand whether the previous reading of the dwell was inside its band.
   * @param sinceMillis when the recovery began (wall clock, epoch ms).
   */
  public record Recovery(
      String label,
      double hours,
      long cycles,
      Phase phase,
      boolean written,
      double dwellCredited,
      double seconds,
      boolean lastInBand,
      long sinceMillis) {

    Recovery next(Phase p) {
      return new Recovery(label, hours, cycles, p, false, 0, seconds, false, sinceMillis);
    }

    Recovery markWritten() {
      return new Recovery(
          label, hours, cycles, phase, true, dwellCredited, seconds, lastInBand, sinceMillis);
    }

    Recovery unwritten() {
      return new Recovery(
          label, hours, cycles, phase, false, dwellCredited, seconds, false, sinceMillis);
    }

    Recovery dwell(double credited, double total, boolean inBand) {
      return new Recovery(
          label, hours, cycles, phase, written, credited, total, inBand, sinceMillis);
    }

    /** The phases of a recovery, in order. */
    public enum Phase {
      /** Humidity off at the stress temperature until the dew point is below the recovery one. */
      DRY,
      /** Ramping to the recovery temperature. */
      COOL,
      /** Holding the load in the recovery band. */
      DWELL,
      /** The modules are being measured; the chamber holds the recovery condition. */
      MEASURE,
      /** Back to the stress temperature (then the stress humidity). */
      RETURN
    }
  }

  /**
   * Watches a ramp's achieved rate: the air's 10 % to 90 % crossing of the swing.
   *
   * @param from the air temperature when the ramp began, degC.
   * @param to the ramp's target, degC.
   * @param t10Millis when the air crossed 10 % of the swing (wall clock, epoch ms), or null.
   * @param done whether the rate has been measured.
   */
  public record RampWatch(double from, double to, Long t10Millis, boolean done) {}
}

package io.stressflow.chamber;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One complete reading of a chamber.
 *
 * @param time when the reading was taken (when the answer arrived), UTC.
 * @param airTemperature the air temperature (process value), degC.
 * @param airSetpoint the air temperature setpoint the controller is working to, degC.
 * @param loadTemperature the load / DUT temperature in degC, or {@code null} if the controller has
 *     no load sensor.
 * @param humidity the relative humidity in %RH [0, 100], or {@code null} if the chamber has no
 *     humidity sensor.
 * @param humiditySetpoint the humidity setpoint in %RH [0, 100], or {@code null} if the chamber has
 *     no humidity control.
 * @param mode the operating mode.
 * @param alarms the active alarms; empty if none.
 * @param doorOpen {@code true} if the door is open ({@code false} also when the controller does not
 *     report the door).
 */
public record ChamberState(
    Instant time,
    double airTemperature,
    double airSetpoint,
    Double loadTemperature,
    Double humidity,
    Double humiditySetpoint,
    OperatingMode mode,
    Set<ChamberAlarm> alarms,
    boolean doorOpen) {

  /** Validates and copies the components. */
  public ChamberState {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(mode, "mode");
    alarms = Set.copyOf(Objects.requireNonNull(alarms, "alarms"));
  }

  /**
   * Tells whether the over-temperature limit has tripped.
   *
   * @return {@code true} if {@link ChamberAlarm#OVER_TEMPERATURE} is active.
   */
  public boolean overTemperature() {
    return alarms.contains(ChamberAlarm.OVER_TEMPERATURE);
  }
}

package io.stressflow.workflows.profile;

import io.stressflow.chamber.ChamberLimits;
import io.stressflow.chamber.registermap.MapCapabilities;

/**
 * How a chamber turns humidity "off", which the profile needs to know to dry a damp-heat load out
 * before cooling it. A controller with a humidity switch ({@code humidity.enable} in its register
 * map) stops humidifying; one without it (Binder MB2, Eurotherm 3500, Watlow F4, CSZ EZT-570i)
 * keeps the last humidity setpoint in force, so "off" there means writing its lowest humidity
 * setpoint: the controller then dehumidifies, and keeps doing so while it cools.
 *
 * @param switchable the controller can switch humidity control off (or has no humidity setpoint at
 *     all, so there is nothing to switch).
 * @param lowest the lowest humidity setpoint the chamber accepts, %RH (its limits' minimum).
 * @param minTemperature the lowest air setpoint at which a humidity setpoint may be written, degC.
 * @param maxTemperature the highest air setpoint at which a humidity setpoint may be written, degC.
 */
public record ChamberHumidity(
    boolean switchable, double lowest, double minTemperature, double maxTemperature) {

  /** A chamber that switches humidity off (what the profile assumes when it knows no better). */
  public static final ChamberHumidity SWITCHABLE = new ChamberHumidity(true, 0, 0, 0);

  /**
   * A chamber's humidity control.
   *
   * @param map what its register map can do.
   * @param limits its rated envelope.
   * @return how it turns humidity off.
   */
  public static ChamberHumidity of(MapCapabilities map, ChamberLimits limits) {
    return new ChamberHumidity(
        map.humiditySwitch() || !map.humiditySetpoint(),
        limits.minHumidity(),
        limits.humidityMinTemperature(),
        limits.humidityMaxTemperature());
  }

  /**
   * The humidity setpoint to write for "humidity off" with this air setpoint.
   *
   * @param temperature the air setpoint written with it, degC.
   * @return null where the controller switches humidity off, or outside its humidity window (where
   *     the limits refuse a humidity setpoint, the controller does not humidify, and the lowest
   *     setpoint written before stays in force); otherwise the lowest setpoint.
   */
  public Double off(double temperature) {
    if (switchable || temperature < minTemperature || temperature > maxTemperature) {
      return null;
    }
    return lowest;
  }
}

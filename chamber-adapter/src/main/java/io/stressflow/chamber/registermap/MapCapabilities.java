package io.stressflow.chamber.registermap;

import java.util.Objects;

/**
 * What a register map lets the driver do, read off its entries: the questions plan validation and
 * the host-ramping decorator ask of a controller ("can it ramp on its own? control humidity? see
 * the load?") without knowing registers.
 *
 * @param model the map's name, for messages.
 * @param rampRate the map has {@link Signals#RAMP_RATE}: the controller ramps its setpoint itself.
 *     Without it the host steps the setpoint ({@code io.stressflow.chamber.HostRampChamber}).
 * @param humiditySetpoint the map has a humidity setpoint to write ({@link
 *     Signals#HUMIDITY_SETPOINT_WRITE} or {@link Signals#HUMIDITY_SETPOINT}).
 * @param humidity the map reads relative humidity back ({@link Signals#HUMIDITY}).
 * @param humiditySwitch the map can switch humidity control off ({@link Signals#HUMIDITY_ENABLE});
 *     without it "humidity off" leaves the last setpoint in place.
 * @param loadTemperature the map reads a load / DUT temperature ({@link Signals#LOAD_TEMPERATURE}).
 * @param door the map reports the door (a {@link Signals#DOOR} register or a {@link
 *     Signals#DOOR_BIT} bit).
 */
public record MapCapabilities(
    String model,
    boolean rampRate,
    boolean humiditySetpoint,
    boolean humidity,
    boolean humiditySwitch,
    boolean loadTemperature,
    boolean door) {

  /** Validates the components. */
  public MapCapabilities {
    Objects.requireNonNull(model, "model");
  }

  /**
   * The capabilities of a map.
   *
   * @param map the map.
   * @return what it can do.
   */
  public static MapCapabilities of(RegisterMap map) {
    boolean door =
        map.find(Signals.DOOR).isPresent()
            || map.registers().stream().anyMatch(r -> r.bits().containsValue(Signals.DOOR_BIT));
    return new MapCapabilities(
        map.model(),
        map.find(Signals.RAMP_RATE).isPresent(),
        map.find(Signals.HUMIDITY_SETPOINT_WRITE).isPresent()
            || map.find(Signals.HUMIDITY_SETPOINT).isPresent(),
        map.find(Signals.HUMIDITY).isPresent(),
        map.find(Signals.HUMIDITY_ENABLE).isPresent(),
        map.find(Signals.LOAD_TEMPERATURE).isPresent(),
        door);
  }

  /**
   * Capabilities of a chamber whose controller does everything (for callers that know no map).
   *
   * @param model a name for messages.
   * @return every capability present.
   */
  public static MapCapabilities full(String model) {
    return new MapCapabilities(model, true, true, true, true, true, true);
  }
}

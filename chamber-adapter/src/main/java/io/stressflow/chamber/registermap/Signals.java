package io.stressflow.chamber.registermap;

import java.util.Set;

/**
 * The register names the driver and the simulator understand. A map may hold other registers too
 * (documented for people, served by the simulator, ignored by the driver).
 */
public final class Signals {

  /** Air temperature process value, degC. Required. */
  public static final String AIR_TEMPERATURE = "air.temperature";

  /** Air temperature setpoint as the controller reports it, degC. Required. */
  public static final String AIR_SETPOINT = "air.setpoint";

  /**
   * Where to write the air setpoint when the controller reads it back elsewhere (Binder MB2 writes
   * 0x114C, reads 0x10B2). Optional; without it the driver writes {@link #AIR_SETPOINT}.
   */
  public static final String AIR_SETPOINT_WRITE = "air.setpoint.write";

  /** Load / DUT temperature, degC. Optional. */
  public static final String LOAD_TEMPERATURE = "load.temperature";

  /** Relative humidity process value, %RH. Optional. */
  public static final String HUMIDITY = "humidity";

  /** Humidity setpoint as reported, %RH. Optional. */
  public static final String HUMIDITY_SETPOINT = "humidity.setpoint";

  /** Where to write the humidity setpoint if not {@link #HUMIDITY_SETPOINT}. Optional. */
  public static final String HUMIDITY_SETPOINT_WRITE = "humidity.setpoint.write";

  /** Humidity control on (non-zero) or off (0). Optional. */
  public static final String HUMIDITY_ENABLE = "humidity.enable";

  /** Setpoint ramp rate, K/min; 0 means no ramp limit. Optional. */
  public static final String RAMP_RATE = "ramp.rate";

  /** Operating mode, with codes {@code OFF}, {@code RUNNING} and optionally {@code STANDBY}. */
  public static final String MODE = "mode";

  /** Door open (non-zero). Optional; a bit named {@code DOOR} in a bit field also counts. */
  public static final String DOOR = "door";

  /** The over-temperature limit setting, degC. Optional and always read-only. */
  public static final String OVER_TEMPERATURE_LIMIT = "overtemp.limit";

  /** Bit name that marks the door in a bit-field register. */
  public static final String DOOR_BIT = "DOOR";

  /** Names the map must contain. */
  public static final Set<String> REQUIRED = Set.of(AIR_TEMPERATURE, AIR_SETPOINT, MODE);

  private Signals() {}
}

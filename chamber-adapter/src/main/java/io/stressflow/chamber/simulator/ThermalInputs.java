package io.stressflow.chamber.simulator;

/**
 * What the controller asks of the physics during one step.
 *
 * @param conditioning {@code true} while running (heating/cooling towards the setpoint).
 * @param setpoint air temperature target, degC.
 * @param rampRate setpoint ramp limit, K/min &gt; 0, or {@code null} for none.
 * @param humiditySetpoint humidity target, %RH [0, 100], or {@code null} for humidity off.
 */
public record ThermalInputs(
    boolean conditioning, double setpoint, Double rampRate, Double humiditySetpoint) {

  /** Normalises a non-positive ramp rate to "none". */
  public ThermalInputs {
    if (rampRate != null && !(rampRate > 0)) {
      rampRate = null;
    }
  }

  /**
   * Conditioning towards a temperature with no ramp limit and humidity off.
   *
   * @param setpoint degC.
   * @return the inputs.
   */
  public static ThermalInputs running(double setpoint) {
    return new ThermalInputs(true, setpoint, null, null);
  }
}

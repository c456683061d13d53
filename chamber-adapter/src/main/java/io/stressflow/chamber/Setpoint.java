package io.stressflow.chamber;

/**
 * What the chamber should condition to. Values are checked for plausibility here and against the
 * chamber's own {@link ChamberLimits} when applied.
 *
 * @param temperature the air temperature setpoint, degC, finite, within [-273.15, 1000].
 * @param rampRate the maximum rate of change of the setpoint in K/min (&gt; 0), or {@code null} for
 *     as fast as the chamber can.
 * @param humidity the relative humidity setpoint in %RH [0, 100], or {@code null} for humidity
 *     control off (on controllers that cannot switch humidity off, the humidity setpoint is then
 *     left as it is; {@link Chamber#safeState()} handles that case).
 */
public record Setpoint(double temperature, Double rampRate, Double humidity) {

  /** Validates the components. */
  public Setpoint {
    if (!Double.isFinite(temperature) || temperature < -273.15 || temperature > 1000) {
      throw new IllegalArgumentException(
          "Expected a temperature setpoint in [-273.15, 1000] degC, but was " + temperature);
    }
    if (rampRate != null && (!Double.isFinite(rampRate) || rampRate <= 0)) {
      throw new IllegalArgumentException(
          "Expected a ramp rate > 0 K/min (or null for no limit), but was " + rampRate);
    }
    if (humidity != null && (!Double.isFinite(humidity) || humidity < 0 || humidity > 100)) {
      throw new IllegalArgumentException(
          "Expected a humidity setpoint in [0, 100] %RH (or null for off), but was " + humidity);
    }
  }

  /**
   * A temperature-only setpoint: no ramp limit, humidity off.
   *
   * @param celsius the air temperature setpoint, degC.
   * @return the setpoint.
   */
  public static Setpoint temperature(double celsius) {
    return new Setpoint(celsius, null, null);
  }

  /**
   * A copy with a ramp rate.
   *
   * @param kelvinPerMinute the ramp rate, K/min, &gt; 0.
   * @return the new setpoint.
   */
  public Setpoint withRampRate(double kelvinPerMinute) {
    return new Setpoint(temperature, kelvinPerMinute, humidity);
  }

  /**
   * A copy with a humidity setpoint.
   *
   * @param relativeHumidity the humidity setpoint, %RH [0, 100].
   * @return the new setpoint.
   */
  public Setpoint withHumidity(double relativeHumidity) {
    return new Setpoint(temperature, rampRate, relativeHumidity);
  }
}

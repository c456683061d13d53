package io.stressflow.chamber.simulator;

/**
 * Physical parameters of a simulated chamber. The defaults are typical of a bench-top
 * temperature/humidity chamber, not of any particular model.
 *
 * @param heatingRate fastest air heating, K/min, &gt; 0 (typical 5).
 * @param coolingRate fastest air cooling, K/min, &gt; 0 (typical 4).
 * @param airTimeConstant first-order time constant of the air towards the (ramped) setpoint while
 *     conditioning, s, &gt; 0 (typical 60).
 * @param loadTimeConstant time constant of the load (DUTs, fixtures) towards the air, s, &gt; 0
 *     (typical 300: a tray of modules lags the air by minutes).
 * @param passiveTimeConstant time constant of the air towards ambient when not conditioning, s,
 *     &gt; 0 (typical 1800).
 * @param humidityTimeConstant time constant of the dew point towards its target, s, &gt; 0 (typical
 *     120).
 * @param ambientTemperature the room, degC (typical 23).
 * @param ambientDewPoint the room's dew point, degC, &le; {@code ambientTemperature} (typical 10.5,
 *     i.e. about 45 %RH at 23 degC).
 * @param humidityMinTemperature lowest air temperature at which the humidity system works, degC.
 * @param humidityMaxTemperature highest air temperature at which the humidity system works, degC.
 */
public record ThermalParameters(
    double heatingRate,
    double coolingRate,
    double airTimeConstant,
    double loadTimeConstant,
    double passiveTimeConstant,
    double humidityTimeConstant,
    double ambientTemperature,
    double ambientDewPoint,
    double humidityMinTemperature,
    double humidityMaxTemperature) {

  /** Validates the parameters. */
  public ThermalParameters {
    positive("heatingRate", heatingRate);
    positive("coolingRate", coolingRate);
    positive("airTimeConstant", airTimeConstant);
    positive("loadTimeConstant", loadTimeConstant);
    positive("passiveTimeConstant", passiveTimeConstant);
    positive("humidityTimeConstant", humidityTimeConstant);
    if (ambientDewPoint > ambientTemperature) {
      throw new IllegalArgumentException(
          "Expected ambientDewPoint <= ambientTemperature, but was %s > %s"
              .formatted(ambientDewPoint, ambientTemperature));
    }
  }

  /**
   * Typical bench-top chamber: heats at 5 K/min, cools at 4 K/min, air tau 60 s, load tau 300 s,
   * humidity between 10 and 95 degC, room at 23 degC / 45 %RH.
   *
   * @return the typical parameters.
   */
  public static ThermalParameters typical() {
    return new ThermalParameters(5, 4, 60, 300, 1800, 120, 23, 10.5, 10, 95);
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "Expected %s to be finite and > 0, but was %s".formatted(name, value));
    }
  }
}

package io.stressflow.chamber.simulator;

/**
 * The physical state of a simulated chamber.
 *
 * @param air air temperature, degC.
 * @param load load (DUT) temperature, degC.
 * @param rampedSetpoint the setpoint after the ramp-rate limit, degC; equals the target once the
 *     ramp is done.
 * @param dewPoint the air's dew point, degC, never above {@code air} (water condenses out).
 */
public record ThermalState(double air, double load, double rampedSetpoint, double dewPoint) {

  /** Validates the state. */
  public ThermalState {
    if (!Double.isFinite(air) || !Double.isFinite(load) || !Double.isFinite(rampedSetpoint)) {
      throw new IllegalArgumentException(
          "Expected finite temperatures, but was air=%s load=%s ramped=%s"
              .formatted(air, load, rampedSetpoint));
    }
    if (dewPoint > air + 1e-9) {
      throw new IllegalArgumentException(
          "Expected dewPoint <= air, but was %s > %s".formatted(dewPoint, air));
    }
  }

  /**
   * A chamber at rest at one temperature and dew point.
   *
   * @param temperature air and load temperature, degC.
   * @param dewPoint dew point, degC, at most {@code temperature}.
   * @return the state.
   */
  public static ThermalState atRest(double temperature, double dewPoint) {
    return new ThermalState(temperature, temperature, temperature, Math.min(dewPoint, temperature));
  }

  /**
   * The relative humidity that the air temperature and dew point give.
   *
   * @return %RH in [0, 100].
   */
  public double relativeHumidity() {
    return Psychrometrics.relativeHumidity(air, dewPoint);
  }
}

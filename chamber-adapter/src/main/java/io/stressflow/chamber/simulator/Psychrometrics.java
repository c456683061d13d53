package io.stressflow.chamber.simulator;

/** Magnus-formula conversions between relative humidity and dew point (over water). */
final class Psychrometrics {

  private static final double B = 17.625;
  private static final double C = 243.04;

  private Psychrometrics() {}

  /**
   * Relative humidity from air temperature and dew point.
   *
   * @param air degC.
   * @param dewPoint degC.
   * @return %RH clamped to [0, 100].
   */
  static double relativeHumidity(double air, double dewPoint) {
    double rh = 100 * Math.exp(B * dewPoint / (C + dewPoint) - B * air / (C + air));
    return Math.max(0, Math.min(100, rh));
  }

  /**
   * Dew point from air temperature and relative humidity.
   *
   * @param air degC.
   * @param relativeHumidity %RH, clamped to [0.1, 100].
   * @return degC, at most {@code air}.
   */
  static double dewPoint(double air, double relativeHumidity) {
    double rh = Math.max(0.1, Math.min(100, relativeHumidity));
    double gamma = Math.log(rh / 100) + B * air / (C + air);
    return Math.min(air, C * gamma / (B - gamma));
  }
}

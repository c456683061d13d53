package io.stressflow.workflows.report;

/**
 * Acceleration factors from a test condition to a use condition, one model per failure mechanism
 * (domain reference 4.3). AF is the ratio of life at use to life at test: an hour (or cycle) at
 * test counts as AF hours (cycles) in the field.
 */
public final class Acceleration {

  /** Boltzmann's constant, eV/K. */
  public static final double BOLTZMANN_EV_PER_K = 8.617333262e-5;

  private static final double KELVIN = 273.15;

  private Acceleration() {}

  /**
   * Arrhenius, for a thermally activated mechanism: {@code AF = exp[(Ea/k)(1/T_use − 1/T_test)]}.
   *
   * @param activationEnergyEv Ea, eV.
   * @param useC the use temperature, °C.
   * @param testC the test temperature, °C.
   * @return the factor (below 1 when the test is colder than use).
   */
  public static double arrhenius(double activationEnergyEv, double useC, double testC) {
    return Math.exp(
        activationEnergyEv / BOLTZMANN_EV_PER_K * (1 / (useC + KELVIN) - 1 / (testC + KELVIN)));
  }

  /**
   * Peck, for temperature and humidity: {@code AF = (RH_test/RH_use)^n · exp[(Ea/k)(1/T_use −
   * 1/T_test)]}.
   *
   * @param activationEnergyEv Ea, eV.
   * @param humidityExponent n.
   * @param useC the use temperature, °C.
   * @param useRh the use relative humidity, %.
   * @param testC the test temperature, °C.
   * @param testRh the test relative humidity, %.
   * @return the factor.
   */
  public static double peck(
      double activationEnergyEv,
      double humidityExponent,
      double useC,
      double useRh,
      double testC,
      double testRh) {
    return Math.pow(testRh / useRh, humidityExponent) * arrhenius(activationEnergyEv, useC, testC);
  }

  /**
   * Coffin–Manson, for thermal-cycling fatigue: {@code AF = (ΔT_test/ΔT_use)^m}, in cycles (one
   * test cycle counts as AF field cycles).
   *
   * @param exponent m.
   * @param useSwingK the field temperature swing per cycle, K.
   * @param testSwingK the test's swing per cycle, K.
   * @return the factor.
   */
  public static double coffinManson(double exponent, double useSwingK, double testSwingK) {
    return Math.pow(testSwingK / useSwingK, exponent);
  }
}

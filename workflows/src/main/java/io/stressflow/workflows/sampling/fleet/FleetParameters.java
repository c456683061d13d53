package io.stressflow.workflows.sampling.fleet;

/**
 * How a simulated fleet is drawn and how it ages. Defaults are plausible for 850 nm oxide VCSEL SR8
 * modules (domain reference 4.3: Ea about 0.55 eV for oxide VCSEL wear-out, Peck humidity exponent
 * 2.66, lognormal wear-out); they are simulation choices, not qualification data.
 *
 * @param seed the generator seed: the same seed gives the same fleet.
 * @param txPowerMedian BOL Tx power per lane, mW.
 * @param biasMedian BOL bias per lane, mA.
 * @param wearRateMedian median relative bias rise per hour at 40 degC / 60 %RH.
 * @param wearRateSigma lognormal sigma of the wear rate.
 * @param activationEnergy Arrhenius Ea, eV.
 * @param humidityExponent Peck n.
 * @param infantFraction share of units with an infant failure.
 * @param infantMeanHours mean stress hours to an infant failure.
 * @param intermittentRate chance per read of a spurious latched warning.
 * @param selfHeating module temperature above the chamber load temperature when powered, K.
 */
public record FleetParameters(
    long seed,
    double txPowerMedian,
    double biasMedian,
    double wearRateMedian,
    double wearRateSigma,
    double activationEnergy,
    double humidityExponent,
    double infantFraction,
    double infantMeanHours,
    double intermittentRate,
    double selfHeating) {

  /** Typical parameters with the given seed. */
  public static FleetParameters typical(long seed) {
    return new FleetParameters(seed, 0.8, 7.0, 2e-5, 0.5, 0.55, 2.66, 0.0, 200, 0.0, 8.0);
  }
}

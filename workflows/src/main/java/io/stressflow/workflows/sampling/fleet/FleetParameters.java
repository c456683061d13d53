package io.stressflow.workflows.sampling.fleet;

/**
 * How a simulated fleet is drawn and how it ages. One model per mechanism (domain reference 4.3):
 *
 * <ul>
 *   <li>laser wear-out, only while powered: Arrhenius at the junction temperature (Ea 0.55 eV for
 *       oxide VCSELs); an unpowered laser carries no current, so it does not wear out;
 *   <li>humidity-driven degradation, powered or not: Peck (Ea 0.79 eV, n 2.66) at the relative
 *       humidity on the module's surface, which is derived from the dew point (a powered module
 *       runs warmer than the air around it, so its surface is drier);
 *   <li>thermal-cycling fatigue of the fibre attach: Coffin–Manson, a coupling loss per temperature
 *       swing proportional to ΔT^m (m 2), seen as Tx and Rx power loss.
 * </ul>
 *
 * <p>Readings depend on temperature, reversibly: under automatic power control the VCSEL bias rises
 * with temperature and the launched power sags slightly, and Rx follows Tx. Both wear terms raise
 * the bias (the APC loop holds the power until the laser runs out of gain). Defaults are calibrated
 * so a median unit (and the 95th percentile) passes the GR-468 presets measured at 23 °C, as
 * qualified products do; they are simulation choices, not qualification data.
 *
 * @param seed the generator seed: the same seed gives the same fleet.
 * @param txPowerMedian BOL Tx power per lane at 23 °C, mW.
 * @param biasMedian BOL bias per lane at 23 °C, mA.
 * @param wearRateMedian median relative bias rise per hour from laser wear-out, powered, junction
 *     at 40 °C.
 * @param wearRateSigma lognormal sigma of a unit's wear rates (both mechanisms) and fatigue.
 * @param activationEnergy laser wear-out Arrhenius Ea, eV.
 * @param humidityRateMedian median relative bias rise per hour from humidity at 40 °C / 60 %RH on
 *     the module's surface.
 * @param humidityActivationEnergy Peck Ea, eV.
 * @param humidityExponent Peck n.
 * @param fatigueMedian median Tx coupling loss per full temperature cycle of 100 K swing, dB.
 * @param fatigueExponent Coffin–Manson m.
 * @param infantFraction share of units with an infant failure.
 * @param infantMeanHours mean stress hours to an infant failure.
 * @param intermittentRate chance per read of a spurious latched warning.
 * @param selfHeating module temperature (its monitor, its case) above the chamber load temperature
 *     when powered, K.
 * @param junctionRise laser junction temperature above the chamber load temperature when powered,
 *     K.
 * @param biasTemperatureCoefficient relative bias change per K of module temperature under APC.
 * @param txPowerTemperatureCoefficient Tx power change per K of module temperature, dB/K.
 * @param labDewPoint dew point of the lab air the chamber holds when humidity is not controlled, °C
 *     (23 °C / 50 %RH is about 12 °C).
 */
public record FleetParameters(
    long seed,
    double txPowerMedian,
    double biasMedian,
    double wearRateMedian,
    double wearRateSigma,
    double activationEnergy,
    double humidityRateMedian,
    double humidityActivationEnergy,
    double humidityExponent,
    double fatigueMedian,
    double fatigueExponent,
    double infantFraction,
    double infantMeanHours,
    double intermittentRate,
    double selfHeating,
    double junctionRise,
    double biasTemperatureCoefficient,
    double txPowerTemperatureCoefficient,
    double labDewPoint) {

  /**
   * Typical parameters with the given seed. At 85 °C / 85 %RH powered the median unit's bias rises
   * about 0.008 %/h (8 % in 1000 h: 5 % wear-out, 3 % humidity); 500 cycles of −40/+85 °C cost the
   * median unit about 0.2 dB of Tx and Rx power; 2000 h of unpowered 85 °C storage at a few %RH
   * cost almost nothing.
   */
  public static FleetParameters typical(long seed) {
    return new FleetParameters(
        seed, 0.8, 7.0, 2.4e-6, 0.5, 0.55, 3.3e-7, 0.79, 2.66, 2.5e-4, 2.0, 0.0, 200, 0.0, 3.0,
        10.0, 0.005, -0.006, 12.0);
  }

  /**
   * These parameters with infant failures.
   *
   * @param fraction share of units with an infant failure.
   * @param meanHours mean stress hours to it.
   * @return the parameters.
   */
  public FleetParameters withInfantFailures(double fraction, double meanHours) {
    return new FleetParameters(
        seed,
        txPowerMedian,
        biasMedian,
        wearRateMedian,
        wearRateSigma,
        activationEnergy,
        humidityRateMedian,
        humidityActivationEnergy,
        humidityExponent,
        fatigueMedian,
        fatigueExponent,
        fraction,
        meanHours,
        intermittentRate,
        selfHeating,
        junctionRise,
        biasTemperatureCoefficient,
        txPowerTemperatureCoefficient,
        labDewPoint);
  }
}

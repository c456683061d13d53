package io.stressflow.workflows.sampling.fleet;

import java.util.Random;

/**
 * One simulated module's fixed properties, drawn from a seeded generator so a fleet is the same on
 * every run: per-lane beginning-of-life Tx power and bias, a wear-out rate with lognormal spread,
 * and, for a few units, an infant failure.
 *
 * @param serial the serial number.
 * @param txPower beginning-of-life Tx power per lane, mW.
 * @param bias beginning-of-life Tx bias per lane, mA.
 * @param wearRate relative bias rise per hour from laser wear-out at the reference condition
 *     (powered, junction at 40 degC); the unit's humidity rate scales with it.
 * @param infantFailureHours stress hours after which one lane dies, or +infinity.
 * @param infantLane the lane that dies, 1–8.
 * @param intermittentRate chance per read of a spurious latched Tx-power warning.
 * @param fatigue Tx coupling loss per full temperature cycle of 100 K swing, dB.
 */
public record ModuleUnit(
    String serial,
    double[] txPower,
    double[] bias,
    double wearRate,
    double infantFailureHours,
    int infantLane,
    double intermittentRate,
    double fatigue) {

  /**
   * Draws a unit.
   *
   * @param serial its serial.
   * @param random the fleet's seeded generator.
   * @param params the fleet's distribution parameters.
   * @return the unit.
   */
  static ModuleUnit draw(String serial, Random random, FleetParameters params) {
    double[] tx = new double[8];
    double[] bias = new double[8];
    for (int lane = 0; lane < 8; lane++) {
      tx[lane] = params.txPowerMedian() * Math.exp(0.08 * random.nextGaussian());
      bias[lane] = params.biasMedian() * Math.exp(0.05 * random.nextGaussian());
    }
    double wear =
        params.wearRateMedian() * Math.exp(params.wearRateSigma() * random.nextGaussian());
    boolean infant = random.nextDouble() < params.infantFraction();
    double infantHours =
        infant
            ? -Math.log(1 - random.nextDouble()) * params.infantMeanHours()
            : Double.POSITIVE_INFINITY;
    int infantLane = 1 + random.nextInt(8);
    double fatigue =
        params.fatigueMedian() * Math.exp(params.wearRateSigma() * random.nextGaussian());
    return new ModuleUnit(
        serial, tx, bias, wear, infantHours, infantLane, params.intermittentRate(), fatigue);
  }
}

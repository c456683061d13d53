package io.stressflow.workflows.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well a chamber held a leg's stress setpoints, from its telemetry read in time order: for each
 * setpoint, over the readings taken at it once the load had first reached the soak's band (the
 * approach from the previous setpoint is a ramp, not a deviation), the lowest and highest load
 * temperature and the share of readings inside the band.
 */
final class SoakConformance {

  /** Setpoints equal within this, °C (register scaling rounds them). */
  private static final double SAME = 0.05;

  /** One setpoint and what was seen at it. */
  static final class Target {
    final double setpoint;
    final double below;
    final double above;
    long readings;
    long inBand;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    boolean stable;
    Double rhSetpoint;
    double rhTolerance;
    long rhReadings;
    long rhInBand;
    double rhSum;
    double rhMin = Double.POSITIVE_INFINITY;
    double rhMax = Double.NEGATIVE_INFINITY;

    Target(double setpoint, double below, double above) {
      this.setpoint = setpoint;
      this.below = below;
      this.above = above;
    }

    boolean inBand(double t) {
      return t >= setpoint - below && t <= setpoint + above;
    }

    /**
     * Also watches the humidity at this setpoint, counted over the same readings as the temperature
     * (once the load is in its band).
     *
     * @param setpoint %RH.
     * @param tolerance ± %RH.
     * @return this target.
     */
    Target humidity(double setpoint, double tolerance) {
      this.rhSetpoint = setpoint;
      this.rhTolerance = tolerance;
      return this;
    }

    /**
     * The humidity for the report, e.g. {@code 85 %RH at 85 °C: 83.1 to 86.0 %RH (mean 84.9), 99.0
     * % of 248 readings within ±5 %RH}; null when not watched.
     */
    String describeHumidity() {
      if (rhSetpoint == null) {
        return null;
      }
      String what =
          "%s %%RH at %s °C".formatted(LegStatistics.num(rhSetpoint), LegStatistics.num(setpoint));
      if (rhReadings == 0) {
        return what + ": no humidity reading while the load was in its band";
      }
      return "%s: %s to %s %%RH (mean %s), %s %% of %,d readings within ±%s %%RH"
          .formatted(
              what,
              String.format(Locale.ROOT, "%.1f", rhMin),
              String.format(Locale.ROOT, "%.1f", rhMax),
              String.format(Locale.ROOT, "%.1f", rhSum / rhReadings),
              String.format(Locale.ROOT, "%.1f", 100.0 * rhInBand / rhReadings),
              rhReadings,
              LegStatistics.num(rhTolerance));
    }

    /**
     * For the report, e.g. {@code 85 °C: 83.9 to 85.1 °C, 99.2 % of 248 readings within −2/+2 K}.
     */
    String describe() {
      if (readings == 0) {
        return "%s °C: the load never reached its band".formatted(LegStatistics.num(setpoint));
      }
      return "%s °C: %s to %s °C, %s %% of %,d readings within −%s/+%s K"
          .formatted(
              LegStatistics.num(setpoint),
              String.format(Locale.ROOT, "%.1f", min),
              String.format(Locale.ROOT, "%.1f", max),
              String.format(Locale.ROOT, "%.1f", 100.0 * inBand / readings),
              readings,
              LegStatistics.num(below),
              LegStatistics.num(above));
    }
  }

  private final List<Target> targets = new ArrayList<>();
  private double current = Double.NaN;

  /**
   * Watches a setpoint.
   *
   * @param setpoint °C.
   * @param below the band below it, K.
   * @param above the band above it, K.
   * @return the target, filled as readings come.
   */
  Target watch(double setpoint, double below, double above) {
    Target t = new Target(setpoint, below, above);
    targets.add(t);
    return t;
  }

  /**
   * One telemetry reading, in time order.
   *
   * @param setpoint the air setpoint in force, °C.
   * @param temperature the load's temperature (the air's without a load sensor), °C.
   */
  void reading(double setpoint, double temperature) {
    reading(setpoint, temperature, null);
  }

  /**
   * One telemetry reading, in time order, with the humidity.
   *
   * @param setpoint the air setpoint in force, °C.
   * @param temperature the load's temperature (the air's without a load sensor), °C.
   * @param humidity %RH, or null when the chamber reports none.
   */
  void reading(double setpoint, double temperature, Double humidity) {
    if (Double.isNaN(current) || Math.abs(setpoint - current) >= SAME) {
      // a new setpoint: each watched one waits for its load to reach the band again
      targets.forEach(t -> t.stable = false);
      current = setpoint;
    }
    for (Target t : targets) {
      if (Math.abs(t.setpoint - setpoint) < SAME) {
        if (!t.stable && !t.inBand(temperature)) {
          continue;
        }
        t.stable = true;
        t.readings++;
        t.inBand += t.inBand(temperature) ? 1 : 0;
        t.min = Math.min(t.min, temperature);
        t.max = Math.max(t.max, temperature);
        if (t.rhSetpoint != null && humidity != null && Double.isFinite(humidity)) {
          t.rhReadings++;
          t.rhSum += humidity;
          t.rhInBand += Math.abs(humidity - t.rhSetpoint) <= t.rhTolerance ? 1 : 0;
          t.rhMin = Math.min(t.rhMin, humidity);
          t.rhMax = Math.max(t.rhMax, humidity);
        }
      }
    }
  }
}

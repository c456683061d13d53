package io.stressflow.chamber;

import java.util.Locale;

/**
 * The envelope a chamber may be driven in: its rated ranges, not what the controller would accept.
 * Checked before any write. The over-temperature limit is not here: it is independent hardware that
 * we only read.
 *
 * @param minTemperature lowest allowed air setpoint, degC.
 * @param maxTemperature highest allowed air setpoint, degC; &gt; {@code minTemperature}.
 * @param maxRampRate fastest allowed setpoint ramp, K/min, &gt; 0.
 * @param minHumidity lowest allowed humidity setpoint, %RH [0, 100].
 * @param maxHumidity highest allowed humidity setpoint, %RH [0, 100], &ge; {@code minHumidity}.
 * @param humidityMinTemperature lowest air setpoint at which humidity may be controlled, degC.
 * @param humidityMaxTemperature highest air setpoint at which humidity may be controlled, degC.
 * @param safeTemperature the setpoint used by {@code safeState()}, degC, within the rated range.
 */
public record ChamberLimits(
    double minTemperature,
    double maxTemperature,
    double maxRampRate,
    double minHumidity,
    double maxHumidity,
    double humidityMinTemperature,
    double humidityMaxTemperature,
    double safeTemperature) {

  /** Validates the limits. */
  public ChamberLimits {
    if (!(minTemperature < maxTemperature)) {
      throw new IllegalArgumentException(
          "Expected minTemperature < maxTemperature, but was %s >= %s"
              .formatted(minTemperature, maxTemperature));
    }
    if (!(maxRampRate > 0)) {
      throw new IllegalArgumentException("Expected maxRampRate > 0, but was " + maxRampRate);
    }
    if (minHumidity < 0 || maxHumidity > 100 || minHumidity > maxHumidity) {
      throw new IllegalArgumentException(
          "Expected 0 <= minHumidity <= maxHumidity <= 100, but was [%s, %s]"
              .formatted(minHumidity, maxHumidity));
    }
    if (humidityMinTemperature > humidityMaxTemperature) {
      throw new IllegalArgumentException(
          "Expected humidityMinTemperature <= humidityMaxTemperature, but was [%s, %s]"
              .formatted(humidityMinTemperature, humidityMaxTemperature));
    }
    if (safeTemperature < minTemperature || safeTemperature > maxTemperature) {
      throw new IllegalArgumentException(
          "Expected safeTemperature within [%s, %s], but was %s"
              .formatted(minTemperature, maxTemperature, safeTemperature));
    }
  }

  /**
   * Typical limits of a temperature/humidity test chamber: -70..180 degC, 15 K/min, 10..98 %RH
   * between 10 and 95 degC, safe at 23 degC. Real chambers override these per model.
   *
   * @return the typical limits.
   */
  public static ChamberLimits typical() {
    return new ChamberLimits(-70, 180, 15, 10, 98, 10, 95, 23);
  }

  /**
   * Refuses a setpoint outside these limits.
   *
   * @param chamber the chamber's name, for the message.
   * @param setpoint the setpoint to check.
   * @throws SafetyLimitException if any part of the setpoint is outside the limits.
   */
  public void check(String chamber, Setpoint setpoint) {
    double t = setpoint.temperature();
    if (t < minTemperature || t > maxTemperature) {
      throw refuse(
          chamber,
          "a temperature setpoint within the rated range [%s, %s] degC, but was %s degC",
          minTemperature,
          maxTemperature,
          t);
    }
    Double ramp = setpoint.rampRate();
    if (ramp != null && ramp > maxRampRate) {
      throw refuse(chamber, "a ramp rate of at most %s K/min, but was %s K/min", maxRampRate, ramp);
    }
    Double rh = setpoint.humidity();
    if (rh != null) {
      if (rh < minHumidity || rh > maxHumidity) {
        throw refuse(
            chamber,
            "a humidity setpoint within the rated range [%s, %s] %%RH, but was %s %%RH",
            minHumidity,
            maxHumidity,
            rh);
      }
      if (t < humidityMinTemperature || t > humidityMaxTemperature) {
        throw refuse(
            chamber,
            "humidity only with a temperature setpoint within [%s, %s] degC, but humidity %s %%RH"
                + " was asked at %s degC",
            humidityMinTemperature,
            humidityMaxTemperature,
            rh,
            t);
      }
    }
  }

  private static SafetyLimitException refuse(String chamber, String format, Object... args) {
    return new SafetyLimitException(
        "Expected "
            + String.format(Locale.ROOT, format, args)
            + " (chamber '"
            + chamber
            + "'); nothing was written");
  }
}

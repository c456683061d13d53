package io.stressflow.workflows.sampling;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as precise as the instrument that measured them, for people and for process variables: a
 * mean of 37 bias readings is not {@code 7.234999999999999 mA} but {@code 7.23 mA}. Resolutions are
 * the module's CMIS monitors' and the chamber's, rounded to what a person reads off a display.
 */
public final class Resolution {

  /** Laser bias, mA (CMIS: 2 µA per LSB). */
  public static final int BIAS_MA = 2;

  /** Optical power, mW (CMIS: 0.1 µW per LSB). */
  public static final int POWER_MW = 4;

  /** Optical power ratios and drifts, dB. */
  public static final int DB = 2;

  /** Temperatures (module case, chamber air and load), °C. */
  public static final int TEMPERATURE_C = 1;

  /** Supply voltage, V (CMIS: 100 µV per LSB). */
  public static final int VCC_V = 3;

  /** Time on test, h. */
  public static final int HOURS = 2;

  private Resolution() {}

  /**
   * A value rounded half up to {@code decimals} places, as the closest double (its {@code toString}
   * shows no float noise).
   *
   * @param value the value, or null.
   * @param decimals places after the point.
   * @return the rounded value, or null; NaN and infinities unchanged.
   */
  public static Double round(Object value, int decimals) {
    if (!(value instanceof Number n)) {
      return null;
    }
    double v = n.doubleValue();
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }
}

package io.stressflow.workflows.report;

/**
 * The chi-square upper bound on a constant failure rate from a time-terminated test: {@code λ ≤
 * χ²(CL; 2r + 2) / (2 · T)}, T the equivalent device-hours at the use condition (test device-hours
 * times the acceleration factor), r the failures. One FIT is one failure in 10⁹ device-hours; the
 * MTTF bound is {@code 1/λ}.
 */
public final class FailureRate {

  /** Device-hours per FIT. */
  public static final double FIT_HOURS = 1e9;

  private FailureRate() {}

  /**
   * The upper bound on λ in failures per hour.
   *
   * @param failures r, &ge; 0.
   * @param equivalentDeviceHours T at the use condition, &gt; 0.
   * @param confidence CL in (0, 1), e.g. 0.6.
   * @return λ upper bound, per hour.
   */
  public static double upperBoundPerHour(
      long failures, double equivalentDeviceHours, double confidence) {
    if (failures < 0 || !(equivalentDeviceHours > 0) || failures > Integer.MAX_VALUE / 2 - 1) {
      throw new IllegalArgumentException(
          "Expected failures >= 0 and device-hours > 0, but was %d and %s"
              .formatted(failures, equivalentDeviceHours));
    }
    return ChiSquare.quantile(confidence, (int) (2 * failures + 2)) / (2 * equivalentDeviceHours);
  }

  /**
   * The upper bound on λ in FIT.
   *
   * @param failures r.
   * @param equivalentDeviceHours T at the use condition.
   * @param confidence CL.
   * @return FIT.
   */
  public static double upperBoundFit(
      long failures, double equivalentDeviceHours, double confidence) {
    return upperBoundPerHour(failures, equivalentDeviceHours, confidence) * FIT_HOURS;
  }
}

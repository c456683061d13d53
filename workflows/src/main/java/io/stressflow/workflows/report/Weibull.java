package io.stressflow.workflows.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two-parameter Weibull fits, {@code F(t) = 1 − exp[−(t/η)^β]}, to failure times with suspensions
 * (units removed or still running without failing): median-rank regression and maximum likelihood.
 *
 * <p>Median-rank regression (Abernethy, The New Weibull Handbook, ch. 2 and 5): the units sorted by
 * time, each failure's rank adjusted for the suspensions before it (Johnson's adjusted rank), its
 * median rank by Bernard's approximation {@code F = (i − 0.3) / (n + 0.4)}, then a least-squares
 * line of {@code ln t} on {@code ln(−ln(1 − F))} (X on Y): β is the inverse of its slope, η is
 * {@code exp} of its intercept. Maximum likelihood with right-censored suspensions: β solves {@code
 * Σ t^β ln t / Σ t^β − 1/β − (1/r) Σ_failures ln t = 0} (sums over every unit), found by bisection,
 * and {@code η = (Σ t^β / r)^(1/β)}.
 */
public final class Weibull {

  /** The fewest failures a fit is made from. */
  public static final int MIN_FAILURES = 2;

  private Weibull() {}

  /**
   * A fit.
   *
   * @param beta shape β.
   * @param eta scale η, in the times' unit (the time by which 63.2 % have failed).
   * @param rSquared the regression's coefficient of determination, or NaN for maximum likelihood.
   */
  public record Fit(double beta, double eta, double rSquared) {}

  /**
   * Median-rank regression, X on Y, with Bernard's approximation and Johnson's adjusted ranks.
   *
   * @param failures failure times, positive.
   * @param suspensions times at which units left or ended without failing, positive.
   * @return the fit, or null with fewer than two distinct failure times.
   */
  public static Fit rankRegression(double[] failures, double[] suspensions) {
    if (!fittable(failures, suspensions)) {
      return null;
    }
    record Unit(double t, boolean failed) {}
    List<Unit> units = new ArrayList<>();
    Arrays.stream(failures).forEach(t -> units.add(new Unit(t, true)));
    Arrays.stream(suspensions).forEach(t -> units.add(new Unit(t, false)));
    // at equal times a failure comes first: the suspension was seen to survive it
    units.sort((a, b) -> a.t() != b.t() ? Double.compare(a.t(), b.t()) : a.failed() ? -1 : 1);
    int n = units.size();
    double rank = 0;
    double[] x = new double[failures.length];
    double[] y = new double[failures.length];
    int k = 0;
    for (int i = 0; i < n; i++) {
      Unit u = units.get(i);
      if (!u.failed()) {
        continue;
      }
      int reverse = n - i; // units at or after this one
      rank += (n + 1 - rank) / (1 + reverse);
      double median = (rank - 0.3) / (n + 0.4);
      x[k] = Math.log(u.t());
      y[k] = Math.log(-Math.log(1 - median));
      k++;
    }
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double syy = 0;
    double sxx = 0;
    for (int i = 0; i < k; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      syy += (y[i] - my) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    double slope = sxy / syy; // ln t per unit of ln(−ln(1 − F))
    double intercept = mx - slope * my;
    return new Fit(1 / slope, Math.exp(intercept), sxy * sxy / (sxx * syy));
  }

  /**
   * Maximum likelihood with right-censored suspensions.
   *
   * @param failures failure times, positive.
   * @param suspensions times at which units left or ended without failing, positive.
   * @return the fit, or null with fewer than two distinct failure times.
   */
  public static Fit maximumLikelihood(double[] failures, double[] suspensions) {
    if (!fittable(failures, suspensions)) {
      return null;
    }
    double[] all = new double[failures.length + suspensions.length];
    System.arraycopy(failures, 0, all, 0, failures.length);
    System.arraycopy(suspensions, 0, all, failures.length, suspensions.length);
    double meanLogFailure = Arrays.stream(failures).map(Math::log).average().orElseThrow();
    // scaled by the longest time, so t^β neither overflows nor underflows
    double scale = Arrays.stream(all).max().orElseThrow();
    double lo = 1e-3;
    double hi = 1e3;
    if (score(all, scale, meanLogFailure, lo) > 0 || score(all, scale, meanLogFailure, hi) < 0) {
      return null;
    }
    for (int i = 0; i < 200; i++) {
      double mid = Math.sqrt(lo * hi);
      if (score(all, scale, meanLogFailure, mid) < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double beta = Math.sqrt(lo * hi);
    double sum = 0;
    for (double t : all) {
      sum += Math.pow(t / scale, beta);
    }
    double eta = scale * Math.pow(sum / failures.length, 1 / beta);
    return new Fit(beta, eta, Double.NaN);
  }

  /** The likelihood equation for β, increasing in β; its root is the estimate. */
  private static double score(double[] all, double scale, double meanLogFailure, double beta) {
    double s = 0;
    double sl = 0;
    for (double t : all) {
      double p = Math.pow(t / scale, beta);
      s += p;
      sl += p * Math.log(t);
    }
    return sl / s - 1 / beta - meanLogFailure;
  }

  /**
   * The report's sentence on a leg's fit: both fits with their method and inputs, or why there is
   * none.
   *
   * @param failures failure times (each at the read point it was found at).
   * @param suspensions the other modules' credited times; those at zero carry nothing and are left
   *     out.
   * @param unit the times' unit, e.g. {@code hours}.
   * @return a sentence for a table cell.
   */
  public static String describe(List<Double> failures, List<Double> suspensions, String unit) {
    double[] f = failures.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] s =
        suspensions.stream().mapToDouble(Double::doubleValue).filter(t -> t > 0).sorted().toArray();
    if (f.length < MIN_FAILURES) {
      return "not enough failures for a fit (%d confirmed; a fit needs at least %d at different times)"
          .formatted(f.length, MIN_FAILURES);
    }
    Fit mrr = rankRegression(f, s);
    Fit mle = maximumLikelihood(f, s);
    String inputs =
        "from %d failures at %s %s (the read point each was found at) and %s"
            .formatted(f.length, times(f), unit, suspended(s, unit));
    if (mrr == null || mle == null) {
      return "no fit: the failures need different, positive times (%s)".formatted(inputs);
    }
    return ("median-rank regression (ln t on ln(−ln(1 − F)), Bernard's median ranks (i − 0.3) / (n +"
            + " 0.4), Johnson's adjusted ranks for suspensions): β = %s, η = %s %s, r² = %s;"
            + " maximum likelihood with suspensions: β = %s, η = %s %s; %s. β > 1 suggests"
            + " wear-out, β < 1 infant mortality; a fit from few failures is a rough guide")
        .formatted(
            significant(mrr.beta()),
            significant(mrr.eta()),
            unit,
            String.format(Locale.ROOT, "%.3f", mrr.rSquared()),
            significant(mle.beta()),
            significant(mle.eta()),
            unit,
            inputs);
  }

  private static String suspended(double[] s, String unit) {
    if (s.length == 0) {
      return "no suspensions";
    }
    // equal times once, with their count: 9 survivors at 1,000 h is "9 × 1,000"
    Map<Double, Long> counts = new TreeMap<>();
    for (double t : s) {
      counts.merge(t, 1L, Long::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (t, n) -> parts.add(n == 1 ? LegStatistics.num(t) : n + " × " + LegStatistics.num(t)));
    return "%d suspension%s (modules not counted as failed, at their credited time) at %s %s"
        .formatted(s.length, s.length == 1 ? "" : "s", String.join(", ", parts), unit);
  }

  private static String times(double[] v) {
    List<String> parts = new ArrayList<>();
    for (double t : v) {
      parts.add(LegStatistics.num(t));
    }
    return String.join(", ", parts);
  }

  private static String significant(double v) {
    return v >= 1000
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }

  private static boolean fittable(double[] failures, double[] suspensions) {
    if (failures.length < MIN_FAILURES) {
      return false;
    }
    for (double t : failures) {
      if (!(t > 0) || Double.isInfinite(t)) {
        return false;
      }
    }
    for (double t : suspensions) {
      if (!(t > 0) || Double.isInfinite(t)) {
        return false;
      }
    }
    return Arrays.stream(failures).distinct().count() >= 2;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }
}

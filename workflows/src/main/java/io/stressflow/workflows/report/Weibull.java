package io.stressflow.workflows.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

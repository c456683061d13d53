package io.stressflow.workflows.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two-parameter lognormal fits, {@code F(t) = Φ((ln t − μ) / σ)}, to failure times with
 * suspensions, by maximum likelihood: the other life model qualification data is commonly checked
 * against beside the Weibull (wear-out of lasers and photodiodes is often lognormal).
 *
 * <p>With no suspensions the estimate is closed-form: {@code μ = mean(ln t)}, {@code σ² = mean((ln
 * t − μ)²)}. With right-censored suspensions it is found by expectation–maximisation on {@code x =
 * ln t}: each suspension at {@code c} stands for {@code E[x | x > c]} and its second moment under
 * the current (μ, σ), then μ and σ are the complete-data estimates again; each step raises the
 * likelihood, and it stops when μ and σ move less than 1e-12.
 */
public final class Lognormal {

  /** The fewest failures a fit is made from. */
  public static final int MIN_FAILURES = 2;

  private static final int MAX_ITERATIONS = 100_000;

  private Lognormal() {}

  /**
   * A fit.
   *
   * @param mu the mean of ln t (t in the times' unit).
   * @param sigma the standard deviation of ln t, positive.
   */
  public record Fit(double mu, double sigma) {

    /** The median life, {@code exp(μ)}: the time by which half have failed. */
    public double median() {
      return Math.exp(mu);
    }
  }

  /**
   * Maximum likelihood with right-censored suspensions.
   *
   * @param failures failure times, positive.
   * @param suspensions times at which units left or ended without failing, positive.
   * @return the fit, or null with fewer than two distinct failure times.
   * @throws IllegalArgumentException when a time is not positive and finite.
   */
  public static Fit maximumLikelihood(double[] failures, double[] suspensions) {
    for (double[] times : List.of(failures, suspensions)) {
      for (double t : times) {
        if (!(t > 0) || Double.isInfinite(t)) {
          throw new IllegalArgumentException(
              "Expected every time positive and finite, but was " + t);
        }
      }
    }
    if (failures.length < MIN_FAILURES || Arrays.stream(failures).distinct().count() < 2) {
      return null;
    }
    double[] x = Arrays.stream(failures).map(Math::log).toArray();
    double[] c = Arrays.stream(suspensions).map(Math::log).toArray();
    int n = x.length + c.length;
    double mu = Arrays.stream(x).average().orElseThrow();
    double sigma = Math.sqrt(Arrays.stream(x).map(v -> (v - mu) * (v - mu)).sum() / x.length);
    double m = mu;
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      // E-step: each suspension's expected x and its variance, given x > c
      double sum = Arrays.stream(x).sum();
      double[] mean = new double[c.length];
      double[] var = new double[c.length];
      for (int j = 0; j < c.length; j++) {
        double z = (c[j] - m) / sigma;
        double lambda = millsInverse(z);
        mean[j] = m + sigma * lambda;
        var[j] = sigma * sigma * (1 + z * lambda - lambda * lambda);
        sum += mean[j];
      }
      // M-step: the complete-data estimates
      double nextMu = sum / n;
      double ss = 0;
      for (double v : x) {
        ss += (v - nextMu) * (v - nextMu);
      }
      for (int j = 0; j < c.length; j++) {
        ss += var[j] + (mean[j] - nextMu) * (mean[j] - nextMu);
      }
      double nextSigma = Math.sqrt(ss / n);
      boolean done = Math.abs(nextMu - m) < 1e-12 && Math.abs(nextSigma - sigma) < 1e-12;
      m = nextMu;
      sigma = nextSigma;
      if (done || c.length == 0) {
        break;
      }
    }
    return new Fit(m, sigma);
  }

  /**
   * The inverse Mills ratio {@code φ(z) / (1 − Φ(z))}: the mean of a standard normal above z is
   * that.
   */
  static double millsInverse(double z) {
    if (z > 3) {
      // the continued fraction (1 − Φ)/φ = 1/(z + 1/(z + 2/(z + 3/(z + …)))), exact to 1e-15 here
      double f = z;
      for (int k = 80; k >= 1; k--) {
        f = z + k / f;
      }
      return f;
    }
    double phi = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    return phi / upperTail(z);
  }

  /** {@code 1 − Φ(z)}, from the regularized incomplete gamma function: erf(x) = P(1/2, x²). */
  static double upperTail(double z) {
    double erf = ChiSquare.regularizedGammaP(0.5, z * z / 2);
    return z >= 0 ? (1 - erf) / 2 : (1 + erf) / 2;
  }

  /**
   * The report's sentence on a leg's lognormal fit, or null when the leg has too few failures (the
   * Weibull row says why).
   *
   * @param failures failure times (each at the read point it was found at).
   * @param suspensions the other modules' credited times; those at zero carry nothing and are left
   *     out.
   * @param unit the times' unit, e.g. {@code hours}.
   * @return a sentence for a table cell, or null.
   */
  public static String describe(List<Double> failures, List<Double> suspensions, String unit) {
    double[] f = failures.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] s =
        suspensions.stream().mapToDouble(Double::doubleValue).filter(t -> t > 0).sorted().toArray();
    if (f.length < MIN_FAILURES || Arrays.stream(f).anyMatch(t -> !(t > 0))) {
      return null;
    }
    Fit fit = maximumLikelihood(f, s);
    if (fit == null) {
      return null;
    }
    return ("maximum likelihood with suspensions (ln t normal): μ = %s (ln %s), σ = %s; median life"
            + " exp(μ) = %s %s; from the same failures and suspensions as the Weibull fit")
        .formatted(
            String.format(Locale.ROOT, "%.4g", fit.mu()),
            unit,
            String.format(Locale.ROOT, "%.3g", fit.sigma()),
            fit.median() >= 1000
                ? String.format(Locale.ROOT, "%,.0f", fit.median())
                : String.format(Locale.ROOT, "%.3g", fit.median()),
            unit);
  }
}

package io.stressflow.workflows.report;

/**
 * The chi-square distribution, for failure-rate bounds. The quantile is found by bisection on the
 * distribution function, which is the regularized lower incomplete gamma function {@code P(k/2,
 * x/2)} (series below {@code a + 1}, Lentz's continued fraction above; Numerical Recipes §6.2), to
 * a relative precision of about 1e-12.
 */
public final class ChiSquare {

  private static final double EPSILON = 1e-15;
  private static final int MAX_TERMS = 100_000;

  private ChiSquare() {}

  /**
   * The value x with {@code P(X ≤ x) = probability} for X chi-square with {@code degreesOfFreedom}
   * degrees of freedom: {@code quantile(0.60, 2)} is 1.833, {@code quantile(0.90, 2)} 4.605.
   *
   * @param probability in (0, 1), e.g. the confidence level of an upper bound.
   * @param degreesOfFreedom &ge; 1; a failure-rate bound with r failures uses 2r + 2.
   * @return the quantile, &gt; 0.
   */
  public static double quantile(double probability, int degreesOfFreedom) {
    if (!(probability > 0 && probability < 1) || degreesOfFreedom < 1) {
      throw new IllegalArgumentException(
          "Expected a probability in (0, 1) and degrees of freedom >= 1, but was %s and %d"
              .formatted(probability, degreesOfFreedom));
    }
    double lo = 0;
    double hi = Math.max(1, degreesOfFreedom);
    while (cdf(hi, degreesOfFreedom) < probability) {
      lo = hi;
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
      double mid = (lo + hi) / 2;
      if (cdf(mid, degreesOfFreedom) < probability) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /**
   * {@code P(X ≤ x)} for X chi-square with {@code degreesOfFreedom} degrees of freedom.
   *
   * @param x the value, &ge; 0.
   * @param degreesOfFreedom &ge; 1.
   * @return the probability.
   */
  public static double cdf(double x, int degreesOfFreedom) {
    return x <= 0 ? 0 : regularizedGammaP(degreesOfFreedom / 2.0, x / 2);
  }

  /** The regularized lower incomplete gamma function P(a, x). */
  static double regularizedGammaP(double a, double x) {
    if (x <= 0) {
      return 0;
    }
    double logPrefix = a * Math.log(x) - x - logGamma(a);
    if (x < a + 1) {
      // series: P = e^-x x^a / Γ(a+1) · Σ x^n / ((a+1)…(a+n))
      double term = 1 / a;
      double sum = term;
      for (int n = 1; n < MAX_TERMS; n++) {
        term *= x / (a + n);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * EPSILON) {
          break;
        }
      }
      return Math.min(1, sum * Math.exp(logPrefix));
    }
    // continued fraction for Q = 1 − P (modified Lentz)
    double tiny = 1e-300;
    double b = x + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < MAX_TERMS; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < tiny ? tiny : d;
      c = b + an / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPSILON) {
        break;
      }
    }
    return Math.max(0, 1 - Math.exp(logPrefix) * h);
  }

  /** ln Γ(a) for a &gt; 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
  static double logGamma(double a) {
    if (a < 0.5) {
      // reflection
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - logGamma(1 - a);
    }
    double[] g = {
      0.99999999999980993,
      676.5203681218851,
      -1259.1392167224028,
      771.32342877765313,
      -176.61502916214059,
      12.507343278686905,
      -0.13857109526572012,
      9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    double z = a - 1;
    double s = g[0];
    for (int i = 1; i < g.length; i++) {
      s += g[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
  }
}

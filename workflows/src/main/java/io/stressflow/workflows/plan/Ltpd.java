package io.stressflow.workflows.plan;

/**
 * Lot tolerance percent defective: the defective fraction a sampling plan (n samples, at most c
 * failures) accepts with probability 1 − confidence. Passing the plan demonstrates, at that
 * confidence, that the lot's defective fraction is below the LTPD. For c = 0 this is {@code 1 − (1
 * − CL)^(1/n)}: 11 samples give 18.9 % at 90 % confidence (GR-468's "11 and 0").
 */
public final class Ltpd {

  private Ltpd() {}

  /**
   * Solves {@code P(X ≤ c | n, p) = 1 − confidence} for p.
   *
   * @param samples n, &ge; 1.
   * @param allowedFailures c, in [0, n).
   * @param confidence e.g. 0.9, in (0, 1).
   * @return the LTPD as a fraction in (0, 1).
   */
  public static double of(int samples, int allowedFailures, double confidence) {
    if (samples < 1 || allowedFailures < 0 || allowedFailures >= samples) {
      throw new IllegalArgumentException(
          "Expected 0 <= allowedFailures < samples, but was %d of %d"
              .formatted(allowedFailures, samples));
    }
    double target = 1 - confidence;
    double lo = 0;
    double hi = 1;
    // the binomial CDF falls monotonically in p: bisect to 1e-12
    for (int i = 0; i < 60; i++) {
      double mid = (lo + hi) / 2;
      if (binomialCdf(allowedFailures, samples, mid) > target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /**
   * The smallest sample size that demonstrates {@code ltpd} with {@code allowedFailures} at {@code
   * confidence}.
   *
   * @param ltpd the fraction to demonstrate, in (0, 1).
   * @param allowedFailures c, &ge; 0.
   * @param confidence e.g. 0.9.
   * @return n.
   */
  public static int sampleSize(double ltpd, int allowedFailures, double confidence) {
    int n = allowedFailures + 1;
    while (binomialCdf(allowedFailures, n, ltpd) > 1 - confidence) {
      n++;
    }
    return n;
  }

  /**
   * {@code P(X <= c)} for X ~ Binomial(n, p), summing the terms from k = 0 with each term computed
   * from the one before: linear in c (the 4,000 allowed failures took seconds when each
   * term's binomial coefficient was summed anew).
   */
  static double binomialCdf(int c, int n, double p) {
    double logP = Math.log(p);
    double logQ = Math.log1p(-p);
    double logTerm = n * logQ;
    double sum = Math.exp(logTerm);
    for (int k = 1; k <= c; k++) {
      logTerm += Math.log(n - k + 1) - Math.log(k) + logP - logQ;
      sum += Math.exp(logTerm);
    }
    return sum;
  }
}

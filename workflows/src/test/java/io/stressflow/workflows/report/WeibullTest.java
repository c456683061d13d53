package io.stressflow.workflows.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The Weibull fits against values computed independently in Python (NumPy 2, SciPy 1.17):
 *
 * <pre>
 * def mrr(f, s):   # X on Y, Bernard, Abernethy's adjusted rank (reverse-rank form)
 *     units = sorted([(t, 0) for t in f] + [(t, 1) for t in s]); n = len(units); prev = 0
 *     for j, (t, susp) in enumerate(units, 1):
 *         if susp: continue
 *         rr = n - j + 1; prev = (rr * prev + n + 1) / (rr + 1); F = (prev - 0.3) / (n + 0.4)
 *         xs.append(log(t)); ys.append(log(-log(1 - F)))
 *     b, a = np.polyfit(ys, xs, 1); return 1 / b, exp(a), corrcoef(xs, ys)[0, 1] ** 2
 * def mle(f, s):
 *     c, loc, scale = stats.weibull_min.fit(stats.CensoredData(uncensored=f, right=s), floc=0)
 * </pre>
 */
class WeibullTest {

  /** Six failures, no suspensions (a common textbook set). */
  private static final double[] SIX = {16, 34, 53, 75, 93, 120};

  @Test
  void rankRegressionOfSixFailures() {
    Weibull.Fit fit = Weibull.rankRegression(SIX, new double[0]);
    // Python: 1.439663276794053, 76.1095957909622, r² 0.9911811557643286
    assertThat(fit.beta()).isCloseTo(1.439663, within(1e-5));
    assertThat(fit.eta()).isCloseTo(76.10960, within(1e-4));
    assertThat(fit.rSquared()).isCloseTo(0.991181, within(1e-5));
  }

  @Test
  void maximumLikelihoodOfSixFailures() {
    Weibull.Fit fit = Weibull.maximumLikelihood(SIX, new double[0]);
    // Python: 1.9326775387803645, 73.52604303546299
    assertThat(fit.beta()).isCloseTo(1.932678, within(1e-4));
    assertThat(fit.eta()).isCloseTo(73.52604, within(1e-3));
  }

  @Test
  void suspensionsAdjustTheRanksAndEnterTheLikelihood() {
    double[] failures = {30, 49, 82, 90, 96};
    double[] suspensions = {10, 45, 100, 100, 100};
    Weibull.Fit mrr = Weibull.rankRegression(failures, suspensions);
    // Python: 1.8573854301074662, 118.80371369808513, r² 0.9616420993321562
    assertThat(mrr.beta()).isCloseTo(1.857385, within(1e-5));
    assertThat(mrr.eta()).isCloseTo(118.8037, within(1e-3));
    assertThat(mrr.rSquared()).isCloseTo(0.961642, within(1e-5));
    Weibull.Fit mle = Weibull.maximumLikelihood(failures, suspensions);
    // Python: 2.726779384400798, 103.71395004941637
    assertThat(mle.beta()).isCloseTo(2.726779, within(1e-4));
    assertThat(mle.eta()).isCloseTo(103.7140, within(1e-3));
  }

  @Test
  void aQualificationLegWithTwoFailuresAndNineSurvivors() {
    double[] survivors = {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    Weibull.Fit mrr = Weibull.rankRegression(new double[] {168, 500}, survivors);
    // Python: 0.8576978195581705, 4189.963870261698 (two points: r² = 1)
    assertThat(mrr.beta()).isCloseTo(0.857698, within(1e-5));
    assertThat(mrr.eta()).isCloseTo(4189.964, within(1e-2));
    Weibull.Fit mle = Weibull.maximumLikelihood(new double[] {168, 500}, survivors);
    // Python: 0.8619522156483697, 6294.1808633149285
    assertThat(mle.beta()).isCloseTo(0.861952, within(1e-4));
    assertThat(mle.eta()).isCloseTo(6294.18, within(0.5));
  }

  @Test
  void noFitFromOneFailureOrFromFailuresAtOneTime() {
    assertThat(Weibull.rankRegression(new double[] {100}, new double[] {200})).isNull();
    assertThat(Weibull.maximumLikelihood(new double[] {100}, new double[] {200})).isNull();
    assertThat(Weibull.rankRegression(new double[] {100, 100}, new double[] {200})).isNull();
    assertThat(Weibull.maximumLikelihood(new double[] {0, 100}, new double[0])).isNull();
  }

  @Test
  void theReportSaysTheMethodAndItsInputs() {
    assertThat(
            Weibull.describe(
                java.util.List.of(500.0, 168.0),
                java.util.List.of(1000.0, 1000.0, 0.0, 1000.0, 996.5),
                "hours"))
        .startsWith("median-rank regression (ln t on ln(−ln(1 − F)), Bernard's median ranks")
        .contains("β = ", "r² = 1.000", "maximum likelihood with suspensions: β = ")
        .contains(
            "from 2 failures at 168, 500 hours (the read point each was found at) and 4"
                + " suspensions (modules not counted as failed, at their credited time) at 996.5,"
                + " 3 × 1000 hours");
    assertThat(Weibull.describe(java.util.List.of(168.0), java.util.List.of(1000.0), "hours"))
        .isEqualTo(
            "not enough failures for a fit (1 confirmed; a fit needs at least 2 at different"
                + " times)");
    assertThat(Weibull.describe(java.util.List.of(96.0, 96.0), java.util.List.of(), "cycles"))
        .startsWith(
            "no fit: the failures need different, positive times (from 2 failures at 96,"
                + " 96 cycles");
  }
}

package io.stressflow.workflows.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lognormal maximum-likelihood fits, against the closed form and against SciPy. */
class LognormalTest {

  @Test
  void withoutSuspensionsTheFitIsTheMeanAndDeviationOfLnT() {
    double[] t = {120, 250, 400, 700};
    // computed here by hand from the definition, not by the code under test
    double mu = Arrays.stream(t).map(Math::log).sum() / t.length;
    double sigma =
        Math.sqrt(Arrays.stream(t).map(v -> Math.pow(Math.log(v) - mu, 2)).sum() / t.length);

    Lognormal.Fit fit = Lognormal.maximumLikelihood(t, new double[0]);

    assertThat(fit.mu()).isCloseTo(mu, within(1e-12));
    assertThat(fit.sigma()).isCloseTo(sigma, within(1e-12));
    // the same numbers from NumPy: mean and (population) std of np.log(t)
    assertThat(fit.mu()).isCloseTo(5.712874385698919, within(1e-12));
    assertThat(fit.sigma()).isCloseTo(0.6467561060847234, within(1e-12));
    assertThat(fit.median()).isCloseTo(Math.exp(mu), within(1e-9));
  }

  @Test
  void withSuspensionsItMatchesScipy() {
    // scipy.stats.lognorm.fit(CensoredData(uncensored=[120, 250, 400, 700], right=[1000] * 6),
    // floc=0): shape σ = 1.486441, ln(scale) = μ = 7.211947 (SciPy 1.17)
    Lognormal.Fit fit =
        Lognormal.maximumLikelihood(
            new double[] {120, 250, 400, 700}, new double[] {1000, 1000, 1000, 1000, 1000, 1000});
    assertThat(fit.mu()).isCloseTo(7.211947, within(1e-5));
    assertThat(fit.sigma()).isCloseTo(1.486441, within(1e-5));

    // suspensions before, between and at the failures: σ = 0.207975, μ = 3.702521
    fit = Lognormal.maximumLikelihood(new double[] {30, 40}, new double[] {40, 40, 20, 10});
    assertThat(fit.mu()).isCloseTo(3.702521, within(1e-5));
    assertThat(fit.sigma()).isCloseTo(0.207975, within(1e-5));
  }

  @Test
  void theUpperTailAndItsInverseMillsRatioAreTheNormals() {
    // 1 − Φ(1.96) = 0.0249979, 1 − Φ(−1) = 0.8413447 (normal tables)
    assertThat(Lognormal.upperTail(1.96)).isCloseTo(0.0249979, within(1e-7));
    assertThat(Lognormal.upperTail(-1)).isCloseTo(0.8413447, within(1e-7));
    // the continued fraction (z > 3) joins the direct ratio: φ(3)/(1 − Φ(3)) = 3.2830987
    assertThat(Lognormal.millsInverse(3.0)).isCloseTo(3.2830987, within(1e-6));
    assertThat(Lognormal.millsInverse(3.0 + 1e-9)).isCloseTo(3.2830987, within(1e-6));
  }

  @Test
  void tooFewOrEqualFailuresGiveNoFitAndBadTimesAreRefused() {
    assertThat(Lognormal.maximumLikelihood(new double[] {100}, new double[] {200})).isNull();
    assertThat(Lognormal.maximumLikelihood(new double[] {100, 100}, new double[0])).isNull();
    assertThat(Lognormal.describe(List.of(100.0), List.of(200.0), "hours")).isNull();
    assertThatThrownBy(() -> Lognormal.maximumLikelihood(new double[] {100, -1}, new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive and finite, but was -1");
  }

  @Test
  void theReportSentenceGivesMuSigmaAndTheMedianLife() {
    assertThat(Lognormal.describe(List.of(120.0, 250.0, 400.0, 700.0), List.of(0.0), "hours"))
        .isEqualTo(
            "maximum likelihood with suspensions (ln t normal): μ = 5.713 (ln hours), σ = 0.647;"
                + " median life exp(μ) = 303 hours; from the same failures and suspensions as the"
                + " Weibull fit");
  }
}

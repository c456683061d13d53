package io.stressflow.workflows.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stressflow.workflows.plan.Ltpd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The report's statistics against published tables and independently computed values, never against
 * the code's own output: chi-square quantiles from the NIST/SEMATECH e-Handbook's table of critical
 * values (and the EMRA24 report's 1.833 and 4.605), LTPD sample sizes from the MIL-PRF-19500 LTPD
 * sampling table, acceleration factors and the FIT example worked in domain reference 4.3 and 4.4.
 */
class StatisticsTablesTest {

  /** Published to three decimals: the quantile rounds to the table's value. */
  @ParameterizedTest(name = "chi-square({0}; {1}) = {2}")
  @CsvSource({
    "0.60, 2, 1.833",
    "0.90, 2, 4.605",
    "0.95, 2, 5.991",
    "0.60, 4, 4.045",
    "0.90, 4, 7.779",
    "0.60, 6, 6.211",
    "0.90, 6, 10.645",
    "0.60, 8, 8.351",
    "0.90, 8, 13.362",
    "0.95, 1, 3.841",
    "0.99, 1, 6.635",
    "0.95, 5, 11.070",
    "0.95, 10, 18.307",
    "0.99, 20, 37.566",
    "0.90, 100, 118.498",
    "0.05, 10, 3.940",
  })
  void chiSquareQuantilesMatchThePublishedTable(double p, int dof, double table) {
    assertThat(ChiSquare.quantile(p, dof)).isCloseTo(table, within(0.0005));
  }

  @Test
  void chiSquareWithTwoDegreesOfFreedomIsExactlyTheExponential() {
    // P(X <= x) = 1 - exp(-x/2) for 2 degrees of freedom: x = -2 ln(1 - p)
    assertThat(ChiSquare.quantile(0.6, 2)).isCloseTo(-2 * Math.log(0.4), within(1e-9));
    assertThat(ChiSquare.quantile(0.999, 2)).isCloseTo(-2 * Math.log(0.001), within(1e-9));
  }

  @Test
  void chiSquareForManyFailuresStaysFinite() {
    // 2r + 2 for 20,000 failures; the normal approximation (Wilson–Hilferty) within 0.1 %
    int dof = 40_002;
    double z = 1.2815515655446004; // the standard normal's 0.90 quantile
    double c = 2.0 / (9 * dof);
    double wilsonHilferty = dof * Math.pow(1 - c + z * Math.sqrt(c), 3);
    assertThat(ChiSquare.quantile(0.9, dof))
        .isCloseTo(wilsonHilferty, within(wilsonHilferty * 1e-3));
  }

  @ParameterizedTest(name = "n = {0}, c = 0: LTPD {1}")
  @CsvSource({"11, 0.189", "22, 0.099", "45, 0.050", "77, 0.0295"})
  void zeroFailureLtpdAtNinetyPercentMatchesTheDomainReference(int n, double ltpd) {
    // domain reference 1.4: 11 gives 18.9 %, 22 gives 9.9 %, 45 gives 5.0 %, 77 gives 2.95 %
    assertThat(Ltpd.of(n, 0, 0.9)).isCloseTo(ltpd, within(0.0006));
    assertThat(Ltpd.of(n, 0, 0.9)).isCloseTo(1 - Math.pow(0.1, 1.0 / n), within(1e-9));
  }

  /**
   * MIL-PRF-19500 (appendix, LTPD sampling plans): the minimum sample size for which c failures
   * still demonstrate the LTPD at 90 % confidence.
   */
  @ParameterizedTest(name = "LTPD {0} %, c = {1}: n = {2}")
  @CsvSource({
    "20, 0, 11",
    "20, 1, 18",
    "20, 2, 25",
    "20, 3, 32",
    "20, 4, 38",
    "15, 0, 15",
    "15, 1, 25",
    "15, 2, 34",
    "10, 0, 22",
    "10, 1, 38",
    "10, 2, 52",
    "10, 3, 65",
    "5, 0, 45",
    "5, 1, 77",
    "5, 2, 105",
  })
  void ltpdSampleSizesMatchMilPrf19500(int ltpdPercent, int c, int n) {
    assertThat(Ltpd.sampleSize(ltpdPercent / 100.0, c, 0.9)).isEqualTo(n);
    assertThat(Ltpd.of(n, c, 0.9)).isLessThanOrEqualTo(ltpdPercent / 100.0);
    assertThat(Ltpd.of(n - 1, c, 0.9)).isGreaterThan(ltpdPercent / 100.0);
  }

  @Test
  void arrheniusMatchesTheWorkedFactors() {
    // domain reference 4.3: 85 -> 40 °C
    assertThat(Acceleration.arrhenius(0.35, 40, 85)).isCloseTo(5.1, within(0.05));
    assertThat(Acceleration.arrhenius(0.55, 40, 85)).isCloseTo(12.9, within(0.05));
    assertThat(Acceleration.arrhenius(0.7, 40, 85)).isCloseTo(26.0, within(0.05));
    assertThat(Acceleration.arrhenius(0.9, 40, 85)).isCloseTo(66, within(0.5));
    assertThat(Acceleration.arrhenius(0.7, 25, 85)).isCloseTo(96, within(0.5));
    assertThat(Acceleration.arrhenius(0.7, 40, 40)).isEqualTo(1.0);
  }

  @Test
  void peckMatchesTheWorkedFactors() {
    assertThat(Acceleration.peck(0.79, 2.66, 30, 60, 85, 85)).isCloseTo(263, within(1.0));
    assertThat(Acceleration.peck(0.9, 3, 30, 60, 85, 85)).isCloseTo(564, within(1.0));
    assertThat(Acceleration.peck(0.79, 2.66, 40, 60, 85, 85)).isCloseTo(100, within(0.5));
  }

  @Test
  void coffinMansonMatchesTheWorkedFactors() {
    assertThat(Acceleration.coffinManson(2, 20, 125)).isCloseTo(39, within(0.1));
    assertThat(Acceleration.coffinManson(2.5, 20, 125)).isCloseTo(98, within(0.5));
    assertThat(Acceleration.coffinManson(2, 40, 125)).isCloseTo(9.8, within(0.05));
  }

  @Test
  void fitBoundMatchesTheWorkedExample() {
    // domain reference 4.4: 11 modules x 2000 h at 85 °C, 0 failures, Ea 0.7 eV to 40 °C (AF 26):
    // about 4000 FIT at 90 % and 1600 FIT at 60 %
    double hours = 11 * 2000 * Acceleration.arrhenius(0.7, 40, 85);
    assertThat(FailureRate.upperBoundFit(0, hours, 0.9)).isCloseTo(4000, within(40.0));
    assertThat(FailureRate.upperBoundFit(0, hours, 0.6)).isCloseTo(1600, within(16.0));
    // one failure: chi-square(0.6; 4) = 4.045 over 2T
    assertThat(FailureRate.upperBoundFit(1, 1e6, 0.6)).isCloseTo(4.045 / 2e6 * 1e9, within(1.0));
  }
}

package io.stressflow.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Figures from the domain reference, section 1.4 (computed checks). */
class LtpdTest {

  @Test
  void shouldMatchTheZeroFailurePlansLabsUse() {
    assertThat(Ltpd.of(11, 0, 0.9)).isCloseTo(0.189, within(0.001));
    assertThat(Ltpd.of(22, 0, 0.9)).isCloseTo(0.099, within(0.001));
    assertThat(Ltpd.of(45, 0, 0.9)).isCloseTo(0.050, within(0.001));
    assertThat(Ltpd.of(77, 0, 0.9)).isCloseTo(0.0295, within(0.0005));
  }

  @Test
  void shouldEqualTheClosedFormForZeroFailures() {
    for (int n = 1; n <= 200; n++) {
      assertThat(Ltpd.of(n, 0, 0.9)).isCloseTo(1 - Math.pow(0.1, 1.0 / n), within(1e-9));
    }
  }

  @Test
  void shouldGiveTheSampleSizesOfTheReferenceTable() {
    assertThat(Ltpd.sampleSize(0.20, 0, 0.9)).isEqualTo(11);
    assertThat(Ltpd.sampleSize(0.10, 0, 0.9)).isEqualTo(22);
    assertThat(Ltpd.sampleSize(0.20, 0, 0.6)).isEqualTo(5);
  }

  @Test
  void shouldRiseWithAllowedFailures() {
    assertThat(Ltpd.of(22, 1, 0.9)).isGreaterThan(Ltpd.of(22, 0, 0.9));
    // 1 failure in 38 samples demonstrates about 10 % (the classic LTPD table)
    assertThat(Ltpd.of(38, 1, 0.9)).isCloseTo(0.10, within(0.002));
  }

  @Test
  void shouldComputeLargeAcceptanceNumbersInLinearTime() {
    // 4,000 allowed failures took seconds when each term summed its binomial coefficient anew;
    // the normal approximation gives about (c + 1.28 sqrt(c)) / n for the upper bound
    double ltpd = Ltpd.of(20_000, 4_000, 0.9);

    assertThat(ltpd).isGreaterThan(0.2).isLessThan(0.21);
    assertThat(Ltpd.binomialCdf(4_000, 20_000, ltpd)).isCloseTo(0.1, within(1e-6));
  }
}

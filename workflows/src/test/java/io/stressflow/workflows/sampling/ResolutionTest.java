package io.stressflow.workflows.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Numbers in task variables at the instrument's resolution (issue #19, item 10). */
class ResolutionTest {

  @Test
  void roundsAwayFloatNoise() {
    assertThat(Resolution.round(7.234999999999999, Resolution.BIAS_MA)).isEqualTo(7.23);
    assertThat(Resolution.round(7.235000000000001, Resolution.BIAS_MA)).isEqualTo(7.24);
    assertThat(Resolution.round(0.1 + 0.2, Resolution.TEMPERATURE_C)).isEqualTo(0.3);
    assertThat(Resolution.round(0.84123456789, Resolution.POWER_MW)).isEqualTo(0.8412);
    assertThat(Resolution.round(3.2999999999999994, Resolution.VCC_V)).isEqualTo(3.3);
    assertThat(Resolution.round(20.000000000000004, Resolution.HOURS)).isEqualTo(20.0);
    assertThat(String.valueOf(Resolution.round(1.1 * 3, Resolution.DB))).isEqualTo("3.3");
  }

  @Test
  void keepsWhatIsNotANumber() {
    assertThat(Resolution.round(null, 2)).isNull();
    assertThat(Resolution.round("7.2", 2)).isNull();
    assertThat(Resolution.round(Double.NaN, 2)).isNaN();
    assertThat(Resolution.round(42L, 1)).isEqualTo(42.0);
  }
}

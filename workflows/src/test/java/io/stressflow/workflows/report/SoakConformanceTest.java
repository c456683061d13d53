package io.stressflow.workflows.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the report says of the achieved condition, from readings worked by hand. */
class SoakConformanceTest {

  @Test
  void theApproachIsNotCountedAndEachDwellWaitsForTheBandAgain() {
    SoakConformance c = new SoakConformance();
    SoakConformance.Target hot = c.watch(85, 2, 0);
    SoakConformance.Target cold = c.watch(-40, 0, 2);
    // the ramp to 85 with the setpoint already written: 23, 60, 80 are the approach
    for (double t : new double[] {23, 60, 80, 83.5, 84.9, 85.3, 84.0}) {
      c.reading(85, t);
    }
    // to -40 and back: the hot target waits for its band again, so 30 is not counted
    c.reading(-40, 0);
    c.reading(-40, -39.5);
    c.reading(-40, -37.5);
    c.reading(85, 30);
    c.reading(85, 84);

    // counted at 85: 83.5, 84.9, 85.3 (out: above +0), 84.0, 84 -> 4 of 5 in band
    assertThat(hot.describe())
        .isEqualTo("85 °C: 83.5 to 85.3 °C, 80.0 % of 5 readings within −2/+0 K");
    // counted at -40: -39.5, -37.5 (out: above +2) -> 1 of 2
    assertThat(cold.describe())
        .isEqualTo("-40 °C: -39.5 to -37.5 °C, 50.0 % of 2 readings within −0/+2 K");
  }

  @Test
  void aSetpointTheLoadNeverReachedSaysSo() {
    SoakConformance c = new SoakConformance();
    SoakConformance.Target hot = c.watch(85, 2, 2);
    c.reading(85, 50);
    assertThat(hot.describe()).isEqualTo("85 °C: the load never reached its band");
  }
}

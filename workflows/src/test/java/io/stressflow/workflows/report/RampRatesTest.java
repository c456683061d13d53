package io.stressflow.workflows.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ramp rates achieved, from the logbook's entries as the profile executor writes them. */
class RampRatesTest {

  @Test
  void rampsOutsideCyclesAndEachCyclesRampsByPlace() {
    Leg.Profile profile =
        new Leg.Profile(
            List.of(
                new Segment.Ramp(-40.0, 3.0, null),
                new Segment.Repeat(
                    3,
                    List.of(
                        new Segment.Ramp(85.0, 10.0, null),
                        new Segment.Soak("15m", null, null),
                        new Segment.Ramp(-40.0, 10.0, null),
                        new Segment.Soak("15m", null, null)))),
            null);
    String s =
        RampRates.describe(
            List.of(
                "[tc] ramp to -40 °C achieved 2.9 K/min (air, 10–90 % of the swing); planned 3"
                    + " K/min",
                "[tc] cycle 1 completed; ramps achieved 10.1 / 9.8 K/min",
                "[tc] cycle 2 completed; ramps achieved 9.9 / 9.6 K/min",
                "[tc] cycle 3 completed; ramps achieved 10.3 / 9.7 K/min"),
            profile);
    // ramp 1: 10.1, 9.9, 10.3 -> 9.9 to 10.3, mean 10.1; ramp 2: 9.8, 9.6, 9.7 -> mean 9.7
    assertThat(s)
        .isEqualTo(
            "to -40 °C 2.9 K/min (planned 3); each cycle's ramps over 3 cycles: ramp 1: 9.9 to"
                + " 10.3 K/min (mean 10.1; planned 10); ramp 2: 9.6 to 9.8 K/min (mean 9.7;"
                + " planned 10)");
  }

  @Test
  void noRampMeasuredIsNoRow() {
    assertThat(RampRates.describe(List.of("[dh] cycle 1 completed"), null)).isNull();
  }

  @Test
  void humidityIsCountedOverTheReadingsTheTemperatureCounts() {
    SoakConformance c = new SoakConformance();
    SoakConformance.Target hot = c.watch(85, 2, 2).humidity(85, 3);
    c.reading(85, 60, 40.0); // the approach: not counted
    c.reading(85, 84, 80.0); // out of ±3
    c.reading(85, 85, 86.0);
    c.reading(85, 85.5, null); // no humidity reading
    c.reading(85, 85.2, 84.0);
    // 80, 86, 84: mean 83.3, 2 of 3 within ±3
    assertThat(hot.describeHumidity())
        .isEqualTo(
            "85 %RH at 85 °C: 80.0 to 86.0 %RH (mean 83.3), 66.7 % of 3 readings within ±3 %RH");
    assertThat(c.watch(-40, 0, 2).describeHumidity()).isNull();
  }
}

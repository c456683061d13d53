package io.stressflow.chamber.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThermalModelTest {

  private final ThermalModel model = new ThermalModel(ThermalParameters.typical());

  private ThermalState run(ThermalState s, ThermalInputs in, double seconds, double step) {
    for (double t = 0; t < seconds; t += step) {
      s = model.step(s, in, step);
    }
    return s;
  }

  @Test
  void shouldSettleAtTheSetpoint() {
    ThermalState s = run(ThermalState.atRest(23, 10), ThermalInputs.running(85), 3600, 1);

    assertThat(s.air()).isCloseTo(85, within(0.01));
    assertThat(s.load()).isCloseTo(85, within(0.1));
  }

  @Test
  void shouldNotHeatFasterThanTheHeatingRate() {
    ThermalState s = model.step(ThermalState.atRest(23, 10), ThermalInputs.running(85), 60);

    assertThat(s.air()).isLessThanOrEqualTo(23 + 5 + 1e-9);
  }

  @Test
  void shouldNotCoolFasterThanTheCoolingRate() {
    ThermalState start = ThermalState.atRest(23, -50);
    ThermalState s = run(start, ThermalInputs.running(-40), 60, 1);

    assertThat(s.air()).isGreaterThanOrEqualTo(23 - 4 - 1e-9).isLessThan(23 - 3.9);
  }

  @Test
  void shouldFollowTheRampRate() {
    ThermalInputs ramp = new ThermalInputs(true, 85, 1.0, null);
    ThermalState s = run(ThermalState.atRest(23, 10), ramp, 600, 1);

    assertThat(s.rampedSetpoint()).isCloseTo(33, within(1e-6));
    assertThat(s.air()).isLessThan(33).isGreaterThan(30);
  }

  @Test
  void shouldLetTheLoadLagTheAir() {
    ThermalState s = run(ThermalState.atRest(23, 10), ThermalInputs.running(85), 300, 1);

    assertThat(s.load()).isLessThan(s.air() - 5);
  }

  @Test
  void shouldDriftToAmbientWhenNotConditioning() {
    ThermalInputs off = new ThermalInputs(false, 85, null, null);
    ThermalState s = run(ThermalState.atRest(85, 10), off, 6 * 3600, 10);

    assertThat(s.air()).isCloseTo(23, within(0.5));
  }

  @Test
  void shouldReachTheHumiditySetpointInsideTheWindow() {
    ThermalInputs dampHeat = new ThermalInputs(true, 85, null, 85.0);
    ThermalState s = run(ThermalState.atRest(23, 10), dampHeat, 3 * 3600, 1);

    assertThat(s.relativeHumidity()).isCloseTo(85, within(0.5));
  }

  @Test
  void shouldNotControlHumidityOutsideItsWindow() {
    ThermalInputs cold = new ThermalInputs(true, -20, null, 85.0);
    ThermalState s = run(ThermalState.atRest(23, 10), cold, 3 * 3600, 1);

    assertThat(s.dewPoint()).isLessThanOrEqualTo(s.air());
    assertThat(s.relativeHumidity()).isLessThanOrEqualTo(100);
  }

  @Test
  void shouldNeverLetTheDewPointExceedTheAir() {
    // damp heat, then a fast drop: water condenses out instead of RH going above 100
    ThermalState s =
        run(ThermalState.atRest(23, 10), new ThermalInputs(true, 85, null, 95.0), 7200, 1);
    ThermalInputs drop = ThermalInputs.running(-40);
    for (int i = 0; i < 3600; i++) {
      s = model.step(s, drop, 1);
      assertThat(s.dewPoint()).isLessThanOrEqualTo(s.air());
    }
  }

  @Test
  void aLongStepMatchesManyShortOnes() {
    ThermalState start = ThermalState.atRest(23, 10);
    ThermalInputs in = new ThermalInputs(true, 60, 2.0, 50.0);

    ThermalState once = model.step(start, in, 1800);
    ThermalState many = run(start, in, 1800, 6);

    assertThat(once.air()).isCloseTo(many.air(), within(0.05));
    assertThat(once.load()).isCloseTo(many.load(), within(0.05));
    assertThat(once.dewPoint()).isCloseTo(many.dewPoint(), within(0.05));
  }

  @Test
  void aZeroStepChangesNothing() {
    ThermalState start = ThermalState.atRest(23, 10);

    assertThat(model.step(start, ThermalInputs.running(85), 0)).isEqualTo(start);
  }

  @Test
  void psychrometricsRoundTrip() {
    for (double t = -20; t <= 95; t += 5) {
      for (double rh = 5; rh <= 100; rh += 5) {
        double dew = Psychrometrics.dewPoint(t, rh);
        assertThat(Psychrometrics.relativeHumidity(t, dew)).isCloseTo(rh, within(1e-6));
      }
    }
  }
}

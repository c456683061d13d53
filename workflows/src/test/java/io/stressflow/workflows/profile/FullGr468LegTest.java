package io.stressflow.workflows.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.chamber.Setpoint;
import io.stressflow.chamber.simulator.ThermalInputs;
import io.stressflow.chamber.simulator.ThermalModel;
import io.stressflow.chamber.simulator.ThermalParameters;
import io.stressflow.chamber.simulator.ThermalState;
import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PresetLibrary;
import io.stressflow.workflows.profile.ProfileExecutor.Effect;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole GR-468 preset — 500 cycles of -40 <-> +85 degC with 30 min guaranteed soaks on the load
 * — against the chamber simulator's thermal model, stepped by an injected clock one profile minute
 * per tick: about 1,200 hours of profile in well under a second, no waiting.
 */
class FullGr468LegTest {

  @Test
  void shouldRunAll500CyclesWithEverySoakVerifiedOnTheLoad() {
    Leg preset = PresetLibrary.load().get("gr468-temperature-cycling");
    ProfileSteps steps = ProfileSteps.of(preset.profile(), Durations::parse);
    ProfileExecutor executor =
        new ProfileExecutor(steps, preset.readPoints(), 1.0, Duration.ofMinutes(5));
    ThermalModel chamber = new ThermalModel(ThermalParameters.typical());
    ThermalState state = ThermalState.atRest(23, 10.5);
    ThermalInputs inputs = new ThermalInputs(false, 23, null, null);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    ProfileProgress progress = ProfileProgress.initial();
    int cycleEvents = 0;
    int readPoints = 0;
    int deviations = 0;
    long ticks = 0;

    while (!progress.done() && ticks < 200_000) {
      now = now.plusSeconds(60);
      state = chamber.step(state, inputs, 60);
      ChamberState reading =
          new ChamberState(
              now,
              state.air(),
              inputs.setpoint(),
              state.load(),
              null,
              null,
              OperatingMode.RUNNING,
              Set.of(),
              false);
      ProfileExecutor.Tick tick = executor.tick(progress, reading, now);
      for (Effect e : tick.effects()) {
        if (e instanceof Effect.Write w) {
          Setpoint sp = w.setpoint();
          inputs = new ThermalInputs(true, sp.temperature(), sp.rampRate(), sp.humidity());
        } else if (e instanceof Effect.Event ev && ev.kind().equals("CYCLE_COMPLETED")) {
          cycleEvents++;
        } else if (e instanceof Effect.ReadPointReached) {
          readPoints++;
        } else if (e instanceof Effect.DeviationClosed) {
          deviations++;
        }
      }
      progress = tick.progress();
      if (ProfileExecutor.measuring(progress) != null) {
        // the modules are read at once: stress resumes on the next tick
        progress = executor.measured(progress, now).progress();
      }
      ticks++;
    }

    assertThat(progress.done()).isTrue();
    assertThat(progress.cycles()).isEqualTo(500);
    assertThat(cycleEvents).isEqualTo(500);
    assertThat(readPoints).isEqualTo(3); // 100, 200 and 500 cycles, each after a recovery
    // 1000 soaks of 30 min, each credited exactly, never more
    assertThat(progress.stressSeconds()).isCloseTo(1000 * 30 * 60, within(1e-6));
    assertThat(deviations).isZero();
    // the simulator ramps at 5 K/min up and 4 K/min down: a cycle takes far longer than 2 x 30 min
    assertThat(ticks).isGreaterThan(500 * 120);
  }
}

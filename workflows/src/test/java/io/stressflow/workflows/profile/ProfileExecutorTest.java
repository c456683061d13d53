package io.stressflow.workflows.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.chamber.Setpoint;
import io.stressflow.workflows.plan.Leg.ReadPoints;
import io.stressflow.workflows.profile.ProfileExecutor.Effect;
import io.stressflow.workflows.profile.ProfileExecutor.Tick;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The profile rules, fed with readings; time is stepped, never waited for. */
class ProfileExecutorTest {

  static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  // time scale 60: a wall second is a profile minute
  static final double SCALE = 60;

  final List<Effect> effects = new ArrayList<>();
  Instant now = T0;
  ProfileProgress progress = ProfileProgress.initial();

  @Test
  void shouldCreditSoakTimeOnlyInsideTheBand() {
    // given: ramp to 85, then soak 10 min (profile) within -0/+2 K on the load
    ProfileExecutor executor =
        executor(
            List.of(
                new ProfileStep.Ramp(85, 10.0, 1.0),
                new ProfileStep.Soak(Duration.ofMinutes(10), 0, 2, true)),
            null);

    tick(executor, 80, 60); // ramp written, not there yet
    assertThat(writes()).containsExactly(new Setpoint(85, 10.0, null));
    tick(executor, 84.5, 70); // air arrives: soak starts, load still cold
    tick(executor, 85, 80); // load stabilising: not credited, not a deviation
    assertThat(progress.deviation()).isNull();
    tick(executor, 85, 85); // load enters the band: nothing credited yet
    assertThat(progress.soakCredited()).isZero();
    for (int i = 0; i < 5; i++) {
      tick(executor, 85, 85.5); // 5 wall seconds in band = 5 profile minutes
    }
    assertThat(progress.soakCredited()).isCloseTo(300, within(1e-6));
    tick(executor, 85, 87.5); // out above: a deviation opens, nothing credited
    assertThat(progress.deviation()).isNotNull();
    tick(executor, 85, 86); // back in, but the previous reading was out: not credited
    assertThat(progress.soakCredited()).isCloseTo(300, within(1e-6));
    assertThat(closed()).hasSize(1);
    assertThat(closed().get(0).deviation().worst()).isEqualTo(87.5);
    for (int i = 0; i < 5; i++) {
      tick(executor, 85, 85.5);
    }
    assertThat(progress.done()).isTrue();
    assertThat(progress.stressSeconds()).isCloseTo(600, within(1e-6));
    assertThat(kinds()).contains("DEVIATION", "LEG_COMPLETED");
  }

  @Test
  void shouldNotCreditAGapLongerThanTheLimit() {
    ProfileExecutor executor =
        executor(List.of(new ProfileStep.Soak(Duration.ofMinutes(10), 2, 2, false)), null);
    progress = ProfileProgress.initial();

    tick(executor, 23, 23);
    tick(executor, 23, 23); // +1 profile minute
    now = now.plusSeconds(120); // the process was down for 2 wall minutes
    tick(executor, 23, 23);

    assertThat(progress.soakCredited()).isCloseTo(60, within(1e-6));
    assertThat(kinds()).contains("INTERRUPTION");
  }

  @Test
  void shouldCountEachCycleOnceAndReportReadPoints() {
    List<ProfileStep> steps = new ArrayList<>();
    for (int c = 1; c <= 3; c++) {
      steps.add(new ProfileStep.Ramp(-40, null, 1.0));
      steps.add(new ProfileStep.Ramp(85, null, 1.0));
      steps.add(new ProfileStep.CycleEnd(c));
    }
    ProfileExecutor executor =
        executor(steps, new ReadPoints(ReadPoints.Unit.CYCLES, List.of(1.0, 3.0)));

    for (int c = 0; c < 3; c++) {
      tick(executor, -40, -40);
      tick(executor, 85, 85);
    }

    assertThat(progress.cycles()).isEqualTo(3);
    assertThat(progress.done()).isTrue();
    assertThat(events("CYCLE_COMPLETED")).hasSize(3);
    assertThat(events("READ_POINT_REACHED"))
        .containsExactly(
            "read point 1 cycles reached (1 cycles, 0.00 h at condition)",
            "read point 3 cycles reached (3 cycles, 0.00 h at condition)");
  }

  @Test
  void shouldReachHourReadPointsInsideALongSoak() {
    ProfileExecutor executor =
        executor(
            List.of(new ProfileStep.Soak(Duration.ofMinutes(10), 2, 2, false)),
            new ReadPoints(ReadPoints.Unit.HOURS, List.of(0.05, 0.1)));

    for (int i = 0; i < 4; i++) {
      tick(executor, 23, 23); // in band; credits from the second tick, a profile minute each
    }

    assertThat(progress.done()).isFalse();
    assertThat(events("READ_POINT_REACHED"))
        .containsExactly("read point 0.05 hours reached (0 cycles, 0.05 h at condition)");
  }

  @Test
  void shouldReassertTheSetpointAndNotRecountOnResume() {
    ProfileExecutor executor =
        executor(
            List.of(
                new ProfileStep.Ramp(85, null, 1.0),
                new ProfileStep.CycleEnd(1),
                new ProfileStep.Soak(Duration.ofMinutes(5), 2, 2, false)),
            null);
    tick(executor, 85, 85); // ramp done, cycle 1 counted, soak entered
    tick(executor, 85, 85);
    long cycles = progress.cycles();
    double credited = progress.soakCredited();
    effects.clear();

    // when: the process restarts from the stored progress
    Tick resumed = executor.resume(progress, now);
    progress = resumed.progress();
    effects.addAll(resumed.effects());
    now = now.plusSeconds(1);
    tick(executor, 85, 85); // first reading after restart: nothing credited for the gap

    assertThat(writes()).containsExactly(new Setpoint(85, null, null));
    assertThat(kinds()).containsExactly("RESUMED");
    assertThat(progress.cycles()).isEqualTo(cycles);
    assertThat(progress.soakCredited()).isEqualTo(credited);
  }

  @Test
  void shouldCarryHumidityIntoLaterSetpoints() {
    ProfileExecutor executor =
        executor(
            List.of(
                new ProfileStep.Ramp(85, 2.0, 1.0),
                new ProfileStep.Humidity(85.0),
                new ProfileStep.Ramp(23, 2.0, 1.0)),
            null);

    tick(executor, 85, 85);
    tick(executor, 23, 23);

    assertThat(writes())
        .containsExactly(
            new Setpoint(85, 2.0, null), new Setpoint(85, 2.0, 85.0), new Setpoint(23, 2.0, 85.0));
  }

  private ProfileExecutor executor(List<ProfileStep> steps, ReadPoints readPoints) {
    return new ProfileExecutor(steps, readPoints, SCALE, Duration.ofSeconds(5));
  }

  private void tick(ProfileExecutor executor, double air, double load) {
    now = now.plusSeconds(1);
    Tick t = executor.tick(progress, reading(air, load), now);
    progress = t.progress();
    effects.addAll(t.effects());
  }

  private ChamberState reading(double air, double load) {
    return new ChamberState(
        now,
        air,
        progress.targetTemperature(),
        load,
        null,
        null,
        OperatingMode.RUNNING,
        Set.of(),
        false);
  }

  private List<Setpoint> writes() {
    return effects.stream()
        .filter(Effect.Write.class::isInstance)
        .map(e -> ((Effect.Write) e).setpoint())
        .toList();
  }

  private List<Effect.DeviationClosed> closed() {
    return effects.stream()
        .filter(Effect.DeviationClosed.class::isInstance)
        .map(Effect.DeviationClosed.class::cast)
        .toList();
  }

  private List<String> kinds() {
    return effects.stream()
        .filter(Effect.Event.class::isInstance)
        .map(e -> ((Effect.Event) e).kind())
        .toList();
  }

  private List<String> events(String kind) {
    return effects.stream()
        .filter(Effect.Event.class::isInstance)
        .map(Effect.Event.class::cast)
        .filter(e -> e.kind().equals(kind))
        .map(Effect.Event::message)
        .toList();
  }
}

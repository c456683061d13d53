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
  // what the controller reads back: the setpoints last written to it
  Double airSetpoint;
  Double humiditySetpoint;
  // whether "humidity off" switches it off (reads back as none) or leaves the last setpoint
  boolean humiditySwitch = true;

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
        executor(
            steps,
            new ReadPoints(
                ReadPoints.Unit.CYCLES, List.of(1.0, 3.0), ReadPoints.Mode.IN_SITU, null));

    for (int c = 0; c < 3; c++) {
      tick(executor, -40, -40);
      tick(executor, 85, 85);
    }

    assertThat(progress.cycles()).isEqualTo(3);
    assertThat(progress.done()).isTrue();
    assertThat(events("CYCLE_COMPLETED")).hasSize(3);
    assertThat(events("READ_POINT_REACHED"))
        .containsExactly(
            "read point 1 cycles reached (1 cycles, 0.00 h at condition); measured in situ",
            "read point 3 cycles reached (3 cycles, 0.00 h at condition); measured in situ");
  }

  @Test
  void shouldReachHourReadPointsInsideALongSoak() {
    ProfileExecutor executor =
        executor(
            List.of(new ProfileStep.Soak(Duration.ofMinutes(10), 2, 2, false)),
            new ReadPoints(
                ReadPoints.Unit.HOURS, List.of(0.05, 0.1), ReadPoints.Mode.IN_SITU, null));

    for (int i = 0; i < 4; i++) {
      tick(executor, 23, 23); // in band; credits from the second tick, a profile minute each
    }

    assertThat(progress.done()).isFalse();
    // measured in situ: first a baseline at the stress condition, then the read point
    assertThat(readPoints())
        .extracting(Effect.ReadPointReached::label)
        .containsExactly(ProfileExecutor.AT_CONDITION, "0.05 h");
    assertThat(events("READ_POINT_REACHED").get(1))
        .isEqualTo(
            "read point 0.05 hours reached (0 cycles, 0.05 h at condition); measured in situ");
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
    record(resumed.effects());
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

  @Test
  void shouldRecoverToRoomConditionsMeasureAndResumeWithoutCredit() {
    // given: 85 °C / 85 %RH for 2 h (profile) with a read point at 1 h, measured after recovery
    ProfileExecutor executor =
        executor(
            List.of(
                new ProfileStep.Ramp(85, 2.0, 1.0),
                new ProfileStep.Humidity(85.0, 5.0),
                new ProfileStep.Soak(Duration.ofHours(2), 2, 2, true)),
            new ReadPoints(ReadPoints.Unit.HOURS, List.of(1.0)));
    tick(executor, 85, 85, 85.0); // ramp arrives, humidity on, soak entered
    for (int i = 0; i < 60; i++) {
      tick(executor, 85, 85, 85.0); // 60 profile minutes credited
    }
    assertThat(progress.stressSeconds()).isCloseTo(3600, within(1e-6));
    assertThat(events("READ_POINT_DUE")).hasSize(1);
    assertThat(events("READ_POINT_REACHED")).isEmpty();
    effects.clear();

    // when: the chamber dries out, cools, and the load settles at 23 °C for the 1 h dwell
    tick(executor, 85, 85, 80.0); // humidity off written first; still humid
    tick(executor, 85, 85, 3.0); // dew point now about 14 °C: cooling cannot condense
    tick(executor, 50, 70, null); // cooling
    tick(executor, 23, 30, null); // air at 23: dwell starts, load not yet in band
    for (int i = 0; i < 61; i++) {
      tick(executor, 23, 23.5, null);
    }

    // then: humidity went off before the temperature, and the read point is measured at 23 °C
    assertThat(writes()).containsExactly(new Setpoint(85, 2.0, null), new Setpoint(23, 2.0, null));
    List<Effect.ReadPointReached> reached = readPoints();
    assertThat(reached).hasSize(1);
    assertThat(reached.get(0).label()).isEqualTo("1 h");
    assertThat(reached.get(0).hours()).isEqualTo(1.0);
    assertThat(reached.get(0).condition().load()).isEqualTo(23.5);
    assertThat(reached.get(0).condition().recoveryHours()).isGreaterThan(1.0);
    assertThat(ProfileExecutor.measuring(progress)).isEqualTo("1 h");

    // while the modules are measured, the chamber holds and nothing is credited
    for (int i = 0; i < 10; i++) {
      tick(executor, 23, 23, null);
    }
    assertThat(progress.stressSeconds()).isCloseTo(3600, within(1e-6));
    effects.clear();

    // when: measured, the run returns to 85 °C, then humidity, then soaks the second hour
    Tick m = executor.measured(progress, now);
    progress = m.progress();
    tick(executor, 60, 40, null);
    tick(executor, 85, 70, 20.0); // back at temperature: humidity follows
    assertThat(writes()).containsExactly(new Setpoint(85, 2.0, null), new Setpoint(85, 2.0, 85.0));
    assertThat(kinds()).contains("STRESS_RESUMED");
    tick(executor, 85, 80, 60.0); // stabilising after the break: not a deviation
    assertThat(progress.deviation()).isNull();
    for (int i = 0; i < 62; i++) {
      tick(executor, 85, 85, 85.0);
    }
    assertThat(progress.done()).isTrue();
    assertThat(progress.stressSeconds()).isCloseTo(7200, within(1e-6));
    assertThat(closed()).isEmpty();
  }

  @Test
  void shouldReassertTheRecoveryConditionAfterARestartWhileMeasuring() {
    ProfileExecutor executor =
        executor(
            List.of(
                new ProfileStep.Ramp(-40, 10.0, 1.0),
                new ProfileStep.Ramp(85, 10.0, 1.0),
                new ProfileStep.CycleEnd(1),
                new ProfileStep.Ramp(23, 10.0, 1.0)),
            new ReadPoints(
                ReadPoints.Unit.CYCLES,
                List.of(1.0),
                ReadPoints.Mode.RECOVERY,
                new ReadPoints.Recovery(25.0, 1.0, "PT5M", 5.0)));
    tick(executor, -40, -40, null);
    tick(executor, 85, 85, null); // cycle 1 ends: recovery starts (no humidity: straight to cool)
    tick(executor, 25, 25, null); // air at 25: dwell starts
    for (int i = 0; i < 6; i++) {
      tick(executor, 25, 25, null);
    }
    assertThat(ProfileExecutor.measuring(progress)).isEqualTo("1 cycles");
    effects.clear();

    // when: the process restarts while the modules are being measured
    Tick resumed = executor.resume(progress, now);
    progress = resumed.progress();
    tick(executor, 25, 25, null);

    // then: the recovery setpoint is written again and the run still waits for the measurement
    assertThat(writes()).containsExactly(new Setpoint(25, 5.0, null));
    assertThat(ProfileExecutor.measuring(progress)).isEqualTo("1 cycles");

    // when: measured, the next step (ramp to 23) writes its own setpoint; the leg completes
    effects.clear();
    progress = executor.measured(progress, now).progress();
    tick(executor, 23, 23, null);
    assertThat(writes()).containsExactly(new Setpoint(23, 10.0, null));
    assertThat(progress.done()).isTrue();
    assertThat(progress.cycles()).isEqualTo(1);
  }

  /** A Binder MB2 (or Eurotherm 3500, Watlow F4, CSZ): no humidity switch, 10..98 %RH. */
  static final ChamberHumidity NO_SWITCH = new ChamberHumidity(false, 10, 10, 95);

  private ProfileExecutor dampHeatWithAReadPointAtOneHour(ChamberHumidity chamber) {
    humiditySwitch = chamber.switchable();
    return new ProfileExecutor(
        ProfileSteps.listed(
            List.of(
                new ProfileStep.Ramp(85, 2.0, 1.0),
                new ProfileStep.Humidity(85.0, 5.0),
                new ProfileStep.Soak(Duration.ofHours(2), 2, 2, true))),
        new ReadPoints(ReadPoints.Unit.HOURS, List.of(1.0)),
        SCALE,
        Duration.ofSeconds(5),
        chamber,
        ProfileExecutor.DEFAULT_DRY_OUT_LIMIT);
  }

  @Test
  void shouldDryAChamberWithoutAHumiditySwitchAtItsLowestSetpointAndCoolWithIt() {
    // given: 85 °C / 85 %RH on a chamber that cannot switch humidity off, a read point at 1 h
    ProfileExecutor executor = dampHeatWithAReadPointAtOneHour(NO_SWITCH);
    tick(executor, 85, 85, 85.0);
    for (int i = 0; i < 60; i++) {
      tick(executor, 85, 85, 85.0);
    }
    assertThat(events("READ_POINT_DUE"))
        .singleElement()
        .asString()
        .contains("cannot switch humidity off")
        .contains("lowest humidity setpoint, 10 %RH");
    effects.clear();

    // when: dried at 10 %RH; at 85 °C / 14 %RH the dew point is still ~36 °C, far above 21 °C,
    // but the humidity is as low as the chamber goes: it cools, dehumidifying as it does
    tick(executor, 85, 85, 80.0);
    tick(executor, 85, 85, 40.0);
    assertThat(writes()).containsExactly(new Setpoint(85, 2.0, 10.0));
    assertThat(ProfileExecutor.dewPoint(85, 14)).isGreaterThan(30);
    tick(executor, 85, 85, 14.0);
    tick(executor, 50, 70, 12.0);
    tick(executor, 23, 30, 11.0); // air at 23: dwell starts
    for (int i = 0; i < 61; i++) {
      tick(executor, 23, 23.5, 10.0);
    }

    // then: the humidity setpoint stayed at its lowest through the cooling, the modules are
    // measured at 23 °C, and the setpoints read back as written: nothing was "overridden"
    assertThat(writes()).containsExactly(new Setpoint(85, 2.0, 10.0), new Setpoint(23, 2.0, 10.0));
    assertThat(readPoints()).singleElement().satisfies(r -> assertThat(r.label()).isEqualTo("1 h"));
    assertThat(readPoints().get(0).condition().load()).isEqualTo(23.5);
    assertThat(ProfileExecutor.measuring(progress)).isEqualTo("1 h");
    for (int i = 0; i < 10; i++) {
      tick(executor, 23, 23, 10.0); // held while measured
    }
    effects.clear();

    // when: measured: temperature back first (humidity still at its lowest), then 85 %RH
    progress = executor.measured(progress, now).progress();
    tick(executor, 60, 40, 10.0);
    tick(executor, 85, 70, 10.0);
    assertThat(writes()).containsExactly(new Setpoint(85, 2.0, 10.0), new Setpoint(85, 2.0, 85.0));
    tick(executor, 85, 80, 60.0); // re-stabilising: not a deviation
    for (int i = 0; i < 62; i++) {
      tick(executor, 85, 85, 85.0);
    }

    // then: exactly 2 h credited, no override, no deviation
    assertThat(progress.done()).isTrue();
    assertThat(progress.stressSeconds()).isCloseTo(7200, within(1e-6));
    assertThat(kinds()).doesNotContain("SETPOINT_OVERRIDDEN", "DEVIATION");
    assertThat(closed()).isEmpty();
  }

  @Test
  void shouldCoolAnywayWithAWarningWhenTheDryOutDoesNotFinishInItsLimit() {
    // given: the dehumidifier cannot bring the humidity down (stuck at 40 %RH at 85 °C)
    ProfileExecutor executor = dampHeatWithAReadPointAtOneHour(NO_SWITCH);
    for (int i = 0; i < 61; i++) {
      tick(executor, 85, 85, 85.0);
    }
    effects.clear();

    // when: 2 h of profile time (a tick is a profile minute) pass without it getting drier
    for (int i = 0; i < 119; i++) {
      tick(executor, 85, 85, 40.0);
    }
    assertThat(writes()).containsExactly(new Setpoint(85, 2.0, 10.0));
    tick(executor, 85, 85, 40.0);
    tick(executor, 85, 85, 40.0);

    // then: it does not hang: it cools, and the logbook and the report say why it is a risk
    assertThat(writes()).containsExactly(new Setpoint(85, 2.0, 10.0), new Setpoint(23, 2.0, 10.0));
    assertThat(events("DEVIATION"))
        .singleElement()
        .asString()
        .contains("did not finish within 2 h")
        .contains("humidity 40 %RH")
        .contains("Condensation risk");
    assertThat(closed())
        .extracting(Effect.DeviationClosed::quantity)
        .containsExactly("dry-out incomplete: dew point, °C");
  }

  @Test
  void shouldWriteTheRecoveryConditionAgainWhenSomeoneChangesItDuringTheDwell() {
    ProfileExecutor executor = dampHeatWithAReadPointAtOneHour(NO_SWITCH);
    for (int i = 0; i < 61; i++) {
      tick(executor, 85, 85, 85.0);
    }
    tick(executor, 85, 85, 12.0); // dry: cools
    tick(executor, 23, 23, 10.0); // dwell
    tick(executor, 23, 23, 10.0);
    effects.clear();

    // when: someone sets 50 %RH at the panel while the load dwells at 23 °C
    humiditySetpoint = 50.0;
    tick(executor, 23, 23, 10.0);

    // then: the recovery condition (with the lowest humidity) is written again and recorded
    assertThat(writes()).containsExactly(new Setpoint(23, 2.0, 10.0));
    assertThat(events("SETPOINT_OVERRIDDEN"))
        .singleElement()
        .asString()
        .contains("to 50 %RH (in force: 10 %RH)");
    assertThat(closed())
        .extracting(Effect.DeviationClosed::quantity)
        .containsExactly("humidity setpoint changed at the controller, %RH");
  }

  @Test
  void shouldNotMistakeAHostRampBackToTheDryOutSetpointForAChangeAtTheController() {
    ProfileExecutor executor = dampHeatWithAReadPointAtOneHour(NO_SWITCH);
    for (int i = 0; i < 61; i++) {
      tick(executor, 85, 85, 85.0);
    }
    tick(executor, 85, 85, 60.0); // dry-out written
    // when: the process restarts while the air sagged to 83 °C; the host ramps the setpoint back
    // up from the air, so the controller reads back 83.5 °C for a while
    progress = executor.resume(progress, now).progress();
    tick(executor, 83, 83, 50.0); // the dry-out setpoint is written again
    effects.clear();
    airSetpoint = 83.5;
    tick(executor, 83, 83, 45.0);
    tick(executor, 84, 84, 40.0);
    // then: that is not someone at the panel
    assertThat(kinds()).doesNotContain("SETPOINT_OVERRIDDEN");
    // but once the air is back on 85 °C, a setpoint that differs is
    tick(executor, 85, 85, 35.0);
    assertThat(events("SETPOINT_OVERRIDDEN")).singleElement().asString().contains("83.5 °C");
    assertThat(writes()).containsExactly(new Setpoint(85, 2.0, 10.0));
  }

  @Test
  void shouldSetTheLowestHumidityWhenAProfileSwitchesHumidityOffOnAChamberWithoutASwitch() {
    humiditySwitch = false;
    ProfileExecutor executor =
        new ProfileExecutor(
            ProfileSteps.listed(
                List.of(
                    new ProfileStep.Humidity(85.0, 5.0),
                    new ProfileStep.Humidity(null, null),
                    new ProfileStep.Ramp(23, 2.0, 1.0))),
            null,
            SCALE,
            Duration.ofSeconds(5),
            NO_SWITCH,
            ProfileExecutor.DEFAULT_DRY_OUT_LIMIT);
    tick(executor, 85, 85, 85.0);
    tick(executor, 23, 23, 10.0);

    assertThat(writes())
        .containsExactly(
            new Setpoint(23, null, 85.0),
            new Setpoint(23, null, 10.0),
            new Setpoint(23, 2.0, null));
    assertThat(events("HUMIDITY_OFF")).singleElement().asString().contains("lowest, 10 %RH");
    assertThat(progress.done()).isTrue();
  }

  @Test
  void shouldCreditAHumiditySoakOnlyWhileTheHumidityIsInItsBand() {
    ProfileExecutor executor =
        executor(
            List.of(
                new ProfileStep.Humidity(85.0, 5.0),
                new ProfileStep.Soak(Duration.ofMinutes(10), 2, 2, true)),
            null);
    tick(executor, 23, 23, 85.0);
    tick(executor, 23, 23, 86.0); // +1 min
    tick(executor, 23, 23, 72.0); // humidity out: not credited, a deviation opens
    tick(executor, 23, 23, 70.5); // worse
    tick(executor, 23, 23, 84.0); // back in; the previous reading was out: not credited
    tick(executor, 23, 23, 84.0); // +1 min

    assertThat(progress.soakCredited()).isCloseTo(120, within(1e-6));
    assertThat(events("DEVIATION")).hasSize(1);
    assertThat(events("DEVIATION").get(0)).contains("humidity 72.0 %RH left the band 85 ± 5");
    assertThat(closed()).hasSize(1);
    assertThat(closed().get(0).quantity()).isEqualTo("humidity, %RH");
    assertThat(closed().get(0).deviation().worst()).isEqualTo(70.5);
  }

  @Test
  void shouldLogTheAchievedRampRateAndADeviationOutsideItsTolerance() {
    // 3 ± 0.6 K/min planned (IEC 60068-2-14 Nb); the chamber manages 1 K/min
    ProfileExecutor executor =
        executor(List.of(new ProfileStep.Ramp(45, 3.0, 1.0, 0.6, false)), null);
    for (double air = 25; air <= 45; air += 1) {
      tick(executor, air, air, null); // one profile minute per tick
    }

    assertThat(progress.done()).isTrue();
    assertThat(events("RAMP_RATE"))
        .containsExactly(
            "ramp to 45 °C achieved 1.0 K/min (air, 10–90 % of the swing); planned 3 K/min");
    assertThat(closed()).hasSize(1);
    assertThat(closed().get(0).quantity()).isEqualTo("ramp rate, K/min");
    assertThat(closed().get(0).deviation().worst()).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void shouldSayOnceThatASoakOnTheLoadIsMeasuredOnAirWithoutALoadSensor() {
    ProfileExecutor executor =
        executor(List.of(new ProfileStep.Soak(Duration.ofMinutes(3), 2, 2, true)), null);
    for (int i = 0; i < 5; i++) {
      now = now.plusSeconds(1);
      Tick t = executor.tick(progress, reading(23, null, null), now);
      progress = t.progress();
      effects.addAll(t.effects());
    }

    assertThat(progress.done()).isTrue();
    assertThat(events("DEVIATION")).hasSize(1);
    assertThat(events("DEVIATION").get(0)).contains("no load temperature");
    assertThat(closed())
        .extracting(Effect.DeviationClosed::quantity)
        .containsExactly("load sensor missing: soaks measured on air");
  }

  @Test
  void shouldWriteTheSetpointAgainWhenSomeoneChangesItAtTheController() {
    ProfileExecutor executor =
        executor(
            List.of(
                new ProfileStep.Ramp(85, 2.0, 1.0),
                new ProfileStep.Soak(Duration.ofHours(10), 2, 2, true)),
            null);
    tick(executor, 85, 85, null);
    tick(executor, 85, 85, null);
    effects.clear();

    // when: an operator writes 23 °C at the panel (or with mbpoll) during the soak
    now = now.plusSeconds(1);
    ChamberState changed =
        new ChamberState(now, 85, 23, 85.0, null, null, OperatingMode.RUNNING, Set.of(), false);
    Tick t = executor.tick(progress, changed, now);
    progress = t.progress();
    effects.addAll(t.effects());

    // then: the setpoint in force is written again, and the logbook says so
    assertThat(writes()).containsExactly(new Setpoint(85, 2.0, null));
    assertThat(events("SETPOINT_OVERRIDDEN")).singleElement().asString().contains("to 23 °C");
    assertThat(closed())
        .extracting(Effect.DeviationClosed::quantity)
        .containsExactly("setpoint changed at the controller, °C");
  }

  @Test
  void shouldNotFlickerOnAOneSidedBandWhenTheAirStandsInForTheLoad() {
    // -40 °C -0/+2 K on the load; the chamber has no load sensor, its air sits on the setpoint
    ProfileExecutor executor =
        executor(
            List.of(
                new ProfileStep.Ramp(-40, 10.0, 1.0),
                new ProfileStep.Soak(Duration.ofMinutes(10), 0, 2, true)),
            null);
    for (int i = 0; i < 12; i++) {
      double air = i % 2 == 0 ? -40.03 : -39.97; // sensor noise around the setpoint
      now = now.plusSeconds(1);
      Tick t = executor.tick(progress, reading(air, null, null), now);
      progress = t.progress();
      effects.addAll(t.effects());
    }

    assertThat(progress.done()).isTrue();
    assertThat(events("DEVIATION")).singleElement().asString().contains("no load temperature");
  }

  private List<Effect.ReadPointReached> readPoints() {
    return effects.stream()
        .filter(Effect.ReadPointReached.class::isInstance)
        .map(Effect.ReadPointReached.class::cast)
        .toList();
  }

  private void tick(ProfileExecutor executor, double air, double load, Double humidity) {
    now = now.plusSeconds(1);
    Tick t = executor.tick(progress, reading(air, load, humidity), now);
    progress = t.progress();
    record(t.effects());
  }

  /** Keeps the effects, and the setpoints written as the controller reads them back. */
  private void record(List<Effect> tickEffects) {
    effects.addAll(tickEffects);
    for (Effect e : tickEffects) {
      if (e instanceof Effect.Write w) {
        airSetpoint = w.setpoint().temperature();
        if (w.setpoint().humidity() != null || humiditySwitch) {
          humiditySetpoint = w.setpoint().humidity();
        }
      }
    }
  }

  private ChamberState reading(double air, Double load, Double humidity) {
    return new ChamberState(
        now,
        air,
        airSetpoint != null ? airSetpoint : progress.targetTemperature(),
        load,
        humidity,
        humiditySetpoint,
        OperatingMode.RUNNING,
        Set.of(),
        false);
  }

  private ProfileExecutor executor(List<ProfileStep> steps, ReadPoints readPoints) {
    return new ProfileExecutor(
        ProfileSteps.listed(steps), readPoints, SCALE, Duration.ofSeconds(5));
  }

  private void tick(ProfileExecutor executor, double air, double load) {
    now = now.plusSeconds(1);
    Tick t = executor.tick(progress, reading(air, load), now);
    progress = t.progress();
    record(t.effects());
  }

  private ChamberState reading(double air, double load) {
    return new ChamberState(
        now,
        air,
        airSetpoint != null ? airSetpoint : progress.targetTemperature(),
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

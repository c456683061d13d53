package io.stressflow.workflows.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stressflow.chamber.ChamberLimits;
import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.HostRampChamber;
import io.stressflow.chamber.modbus.ModbusChamber;
import io.stressflow.chamber.modbus.ModbusChamberConfig;
import io.stressflow.chamber.modbus.ModbusTransport;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import io.stressflow.chamber.simulator.ThermalState;
import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PresetLibrary;
import io.stressflow.workflows.plan.Segment;
import io.stressflow.workflows.profile.ProfileExecutor.Effect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped register map runs the GR-468 temperature-cycling preset (-40 &lt;-&gt; +85 degC at
 * 10 K/min, 30 min guaranteed soaks on the load) against the chamber simulator serving that map,
 * over real loopback Modbus (TCP, or RTU over TCP for the serial-only controllers), driven through
 * {@link HostRampChamber} exactly as the app wires it, by the real {@link ProfileExecutor} and
 * {@link ChamberControl}.
 *
 * <p><b>Cycles:</b> on every map the preset runs with its 500 cycles cut to {@value #CYCLES}, every
 * segment kept (each cycle's two ramps and two soaks, and the final ramp back to 23 degC), at a 10
 * s profile tick, so the host's setpoint steps are small (1.7 K) and the ramp rate is measured
 * finely; 500 cycles at that tick would be about 350,000 Modbus round trips per map. The full
 * preset, all 500 cycles with its read points at 100, 200 and 500, runs on one host-ramped map
 * (Watlow F4T) at a one-minute tick (about 46,000 ticks, half a minute). {@code FullGr468LegTest}
 * runs all 500 cycles against the same thermal model without sockets.
 *
 * <p>Nothing waits: one injected clock is shared by the simulator's physics, the driver, the
 * host-ramp decorator and the executor; each tick moves it by one profile tick (time scale 1) and
 * steps the physics once. The simulated chamber heats and cools at up to 15 K/min (the simulator's
 * default of 5 / 4 K/min cannot follow a 10 K/min plan) and has no sensor noise, so the one-sided
 * soak bands (-0/+2 K at -40 degC) are judged on the model's values. Binder MB2's map rates the
 * chamber at 4 K/min; it runs here with that map's envelope raised to 10 K/min, as a lab with a
 * faster chamber on the same controller would configure.
 *
 * <p>Asserted per map: exactly the cycles run, exactly 30 min credited per soak, no deviation, and
 * that each ramp achieved the plan's 10 K/min: the air's rate between 20 % and 80 % of each ramp
 * within 5 % on every map, and on maps without a ramp-rate register also the host-written
 * setpoint's rate between 10 % and 90 % within 2 %.
 */
class Gr468OnEveryRegisterMapIT {

  static final int CYCLES = 3;
  static final Duration TICK = Duration.ofSeconds(10);
  static final double PLAN_RATE = 10;
  static final int DAMP_HOURS = 4;

  /** Controllers that speak Modbus RTU only run behind a serial gateway: RTU over TCP. */
  static final Map<String, ModbusTransport> SERIAL =
      Map.of(
          "watlow-f4", ModbusTransport.RTU_OVER_TCP,
          "csz-ezt570i", ModbusTransport.RTU_OVER_TCP,
          "binder-mb2", ModbusTransport.RTU_OVER_TCP,
          "eurotherm-3200", ModbusTransport.RTU_OVER_TCP,
          "eurotherm-3200-float", ModbusTransport.RTU_OVER_TCP);

  static Stream<String> maps() {
    return RegisterMaps.available().stream();
  }

  @ParameterizedTest
  @MethodSource("maps")
  void shouldRunTheGr468TemperatureCyclingPreset(String name) throws Exception {
    Leg preset = PresetLibrary.load().get("gr468-temperature-cycling");
    run(
        name,
        reduced(preset.profile()),
        new Leg.ReadPoints(
            Leg.ReadPoints.Unit.CYCLES,
            List.of(1.0, (double) CYCLES),
            Leg.ReadPoints.Mode.IN_SITU,
            null),
        CYCLES,
        TICK);
  }

  /**
   * The whole preset, all 500 cycles and its read points at 100, 200 and 500 cycles (measured in
   * situ here, so the profile's own ramps are the only ones to measure; recoveries are
   * ProfileExecutorTest's and FullGr468LegTest's), on one controller the host ramps (Watlow F4T:
   * float32 CDAB over Modbus TCP), at a one-minute profile tick: about 46,000 ticks, half a minute.
   */
  @org.junit.jupiter.api.Test
  void shouldRunAll500CyclesOnAHostRampedControllerAtAOneMinuteTick() throws Exception {
    Leg preset = PresetLibrary.load().get("gr468-temperature-cycling");
    Leg.ReadPoints points = preset.readPoints();
    run(
        "watlow-f4t",
        preset.profile(),
        new Leg.ReadPoints(points.unit(), points.at(), Leg.ReadPoints.Mode.IN_SITU, null),
        500,
        Duration.ofMinutes(1));
  }

  private static void run(
      String name, Leg.Profile profile, Leg.ReadPoints points, int cycles, Duration tickEvery)
      throws Exception {
    RegisterMap map = RegisterMaps.load(name);
    ModbusTransport transport = SERIAL.getOrDefault(name, ModbusTransport.TCP);
    ChamberLimits l = map.limits();
    ChamberLimits limits =
        new ChamberLimits(
            l.minTemperature(),
            l.maxTemperature(),
            Math.max(PLAN_RATE, l.maxRampRate()),
            l.minHumidity(),
            l.maxHumidity(),
            l.humidityMinTemperature(),
            l.humidityMaxTemperature(),
            l.safeTemperature());
    ProfileSteps steps = ProfileSteps.of(profile, Durations::parse);
    ProfileExecutor executor = new ProfileExecutor(steps, points, 1.0, Duration.ofMinutes(5));
    TestClock clock = new TestClock();

    try (ChamberSimulator simulator =
            ChamberSimulator.start(
                SimulatorConfig.create(
                    b -> {
                      b.registerMap = map;
                      b.transport = transport;
                      b.clock = clock;
                      b.timeScale = 1;
                      b.tickPeriod = Duration.ofHours(1);
                      b.heatingRate = 15;
                      b.coolingRate = 15;
                      b.temperatureNoise = 0;
                      b.humidityNoise = 0;
                    }));
        HostRampChamber chamber =
            HostRampChamber.around(
                ModbusChamber.connect(
                    ModbusChamberConfig.create(
                        b -> {
                          b.registerMap = map;
                          b.port = simulator.port();
                          b.transport = transport;
                          b.limits = limits;
                          b.clock = clock;
                          b.name = name;
                        })),
                clock,
                1.0)) {
      assertThat(chamber.hostRamps()).isEqualTo(!map.capabilities().rampRate());

      ProfileProgress progress = ProfileProgress.initial();
      List<Sample> samples = new ArrayList<>();
      int cycleEvents = 0;
      int readPoints = 0;
      int deviations = 0;
      int noLoadSensor = 0;
      long ticks = 0;
      long maxTicks = (cycles + 1) * Duration.ofHours(6).dividedBy(tickEvery);
      while (!progress.done() && ticks < maxTicks) {
        clock.advance(tickEvery);
        simulator.tick();
        ChamberState reading = chamber.read();
        ProfileExecutor.Tick tick = executor.tick(progress, reading, clock.instant());
        for (Effect e : tick.effects()) {
          if (e instanceof Effect.Write w) {
            ChamberControl.writeAndRun(chamber, w.setpoint(), reading);
          } else if (e instanceof Effect.Event ev && ev.kind().equals("CYCLE_COMPLETED")) {
            cycleEvents++;
          } else if (e instanceof Effect.Event ev
              && ev.kind().equals("DEVIATION")
              && ev.message().contains("no load temperature")) {
            noLoadSensor++;
          } else if (e instanceof Effect.Event ev && ev.kind().equals("DEVIATION")) {
            deviations++;
          } else if (e instanceof Effect.ReadPointReached r
              && !r.label().equals(ProfileExecutor.AT_CONDITION)) {
            readPoints++;
          }
        }
        samples.add(
            new Sample(
                ticks * tickEvery.toSeconds() / 60.0,
                reading.airTemperature(),
                reading.airSetpoint()));
        progress = tick.progress();
        if (ProfileExecutor.measuring(progress) != null) {
          // the modules are read at once after the recovery: stress resumes
          progress = executor.measured(progress, clock.instant()).progress();
        }
        ticks++;
      }

      assertThat(progress.done()).as("%s finished in %d ticks", name, ticks).isTrue();
      assertThat(progress.cycles()).isEqualTo(cycles);
      assertThat(cycleEvents).isEqualTo(cycles);
      assertThat(readPoints).isEqualTo(points.at().size());
      assertThat(progress.stressSeconds()).isCloseTo(2 * cycles * 30 * 60, within(1e-6));
      assertThat(deviations).isZero();
      // a map without a load sensor soaks on the air, and the run says so once
      assertThat(noLoadSensor).isEqualTo(map.capabilities().loadTemperature() ? 0 : 1);

      // every ramp of the profile, with where it starts
      List<double[]> ramps = new ArrayList<>();
      double from = 23;
      for (ProfileStep s : steps) {
        if (s instanceof ProfileStep.Ramp r) {
          ramps.add(new double[] {from, r.to()});
          from = r.to();
        }
      }
      java.util.DoubleSummaryStatistics airRates = new java.util.DoubleSummaryStatistics();
      java.util.DoubleSummaryStatistics setpointRates = new java.util.DoubleSummaryStatistics();
      int searchFrom = 0;
      for (double[] ramp : ramps) {
        String which = "%s ramp %.0f -> %.0f degC".formatted(name, ramp[0], ramp[1]);
        Crossing air20 = crossing(samples, searchFrom, ramp, 0.2, false);
        Crossing air80 = crossing(samples, air20.index(), ramp, 0.8, false);
        double airRate = 0.6 * Math.abs(ramp[1] - ramp[0]) / (air80.minute() - air20.minute());
        assertThat(airRate).as("%s, air K/min", which).isCloseTo(PLAN_RATE, within(0.5));
        airRates.accept(airRate);
        if (chamber.hostRamps()) {
          Crossing sp10 = crossing(samples, searchFrom, ramp, 0.1, true);
          Crossing sp90 = crossing(samples, sp10.index(), ramp, 0.9, true);
          double setpointRate = 0.8 * Math.abs(ramp[1] - ramp[0]) / (sp90.minute() - sp10.minute());
          assertThat(setpointRate)
              .as("%s, host setpoint K/min", which)
              .isCloseTo(PLAN_RATE, within(0.2));
          setpointRates.accept(setpointRate);
        }
        searchFrom = air80.index();
      }
      System.out.printf(
          "GR-468 on %s (%s, %s): %d cycles, %.1f h profile in %d ticks; %d ramps: air %.2f-%.2f"
              + " K/min%s%n",
          name,
          transport,
          chamber.hostRamps() ? "host ramps" : "controller ramps",
          progress.cycles(),
          ticks * tickEvery.toSeconds() / 3600.0,
          ticks,
          ramps.size(),
          airRates.getMin(),
          airRates.getMax(),
          chamber.hostRamps()
              ? ", host setpoint %.2f-%.2f K/min"
                  .formatted(setpointRates.getMin(), setpointRates.getMax())
              : "");
    }
  }

  static Stream<String> humidityMaps() {
    return RegisterMaps.available().stream()
        .filter(m -> RegisterMaps.load(m).capabilities().humiditySetpoint());
  }

  /**
   * The GR-468 damp-heat preset (85 °C / 85 %RH, soak cut to {@value #DAMP_HOURS} h, read points at
   * 2 and 4 h measured after recovery) on every shipped map that controls humidity, over loopback
   * Modbus against the simulator serving that map. Maps without {@code humidity.enable} (Binder
   * MB2, CSZ EZT-570i, Eurotherm 3500, Watlow F4) cannot switch humidity off: the run dries them at
   * their lowest humidity setpoint and cools with it. On every map: each read point is measured at
   * 23 °C on the load, the run returns to 85/85 and credits exactly the plan's hours, no setpoint
   * reads back as "changed at the controller", and the load is never below the air's dew point
   * while the run dries, cools and dwells (no condensation on the modules).
   */
  @ParameterizedTest
  @MethodSource("humidityMaps")
  void shouldRecoverADampHeatLegForItsReadPointsAndCreditExactHours(String name) throws Exception {
    RegisterMap map = RegisterMaps.load(name);
    boolean switchable = map.capabilities().humiditySwitch();
    ModbusTransport transport = SERIAL.getOrDefault(name, ModbusTransport.TCP);
    ChamberLimits limits = map.limits();
    Leg preset = PresetLibrary.load().get("gr468-damp-heat");
    List<Segment> segments = new ArrayList<>();
    for (Segment s : preset.profile().segments()) {
      segments.add(
          s instanceof Segment.Soak soak && soak.duration().equals("1000h")
              ? new Segment.Soak(DAMP_HOURS + "h", soak.band(), soak.measuredOn())
              : s);
    }
    ProfileSteps steps =
        ProfileSteps.of(
            new Leg.Profile(segments, preset.profile().allowCondensation()), Durations::parse);
    Leg.ReadPoints points = new Leg.ReadPoints(Leg.ReadPoints.Unit.HOURS, List.of(2.0, 4.0));
    ProfileExecutor executor =
        new ProfileExecutor(
            steps,
            points,
            1.0,
            Duration.ofMinutes(5),
            ChamberHumidity.of(map.capabilities(), limits),
            ProfileExecutor.DEFAULT_DRY_OUT_LIMIT);
    assertThat(ChamberHumidity.of(map.capabilities(), limits).switchable()).isEqualTo(switchable);
    TestClock clock = new TestClock();
    Duration tickEvery = Duration.ofSeconds(10);

    try (ChamberSimulator simulator =
            ChamberSimulator.start(
                SimulatorConfig.create(
                    b -> {
                      b.registerMap = map;
                      b.transport = transport;
                      b.clock = clock;
                      b.timeScale = 1;
                      b.tickPeriod = Duration.ofHours(1);
                      b.temperatureNoise = 0;
                      b.humidityNoise = 0;
                    }));
        HostRampChamber chamber =
            HostRampChamber.around(
                ModbusChamber.connect(
                    ModbusChamberConfig.create(
                        b -> {
                          b.registerMap = map;
                          b.port = simulator.port();
                          b.transport = transport;
                          b.limits = limits;
                          b.clock = clock;
                          b.name = name;
                        })),
                clock,
                1.0)) {
      ProfileProgress progress = ProfileProgress.initial();
      List<String> kinds = new ArrayList<>();
      List<String> messages = new ArrayList<>();
      List<ProfileExecutor.Condition> measuredAt = new ArrayList<>();
      List<Double> humiditySetpointsWhileMeasuring = new ArrayList<>();
      java.util.Set<Double> recoveryHumidityWrites = new java.util.HashSet<>();
      double wettest = Double.NEGATIVE_INFINITY; // dew point minus load while drying and cooling
      long ticks = 0;
      while (!progress.done() && ticks < Duration.ofHours(24).dividedBy(tickEvery)) {
        clock.advance(tickEvery);
        simulator.tick();
        ChamberState reading = chamber.read();
        ProfileExecutor.Tick tick = executor.tick(progress, reading, clock.instant());
        boolean recovering = progress.recovering();
        for (Effect e : tick.effects()) {
          if (e instanceof Effect.Write w) {
            ChamberControl.writeAndRun(chamber, w.setpoint(), reading);
            if (recovering || tick.progress().recovering()) {
              recoveryHumidityWrites.add(w.setpoint().humidity());
            }
          } else if (e instanceof Effect.Event ev) {
            kinds.add(ev.kind());
            messages.add(ev.kind() + " " + ev.message());
          } else if (e instanceof Effect.ReadPointReached r) {
            measuredAt.add(r.condition());
          }
        }
        progress = tick.progress();
        ProfileProgress.Recovery r = progress.extras().recovery();
        if (r != null && r.phase() != ProfileProgress.Recovery.Phase.RETURN) {
          ThermalState state = simulator.physics();
          wettest = Math.max(wettest, state.dewPoint() - state.load());
        }
        if (ProfileExecutor.measuring(progress) != null) {
          humiditySetpointsWhileMeasuring.add(reading.humiditySetpoint());
          // the modules are read at once after the recovery: stress resumes
          progress = executor.measured(progress, clock.instant()).progress();
        }
        ticks++;
      }

      assertThat(progress.done()).as("%s finished in %d ticks: %s", name, ticks, messages).isTrue();
      assertThat(progress.stressSeconds()).isCloseTo((DAMP_HOURS + 0.5) * 3600, within(1e-6));
      assertThat(kinds).as(name).doesNotContain("SETPOINT_OVERRIDDEN");
      assertThat(messages.stream().filter(m -> m.startsWith("DEVIATION")))
          .as(name)
          .allMatch(m -> m.contains("no load temperature"));
      // both read points fall inside the 85/85 soak (the 30 min soak before it counts too):
      // after each, temperature then humidity go back to 85/85 and the soak goes on
      assertThat(kinds.stream().filter("STRESS_RESUMED"::equals)).as(name).hasSize(2);
      assertThat(messages.stream().filter(m -> m.startsWith("STRESS_RESUMED")))
          .as(name)
          .allMatch(m -> m.contains("back at 85 °C / 85 %RH"));
      assertThat(measuredAt).as(name).hasSize(2);
      for (ProfileExecutor.Condition c : measuredAt) {
        double load = c.load() != null ? c.load() : c.air();
        assertThat(load).as("%s load when measured", name).isCloseTo(23, within(2.0));
        assertThat(c.recoveryHours()).as(name).isGreaterThanOrEqualTo(1.0);
      }
      assertThat(wettest).as("%s: dew point above the load while recovering", name).isNegative();
      if (switchable) {
        // humidity off (and 85 %RH again once back at 85 °C)
        assertThat(recoveryHumidityWrites).as(name).containsExactlyInAnyOrder(null, 85.0);
      } else {
        // dried at the map's lowest humidity setpoint, which it holds while measured
        assertThat(recoveryHumidityWrites).as(name).contains(limits.minHumidity());
        assertThat(humiditySetpointsWhileMeasuring)
            .as(name)
            .allSatisfy(h -> assertThat(h).isCloseTo(limits.minHumidity(), within(0.1)));
        assertThat(messages).anyMatch(m -> m.contains("cannot switch humidity off"));
      }
      System.out.printf(
          "GR-468 damp heat on %s (%s, humidity %s): %.1f h credited, %.1f h profile in %d ticks;"
              + " read points at %s; dew point - load at most %.1f K while recovering%n",
          name,
          transport,
          switchable ? "switched off" : "dried at " + limits.minHumidity() + " %RH",
          progress.stressSeconds() / 3600,
          ticks * tickEvery.toSeconds() / 3600.0,
          ticks,
          measuredAt,
          wettest);
    }
  }

  /**
   * The app restarts in the middle of a host ramp: the new process has a new driver and a new
   * {@link HostRampChamber} with no memory, {@link ProfileExecutor#resume} re-enters the ramp, and
   * the ramp goes on from the measured air temperature (no jump of the setpoint) at the plan's
   * rate, to the same exact soak credit.
   */
  @org.junit.jupiter.api.Test
  void shouldGoOnWithAHostRampFromTheAirAfterARestartMidRamp() throws Exception {
    RegisterMap map = RegisterMaps.load("watlow-f4t");
    Leg preset = PresetLibrary.load().get("gr468-temperature-cycling");
    ProfileSteps steps = ProfileSteps.of(reduced(preset.profile()), Durations::parse);
    ProfileExecutor executor = new ProfileExecutor(steps, null, 1.0, Duration.ofMinutes(5));
    TestClock clock = new TestClock();
    try (ChamberSimulator simulator =
        ChamberSimulator.start(
            SimulatorConfig.create(
                b -> {
                  b.registerMap = map;
                  b.clock = clock;
                  b.timeScale = 1;
                  b.tickPeriod = Duration.ofHours(1);
                  b.heatingRate = 15;
                  b.coolingRate = 15;
                  b.temperatureNoise = 0;
                  b.humidityNoise = 0;
                }))) {
      HostRampChamber chamber = connect(map, simulator, clock);
      ProfileProgress progress = ProfileProgress.initial();
      boolean restarted = false;
      double airAtRestart = Double.NaN;
      double setpointAfterRestart = Double.NaN;
      long ticks = 0;
      while (!progress.done() && ticks < 20_000) {
        clock.advance(TICK);
        simulator.tick();
        ChamberState reading = chamber.read();
        if (!restarted
            && steps.get(progress.step()) instanceof ProfileStep.Ramp r
            && r.to() == 85
            && reading.airTemperature() > 0) {
          // kill: the process is gone with its driver and its ramp state
          chamber.close();
          clock.advance(Duration.ofMinutes(2));
          simulator.tick();
          chamber = connect(map, simulator, clock);
          airAtRestart = chamber.read().airTemperature();
          ProfileExecutor.Tick resumed = executor.resume(progress, clock.instant());
          apply(chamber, resumed.effects(), null);
          progress = resumed.progress();
          restarted = true;
          clock.advance(TICK);
          simulator.tick();
          reading = chamber.read();
          ProfileExecutor.Tick tick = executor.tick(progress, reading, clock.instant());
          apply(chamber, tick.effects(), reading);
          progress = tick.progress();
          setpointAfterRestart = chamber.read().airSetpoint();
          ticks++;
          continue;
        }
        ProfileExecutor.Tick tick = executor.tick(progress, reading, clock.instant());
        apply(chamber, tick.effects(), reading);
        progress = tick.progress();
        if (ProfileExecutor.measuring(progress) != null) {
          progress = executor.measured(progress, clock.instant()).progress();
        }
        ticks++;
      }
      chamber.close();

      assertThat(restarted).isTrue();
      // the new ramp starts where the air is, not where the old setpoint was or at the target
      assertThat(setpointAfterRestart).isCloseTo(airAtRestart, within(0.5));
      assertThat(progress.done()).isTrue();
      assertThat(progress.cycles()).isEqualTo(CYCLES);
      assertThat(progress.stressSeconds()).isCloseTo(2 * CYCLES * 30 * 60, within(1e-6));
    }
  }

  private static HostRampChamber connect(RegisterMap map, ChamberSimulator simulator, Clock clock)
      throws Exception {
    return HostRampChamber.around(
        ModbusChamber.connect(
            ModbusChamberConfig.create(
                b -> {
                  b.registerMap = map;
                  b.port = simulator.port();
                  b.clock = clock;
                })),
        clock,
        1.0);
  }

  private static void apply(HostRampChamber chamber, List<Effect> effects, ChamberState reading)
      throws Exception {
    for (Effect e : effects) {
      if (e instanceof Effect.Write w) {
        ChamberControl.writeAndRun(chamber, w.setpoint(), reading);
      }
    }
  }

  /** The preset with its cycle count cut to {@link #CYCLES}; every segment kept. */
  private static Leg.Profile reduced(Leg.Profile profile) {
    List<Segment> segments = new ArrayList<>();
    for (Segment s : profile.segments()) {
      segments.add(s instanceof Segment.Repeat r ? new Segment.Repeat(CYCLES, r.segments()) : s);
    }
    return new Leg.Profile(segments, profile.allowCondensation());
  }

  /**
   * The first time, at or after sample {@code start}, that the air (or the setpoint) passes {@code
   * fraction} of the ramp, interpolated between samples.
   */
  private static Crossing crossing(
      List<Sample> samples, int start, double[] ramp, double fraction, boolean setpoint) {
    double level = ramp[0] + fraction * (ramp[1] - ramp[0]);
    double sign = Math.signum(ramp[1] - ramp[0]);
    for (int i = Math.max(1, start); i < samples.size(); i++) {
      double before = samples.get(i - 1).value(setpoint);
      double after = samples.get(i).value(setpoint);
      if (sign * (before - level) < 0 && sign * (after - level) >= 0) {
        double t0 = samples.get(i - 1).minute();
        double t1 = samples.get(i).minute();
        return new Crossing(i, t0 + (t1 - t0) * (level - before) / (after - before));
      }
    }
    throw new AssertionError(
        "Expected the %s to pass %.1f degC on the ramp %.0f -> %.0f, but it never did"
            .formatted(setpoint ? "setpoint" : "air", level, ramp[0], ramp[1]));
  }

  private record Sample(double minute, double air, double setpoint) {
    double value(boolean ofSetpoint) {
      return ofSetpoint ? setpoint : air;
    }
  }

  private record Crossing(int index, double minute) {}

  /** One clock for the simulator, the driver, the host ramp and the executor; moved by hand. */
  private static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

package io.stressflow.workflows.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.logbook.CampaignEvent;
import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.plan.CampaignPlan;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PlanReader;
import io.stressflow.workflows.plan.PlanReport;
import io.stressflow.workflows.plan.PlanService;
import io.stressflow.workflows.plan.Segment;
import io.stressflow.workflows.support.ErrorLog;
import io.stressflow.workflows.support.TestChambers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Profiles run host-driven against the simulated chamber at time scale 3600 (an hour a second). The
 * simulator runs outside the application, as a real chamber would, so the application can be
 * stopped and started again mid-profile while the chamber keeps going.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileRunIT {

  static final double SCALE = 3600;

  ChamberSimulator simulator;

  @BeforeAll
  void startChamber() {
    simulator = TestChambers.simulator(SCALE);
  }

  @AfterAll
  void stopChamber() {
    simulator.close();
  }

  @Test
  void shouldRunACompressedGr468TemperatureCyclingLegWithExactCyclesAndSoaks() {
    Path data = dataDir();
    try (ConfigurableApplicationContext app = start(data)) {
      Leg leg = leg(app, gr468Cycling(5), "CYCLES", "[2, 5]");
      ProfileRunner runner = app.getBean(ProfileRunner.class);

      String run = runner.start("C-tc", leg);
      ProfileRun done = awaitCompleted(runner, run, Duration.ofMinutes(2));

      assertThat(done.progress().cycles()).isEqualTo(5);
      // 10 soaks of 30 min each, credited exactly: never more than the soak asks for
      assertThat(done.progress().stressSeconds()).isCloseTo(10 * 30 * 60, within(1e-6));
      List<String> kinds = kinds(app, "C-tc");
      assertThat(kinds.stream().filter("CYCLE_COMPLETED"::equals)).hasSize(5);
      assertThat(kinds.stream().filter("READ_POINT_REACHED"::equals)).hasSize(2);
      assertThat(kinds).startsWith("LEG_STARTED", "BASELINE_TAKEN").endsWith("LEG_COMPLETED");
    }
  }

  @Test
  void shouldRunACompressedDampHeatLegWithHumidityAndCreditedHours() {
    Path data = dataDir();
    try (ConfigurableApplicationContext app = start(data)) {
      Leg leg =
          leg(
              app,
              List.of(
                  "- ramp: { to: 85, rate: 2 }",
                  "- soak: { duration: PT30M, band: { below: 2, above: 2 } }",
                  "- humidity: { setpoint: 85, tolerance: 5 }",
                  "- soak: { duration: 10h, band: { below: 2, above: 2 } }",
                  "- humidity: { off: true }",
                  "- ramp: { to: 23, rate: 2 }"),
              "HOURS",
              "[5, 10]");
      ProfileRunner runner = app.getBean(ProfileRunner.class);

      String run = runner.start("C-dh", leg);
      ProfileRun done = awaitCompleted(runner, run, Duration.ofMinutes(2));

      assertThat(done.progress().stressSeconds()).isCloseTo(10.5 * 3600, within(1e-6));
      assertThat(done.progress().humidity()).isNull();
      assertThat(kinds(app, "C-dh").stream().filter("READ_POINT_REACHED"::equals)).hasSize(2);
      // the reference map switches humidity off: dried with it off, as before, with no setpoint
      // reading back as changed at the controller and no dry-out overdue
      assertThat(kinds(app, "C-dh")).doesNotContain("SETPOINT_OVERRIDDEN", "HUMIDITY_OFF");
      assertThat(runner.deviations(run)).isEmpty();
    }
  }

  @Test
  void shouldLetAnAbortWinOverTicksUnderWayAndRefusePausingACompletedRun() throws Exception {
    Path data = dataDir();
    try (ConfigurableApplicationContext app = start(data)) {
      ProfileRunner runner = app.getBean(ProfileRunner.class);
      io.stressflow.chamber.Chamber chamber =
          app.getBean(io.stressflow.workflows.chamber.Lab.class).driver("chamber-1");
      Leg base = leg(app, gr468Cycling(50), "CYCLES", "[50]");
      // powered and polled in situ, so the abort must also stop the polling
      Leg polled =
          new Leg(
              base.id(),
              base.name(),
              base.preset(),
              base.stress(),
              base.samples(),
              base.chamber(),
              base.chamberPool(),
              base.after(),
              base.profile(),
              base.readPoints(),
              "PT30M",
              base.failureCriteria(),
              base.acceptance(),
              base.source(),
              true);
      String run = runner.start("C-race", polled);
      org.quartz.Scheduler quartz = app.getBean(org.quartz.Scheduler.class);
      assertThat(quartz.checkExists(org.quartz.JobKey.jobKey(run, "in-situ"))).isTrue();
      // a second caller ticks the run as fast as it can while the campaign is aborted
      java.util.concurrent.atomic.AtomicBoolean stop =
          new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.atomic.AtomicInteger ticks =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread ticker =
          new Thread(
              () -> {
                while (!stop.get()) {
                  runner.tick(run);
                  ticks.incrementAndGet();
                }
              });
      ticker.start();
      await().atMost(Duration.ofMinutes(1)).until(() -> ticks.get() > 20);

      runner.abort(run);
      chamber.safeState(); // what the campaign's abort does next
      double safe = chamber.read().airSetpoint();
      int after = ticks.get();
      await().atMost(Duration.ofMinutes(1)).until(() -> ticks.get() > after + 50);
      stop.set(true);
      ticker.join();

      assertThat(runner.find(run).orElseThrow().state()).isEqualTo("ABORTED");
      assertThat(chamber.read().airSetpoint()).as("no setpoint after the abort").isEqualTo(safe);
      List<String> kinds = kinds(app, "C-race");
      assertThat(kinds.get(kinds.size() - 1)).isEqualTo("LEG_ABORTED");
      runner.watch();
      assertThat(
              app.getBean(org.quartz.Scheduler.class)
                  .checkExists(org.quartz.JobKey.jobKey(run, "profile")))
          .as("the watchdog does not bring an aborted run back")
          .isFalse();
      await()
          .atMost(Duration.ofMinutes(1))
          .alias("the aborted leg's modules are no longer polled in situ")
          .until(() -> !quartz.checkExists(org.quartz.JobKey.jobKey(run, "in-situ")));

      // a run that has completed cannot be paused (the watchdog would tick it forever)
      String short1 =
          runner.start("C-short", leg(app, List.of("- soak: { duration: 1h }"), "HOURS", "[1]"));
      awaitCompleted(runner, short1, Duration.ofMinutes(1));
      assertThat(
              org.assertj.core.api.Assertions.catchThrowableOfType(
                  IllegalStateException.class, () -> runner.pause(short1)))
          .hasMessageContaining("has completed: it cannot be paused");
      runner.watch();
      assertThat(runner.find(short1).orElseThrow().state()).isEqualTo("COMPLETED");
      assertThat(
              app.getBean(org.quartz.Scheduler.class)
                  .checkExists(org.quartz.JobKey.jobKey(short1, "profile")))
          .isFalse();
    }
  }

  /**
   * Runs started, completed and aborted back to back, as legs switch in a campaign, log no error:
   * Quartz once saw half-written tick jobs and logged {@code No record found for selection of
   * Trigger} or {@code "job" is null} at the switch between two legs (issue 19, item 6).
   */
  @Test
  void shouldSwitchBetweenRunsWithoutAnyErrorLogged() {
    Path data = dataDir();
    try (ConfigurableApplicationContext app = start(data);
        ErrorLog errors = ErrorLog.open()) {
      ProfileRunner runner = app.getBean(ProfileRunner.class);
      Leg shortLeg = leg(app, List.of("- soak: { duration: 1h }"), "HOURS", "[1]");
      Leg polled = polledInSitu(cyclingLeg(app, 50), "PT6M");
      // a run ticking and polled throughout keeps Quartz acquiring triggers all the time
      String background = runner.start("C-background", polled);
      for (int i = 0; i < 10; i++) {
        String done = runner.start("C-switch", shortLeg);
        awaitCompleted(runner, done, Duration.ofMinutes(1));
        String aborted = runner.start("C-switch", polled);
        await()
            .atMost(Duration.ofMinutes(1))
            .until(() -> runner.find(aborted).orElseThrow().progress().lastTick() != null);
        runner.abort(aborted);
      }
      runner.abort(background);

      assertThat(errors.errors()).isEmpty();
    }
  }

  /** The leg with its modules powered and polled in situ every {@code period} of profile time. */
  private static Leg polledInSitu(Leg base, String period) {
    return new Leg(
        base.id(),
        base.name(),
        base.preset(),
        base.stress(),
        base.samples(),
        base.chamber(),
        base.chamberPool(),
        base.after(),
        base.profile(),
        base.readPoints(),
        period,
        base.failureCriteria(),
        base.acceptance(),
        base.source(),
        true);
  }

  @Test
  void shouldResumeAfterARestartWithoutLosingOrRecountingACycle() {
    Path data = dataDir();
    String run;
    try (ConfigurableApplicationContext app = start(data)) {
      ProfileRunner runner = app.getBean(ProfileRunner.class);
      run = runner.start("C-restart", cyclingLeg(app, 8));
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> runner.find(run).orElseThrow().progress().cycles() >= 3);
    } // the application stops mid-profile; the chamber does not

    try (ConfigurableApplicationContext app = start(data)) {
      ProfileRunner runner = app.getBean(ProfileRunner.class);
      ProfileRun done = awaitCompleted(runner, run, Duration.ofMinutes(2));

      assertThat(done.progress().cycles()).isEqualTo(8);
      assertThat(done.progress().stressSeconds()).isCloseTo(16 * 15 * 60, within(1e-6));
      List<String> cycles =
          app.getBean(CampaignLog.class).events("C-restart").stream()
              .filter(e -> e.kind().equals("CYCLE_COMPLETED"))
              .map(CampaignEvent::message)
              .map(m -> m.replaceAll("; ramps achieved .*", "")) // achieved rates vary
              .toList();
      assertThat(cycles)
          .containsExactly(
              "[tc] cycle 1 completed",
              "[tc] cycle 2 completed",
              "[tc] cycle 3 completed",
              "[tc] cycle 4 completed",
              "[tc] cycle 5 completed",
              "[tc] cycle 6 completed",
              "[tc] cycle 7 completed",
              "[tc] cycle 8 completed");
    }
  }

  @Test
  void shouldStepEstimateAndResumeARunStoredWithABillionCycles() {
    Path data = dataDir();
    String run;
    Leg huge;
    long before;
    try (ConfigurableApplicationContext app = start(data)) {
      // a run stored before plan validation bounded repeat counts: started as it was stored
      Leg small = leg(app, cycling(2), "CYCLES", "[1]");
      Segment.Repeat cycle = (Segment.Repeat) small.profile().segments().get(0);
      huge =
          new Leg(
              small.id(),
              small.name(),
              small.preset(),
              small.stress(),
              small.samples(),
              small.chamber(),
              small.chamberPool(),
              small.after(),
              new Leg.Profile(
                  List.of(
                      new Segment.Repeat(1_000_000_000, cycle.segments()),
                      small.profile().segments().get(1)),
                  null),
              null,
              null,
              small.failureCriteria(),
              small.acceptance(),
              small.source());
      ProfileRunner runner = app.getBean(ProfileRunner.class);
      run = runner.start("C-huge", huge);
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> runner.find(run).orElseThrow().progress().cycles() >= 2);

      // estimated (as every campaign view does) by arithmetic, not by unrolling 10^9 cycles
      ProfileProgress progress = runner.find(run).orElseThrow().progress();
      RunEstimate estimate =
          assertTimeoutPreemptively(Duration.ofSeconds(2), () -> RunEstimate.of(huge, progress));
      // a cycle: 80 K each way at 5 K/min and two 15 min soaks, 62 min in all
      assertThat(estimate.totalHours()).isCloseTo(1e9 * 62 / 60, within(1e3));
      assertThat(estimate.fraction()).isPositive().isLessThan(1e-6);
      before = progress.cycles();
    } // the application stops mid-profile; after the restart the stored run resumes

    try (ConfigurableApplicationContext app = start(data)) {
      ProfileRunner runner = app.getBean(ProfileRunner.class);
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> runner.find(run).orElseThrow().progress().cycles() >= before + 2);
      runner.abort(run);
      assertThat(runner.find(run).orElseThrow().state()).isEqualTo("ABORTED");
      assertThat(kinds(app, "C-huge")).contains("RESUMED").doesNotContain("LEG_COMPLETED");
    }
  }

  private static List<String> cycling(int cycles) {
    return List.of(
        "- repeat:",
        "    count: " + cycles,
        "    segments:",
        "      - ramp: { to: -20, rate: 5 }",
        "      - soak: { duration: PT15M, band: { below: 3, above: 3 } }",
        "      - ramp: { to: 60, rate: 5 }",
        "      - soak: { duration: PT15M, band: { below: 3, above: 3 } }",
        "- ramp: { to: 23, rate: 5 }");
  }

  /** A cycling leg with read points at half-way and at the end. */
  private Leg cyclingLeg(ConfigurableApplicationContext app, int cycles) {
    return leg(app, cycling(cycles), "CYCLES", "[%d, %d]".formatted(cycles / 2, cycles));
  }

  /**
   * The GR-468 preset's temperature-cycling profile (-40 <-> +85 degC at 10 K/min, 30 min soaks in
   * one-sided bands on the load), compressed to a few cycles.
   */
  private static List<String> gr468Cycling(int cycles) {
    return List.of(
        "- repeat:",
        "    count: " + cycles,
        "    segments:",
        "      - ramp: { to: -40, rate: 10 }",
        "      - soak: { duration: PT30M, band: { below: 0, above: 2 }, measuredOn: LOAD }",
        "      - ramp: { to: 85, rate: 10 }",
        "      - soak: { duration: PT30M, band: { below: 2, above: 0 }, measuredOn: LOAD }",
        "- ramp: { to: 23, rate: 10 }");
  }

  private Leg leg(
      ConfigurableApplicationContext app, List<String> segments, String unit, String at) {
    String yaml =
        """
        campaign: profile test
        product: { partNumber: P1 }
        modules: [{ serial: M01 }]
        legs:
          - id: tc
            chamber: chamber-1
            samples: [M01]
            profile:
              segments:
        %s
            readPoints: { unit: %s, at: %s }
            acceptance: { sampleSize: 1, allowedFailures: 0 }
        """
            .formatted(
                segments.stream().map(line -> "        " + line).collect(Collectors.joining("\n")),
                unit,
                at);
    PlanService plans = app.getBean(PlanService.class);
    PlanReport report = plans.validate(yaml);
    assertThat(report.problems()).isEmpty();
    CampaignPlan plan = PlanReader.read(yaml, plans.presets());
    return plan.legs().get(0);
  }

  private ConfigurableApplicationContext start(Path data) {
    return TestChambers.app(data, SCALE, simulator);
  }

  private static ProfileRun awaitCompleted(ProfileRunner runner, String run, Duration limit) {
    await()
        .atMost(limit)
        .until(() -> runner.find(run).map(r -> r.state().equals("COMPLETED")).orElse(false));
    return runner.find(run).orElseThrow();
  }

  private static List<String> kinds(ConfigurableApplicationContext app, String campaign) {
    return app.getBean(CampaignLog.class).events(campaign).stream()
        .map(CampaignEvent::kind)
        .toList();
  }

  private static Path dataDir() {
    return TestChambers.dataDir("profile");
  }
}

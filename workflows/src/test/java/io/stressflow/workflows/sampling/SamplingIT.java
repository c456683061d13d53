package io.stressflow.workflows.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.logbook.CampaignEvent;
import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.plan.CampaignPlan;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PlanReader;
import io.stressflow.workflows.plan.PlanService;
import io.stressflow.workflows.profile.ProfileRunner;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import io.stressflow.workflows.sampling.fleet.SimulatedFleet;
import io.stressflow.workflows.support.TestChambers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A compressed 85 °C / 85 %RH leg with four simulated modules, one of which has a seeded bad
 * emitter on lane 3: it must fail at the 30 h read point on lane 3 alone, be credited 20 h (its
 * last good read point), and get a failure-analysis process instance with its data snapshot, while
 * the other three pass every read point. Control samples are read at every read point and never
 * aged, and their drift is a measurement-system alarm, not a failure; a round is taken once however
 * often it is asked for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplingIT {

  static final double SCALE = 7200;

  /**
   * Quartz registers its JDBC job store's data source JVM-wide under the scheduler's name, so an
   * application still running in this JVM under the default name (a cached Spring test context)
   * would fire this test's profile ticks and in-situ jobs against its own beans. A name of its own
   * keeps each application's jobs to itself.
   */
  static final String OWN_SCHEDULER = "--spring.quartz.scheduler-name=sampling-it";

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
  void shouldFailTheSeededModuleAtTheExpectedReadPointAndRouteIt() {
    try (ConfigurableApplicationContext app =
        TestChambers.app(
            TestChambers.dataDir("sampling"),
            SCALE,
            simulator,
            OWN_SCHEDULER,
            "--stressflow.chamber.telemetry-interval=1m",
            "--stressflow.modules.seed=42")) {
      PlanService plans = app.getBean(PlanService.class);
      String yaml =
          String.join(
              "\n",
              "campaign: damp heat with a bad unit",
              "product: { partNumber: SF-400G-SR8 }",
              "modules: [{ serial: A1 }, { serial: A2 }, { serial: A3 }, { serial: A4 }]",
              "legs:",
              "  - id: dh",
              "    stress: DAMP_HEAT",
              "    chamber: chamber-1",
              "    samples: [A1, A2, A3, A4]",
              "    profile:",
              "      segments:",
              "        - ramp: { to: 85, rate: 2 }",
              "        - soak: { duration: PT30M, band: { below: 2, above: 2 } }",
              "        - humidity: { setpoint: 85, tolerance: 5 }",
              "        - soak: { duration: 10h, band: { below: 2, above: 2 } }",
              "        - humidity: { off: true }",
              "        - ramp: { to: 23, rate: 2 }",
              "        - soak: { duration: 1h, band: { below: 2, above: 2 } }",
              "    readPoints: { unit: HOURS, at: [10] }",
              "    failureCriteria: { txPowerDriftDb: 1.0, biasRisePercent: 50, rxPowerDropDb: 1.0, moduleAlarms: true }",
              "    acceptance: { sampleSize: 4, allowedFailures: 0 }");
      assertThat(plans.validate(yaml).problems()).isEmpty();
      CampaignPlan plan = PlanReader.read(yaml, plans.presets());
      SimulatedFleet fleet = app.getBean(SimulatedFleet.class);
      fleet.add("A1");
      fleet.add("A2");
      fleet.add("A3");
      fleet.add("A4");
      // lane 3 of A3 wears 250x the median rate: at 85/85 powered about +2 % bias per h, so it
      // passes at 20 h (+40 %) and fails at 30 h (+60 %); the others drift ~0.1 %/10 h
      fleet.degrade("A3", 250, 3);

      // each read point after 10 h at 85/85, measured after recovery at 23 °C (decision 12)
      SamplingService sampling = app.getBean(SamplingService.class);
      for (int k = 1; k <= 3; k++) {
        stressAndRecover(app, "C-dh", plan.legs().get(0));
        sampling.readPoint("C-dh", "dh", (10 * k) + " h", 10 * k, 0);
      }

      // failure analysis starts after the round's commit, off the round's thread
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  sampling.failures("C-dh").stream()
                      .allMatch(f -> f.get("FA_INSTANCE_KEY") != null));
      List<Map<String, Object>> failures = sampling.failures("C-dh");
      assertThat(failures).hasSize(1);
      Map<String, Object> failure = failures.get(0);
      assertThat(failure.get("SERIAL")).isEqualTo("A3");
      assertThat(failure.get("LANES")).isEqualTo("[3]");
      assertThat(failure.get("LAST_GOOD_POINT")).isEqualTo("20 h");
      assertThat(((Number) failure.get("CREDITED_HOURS")).doubleValue())
          .isCloseTo(20.0, within(1e-6));
      assertThat((String) failure.get("CRITERIA")).contains("BIAS_RISE: Tx bias rose");
      assertThat(failure.get("FA_INSTANCE_KEY")).isNotNull();

      // the failure-analysis instance waits at its first task with the snapshot
      CamundaClient client = app.getBean(CamundaClient.class);
      long fa = Long.parseLong((String) failure.get("FA_INSTANCE_KEY"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  !client
                      .newUserTaskSearchRequest()
                      .filter(f -> f.processInstanceKey(fa))
                      .send()
                      .join()
                      .items()
                      .isEmpty());
      UserTask task =
          client
              .newUserTaskSearchRequest()
              .filter(f -> f.processInstanceKey(fa))
              .send()
              .join()
              .items()
              .get(0);
      assertThat(task.getElementId()).isEqualTo("verify-failure");

      // the others passed every read point and were credited the whole leg
      List<Map<String, Object>> units =
          app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
              .sql(
                  "SELECT serial, state, credited_hours FROM module_unit WHERE serial <> 'A3' ORDER BY serial")
              .query()
              .listOfRows();
      assertThat(units).hasSize(3);
      assertThat(units)
          .allSatisfy(
              u -> {
                assertThat(u.get("STATE")).isEqualTo("IN_STRESS");
                assertThat(((Number) u.get("CREDITED_HOURS")).doubleValue())
                    .isCloseTo(30.0, within(1e-6));
              });
      // the read points were at 23 °C after 85 °C: the modules' latched temperature alarms were
      // read and kept, and did not fail them (85 °C is beyond their 0-70 °C rating)
      assertThat(
              app.getBean(JdbcClient.class)
                  .sql("SELECT flags FROM module_sample WHERE serial = 'A1' AND label = '10 h'")
                  .query(String.class)
                  .single())
          .contains("TEMPERATURE.HIGH_ALARM");
    }
  }

  @Test
  void shouldCatchADeadModuleInSituBetweenReadPoints() {
    try (ConfigurableApplicationContext app =
        TestChambers.app(
            TestChambers.dataDir("insitu"),
            SCALE,
            simulator,
            OWN_SCHEDULER,
            "--stressflow.chamber.telemetry-interval=1m",
            "--stressflow.modules.seed=7")) {
      PlanService plans = app.getBean(PlanService.class);
      String yaml =
          String.join(
              "\n",
              "campaign: in-situ",
              "product: { partNumber: SF-400G-SR8 }",
              "modules: [{ serial: B1 }, { serial: B2 }]",
              "legs:",
              "  - id: hot",
              "    powered: true",
              "    chamber: chamber-1",
              "    samples: [B1, B2]",
              "    profile:",
              "      segments:",
              "        - ramp: { to: 60, rate: 2 }",
              "        - soak: { duration: 40h, band: { below: 2, above: 2 } }",
              "        - ramp: { to: 23, rate: 2 }",
              "    readPoints: { unit: HOURS, at: [20, 40] }",
              "    inSitu: 1h",
              "    failureCriteria: { biasRisePercent: 50, moduleAlarms: true }",
              "    acceptance: { sampleSize: 2, allowedFailures: 0 }");
      assertThat(plans.validate(yaml).problems()).isEmpty();
      ProfileRunner runner = app.getBean(ProfileRunner.class);
      String run = runner.start("C-is", PlanReader.read(yaml, plans.presets()).legs().get(0));
      SimulatedFleet fleet = app.getBean(SimulatedFleet.class);
      // dies after its baseline, long before the 20 h read point
      fleet.silence("B2");

      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> !app.getBean(SamplingService.class).failures("C-is").isEmpty());
      Map<String, Object> failure = app.getBean(SamplingService.class).failures("C-is").get(0);
      assertThat(failure.get("SERIAL")).isEqualTo("B2");
      assertThat((String) failure.get("CRITERIA")).startsWith("SILENT");
      assertThat(failure.get("LAST_GOOD_POINT")).isNull();
      assertThat(((Number) failure.get("CREDITED_HOURS")).doubleValue()).isZero();
      String kind =
          app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
              .sql("SELECT kind FROM module_sample WHERE id = ?")
              .param(failure.get("SAMPLE_ID"))
              .query(String.class)
              .single();
      assertThat(kind).isEqualTo("IN_SITU");

      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> runner.find(run).orElseThrow().state().equals("COMPLETED"));
      assertThat(app.getBean(SamplingService.class).failures("C-is")).hasSize(1);
    }
  }

  @Test
  void shouldMeasureControlsAtEveryReadPointNeverAgeThemAndRaiseTheirDriftAsAnAlarm() {
    try (ConfigurableApplicationContext app =
        TestChambers.app(
            TestChambers.dataDir("controls"),
            SCALE,
            simulator,
            OWN_SCHEDULER,
            "--stressflow.chamber.telemetry-interval=1m",
            "--stressflow.modules.seed=5")) {
      PlanService plans = app.getBean(PlanService.class);
      String yaml =
          String.join(
              "\n",
              "campaign: damp heat with a control",
              "product: { partNumber: SF-400G-SR8 }",
              "lots: [{ id: L1 }]",
              "modules:",
              "  - { serial: D1, lot: L1 }",
              "  - { serial: D2, lot: L1 }",
              "  - { serial: K1, lot: L1, control: true }",
              "legs:",
              "  - id: dh",
              "    stress: DAMP_HEAT",
              "    chamber: chamber-1",
              "    samples: [D1, D2]",
              "    profile:",
              "      segments:",
              "        - ramp: { to: 85, rate: 2 }",
              "        - soak: { duration: PT30M, band: { below: 2, above: 2 } }",
              "        - humidity: { setpoint: 85, tolerance: 5 }",
              "        - soak: { duration: 10h, band: { below: 2, above: 2 } }",
              "        - humidity: { off: true }",
              "        - ramp: { to: 23, rate: 2 }",
              "        - soak: { duration: 1h, band: { below: 2, above: 2 } }",
              "    readPoints: { unit: HOURS, at: [10] }",
              "    failureCriteria: { txPowerDriftDb: 1.0, biasRisePercent: 50, rxPowerDropDb: 1.0, moduleAlarms: true }",
              "    acceptance: { sampleSize: 2, allowedFailures: 0 }");
      assertThat(plans.validate(yaml).problems()).isEmpty();
      CampaignPlan plan = PlanReader.read(yaml, plans.presets());
      SamplingService sampling = app.getBean(SamplingService.class);
      sampling.registerCampaign("C-ctl", plan);
      JdbcClient jdbc = app.getBean(JdbcClient.class);

      // two read points, each after 10 h at 85/85 and a recovery at 23 °C
      stressAndRecover(app, "C-ctl", plan.legs().get(0));
      sampling.readPoint("C-ctl", "dh", "10 h", 10, 0);
      // after the 10 h read point the station drifts: the control reads 2 dB low from then on
      app.getBean(SimulatedFleet.class).offsetPower("K1", -2);
      stressAndRecover(app, "C-ctl", plan.legs().get(0));
      sampling.readPoint("C-ctl", "dh", "20 h", 20, 0);

      List<Map<String, Object>> control = samplesOf(jdbc, "K1");
      assertThat(control).extracting(r -> r.get("LABEL")).containsExactly("0", "10 h", "20 h");
      assertThat(control)
          .allSatisfy(
              r -> {
                assertThat(r.get("CONTROL")).isEqualTo(true);
                assertThat(((Number) r.get("STRESS_HOURS")).doubleValue()).isZero();
                // outside the chamber, at lab ambient, while the leg's modules sat at 85 °C / 85
                // %RH
                assertThat(((Number) r.get("TEMPERATURE")).doubleValue())
                    .isCloseTo(SimulatedFleet.AMBIENT + 3, within(0.01));
              });
      assertThat(control).extracting(r -> r.get("VERDICT")).containsExactly("PASS", "PASS", "FAIL");
      // never aged: its bias is what it was at the baseline; the stressed modules' rose
      assertThat(biasOf(jdbc, "K1", "20 h")).isEqualTo(biasOf(jdbc, "K1", "0"));
      List<Double> before = biasOf(jdbc, "D1", "0");
      List<Double> after = biasOf(jdbc, "D1", "20 h");
      assertThat(after).hasSize(8);
      for (int lane = 0; lane < 8; lane++) {
        assertThat(after.get(lane)).isGreaterThan(before.get(lane));
      }
      Map<String, Object> unit =
          jdbc.sql("SELECT * FROM module_unit WHERE serial = 'K1'").query().singleRow();
      assertThat(unit.get("CONTROL")).isEqualTo(true);
      assertThat(unit.get("LEG_ID")).isNull();
      assertThat(unit.get("LOT")).isEqualTo("L1");
      assertThat(unit.get("STATE")).isEqualTo("CONTROL");

      // the drift is an alarm on the read point's results, not a failure of anything
      assertThat(sampling.failures("C-ctl")).isEmpty();
      List<CampaignEvent> drift =
          app.getBean(CampaignLog.class).events("C-ctl").stream()
              .filter(e -> e.kind().equals("CONTROL_DRIFT"))
              .toList();
      assertThat(drift).hasSize(1);
      assertThat(drift.get(0).message())
          .startsWith("[dh] 20 h: control samples out of spec against their own baseline: K1 (")
          .contains("TX_POWER_DRIFT: Tx power changed -2.00 dB")
          .endsWith("this read point's results are suspect");
      assertThat(
              jdbc.sql("SELECT credited_hours FROM module_unit WHERE serial IN ('D1', 'D2')")
                  .query(Double.class)
                  .list())
          .containsExactly(20.0, 20.0);
    }
  }

  @Test
  void shouldTakeEachRoundOnceWhenItsJobIsDeliveredTwice() throws Exception {
    try (ConfigurableApplicationContext app =
        TestChambers.app(
            TestChambers.dataDir("rounds"),
            SCALE,
            simulator,
            OWN_SCHEDULER,
            "--stressflow.modules.seed=3")) {
      SamplingService sampling = app.getBean(SamplingService.class);
      SimulatedFleet fleet = app.getBean(SimulatedFleet.class);
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      Leg leg =
          new Leg(
              "tc",
              null,
              null,
              null,
              List.of("E1", "E2", "E3"),
              "chamber-1",
              null,
              null,
              null,
              null,
              null,
              new Leg.FailureCriteria(1.0, 50.0, 1.0, true),
              null,
              null);
      sampling.register("C-once", leg, Map.of("E1", "L7"), List.of("K9"));
      sampling.register("C-once", leg, Map.of(), List.of("K9")); // the job again

      Round baseline = sampling.baseline("C-once", "tc");
      assertThat(sampling.baseline("C-once", "tc")).isEqualTo(baseline);
      assertThat(baseline.read()).isEqualTo(3);
      assertThat(baseline.controls()).isEqualTo(1);

      Round first = sampling.readPoint("C-once", "tc", "100 cycles", 10, 100);
      fleet.silence("E2");
      // delivered again after E2 died: the stored round, nothing read, nothing judged
      assertThat(sampling.readPoint("C-once", "tc", "100 cycles", 10, 100)).isEqualTo(first);
      assertThat(first.failed()).isEmpty();

      // delivered twice at once: one round, one failure, one failure-analysis instance
      ExecutorService workers = Executors.newFixedThreadPool(2);
      try {
        Future<Round> a =
            workers.submit(() -> sampling.readPoint("C-once", "tc", "200 cycles", 20, 200));
        Future<Round> b =
            workers.submit(() -> sampling.readPoint("C-once", "tc", "200 cycles", 20, 200));
        assertThat(a.get(1, TimeUnit.MINUTES)).isEqualTo(b.get(1, TimeUnit.MINUTES));
        assertThat(a.get().failed()).containsExactly("E2");
        assertThat(a.get().read()).isEqualTo(3);
      } finally {
        workers.shutdownNow();
      }
      assertThat(sampling.readPoint("C-once", "tc", "200 cycles", 20, 200).failed())
          .containsExactly("E2");

      assertThat(
              jdbc.sql("SELECT label, COUNT(*) FROM module_sample GROUP BY label ORDER BY label")
                  .query((rs, n) -> rs.getString(1) + "=" + rs.getInt(2))
                  .list())
          .containsExactly("0=4", "100 cycles=4", "200 cycles=4");
      assertThat(sampling.failures("C-once")).hasSize(1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> sampling.failures("C-once").get(0).get("FA_INSTANCE_KEY") != null);
      assertThat(
              app.getBean(CampaignLog.class).events("C-once").stream()
                  .map(CampaignEvent::kind)
                  .filter(k -> !k.equals("FAILURE_ANALYSIS_STARTED")))
          .containsExactly(
              "BASELINE_TAKEN", "READ_POINT_SAMPLED", "MODULE_FAILED", "READ_POINT_SAMPLED");
      assertThat(
              jdbc.sql("SELECT lot, credited_cycles FROM module_unit WHERE serial = 'E1'")
                  .query((rs, n) -> rs.getString(1) + "/" + rs.getLong(2))
                  .single())
          .isEqualTo("L7/200");
      assertThat(
              jdbc.sql("SELECT credited_cycles FROM module_unit WHERE serial = 'E2'")
                  .query(Long.class)
                  .single())
          .isEqualTo(100);

      // a module fault: the fault cause (CMIS lower page byte 41) goes to failure analysis
      fleet.state("E3", ModuleState.FAULT, 1);
      assertThat(sampling.readPoint("C-once", "tc", "300 cycles", 30, 300).failed())
          .containsExactly("E3");
      Map<String, Object> e3 =
          sampling.failures("C-once").stream()
              .filter(f -> "E3".equals(f.get("SERIAL")))
              .findFirst()
              .orElseThrow();
      assertThat(e3.get("CRITERIA"))
          .isEqualTo("MODULE_FAULT: module state is FAULT, fault cause: TEC runaway (code 1)");
      assertThat(
              jdbc.sql("SELECT fault_cause FROM module_sample WHERE id = ?")
                  .param(e3.get("SAMPLE_ID"))
                  .query(Integer.class)
                  .single())
          .isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  sampling.failures("C-once").stream()
                      .allMatch(f -> f.get("FA_INSTANCE_KEY") != null));
      long fa =
          Long.parseLong(
              (String)
                  sampling.failures("C-once").stream()
                      .filter(f -> "E3".equals(f.get("SERIAL")))
                      .findFirst()
                      .orElseThrow()
                      .get("FA_INSTANCE_KEY"));
      Map<String, String> snapshot =
          app
              .getBean(CamundaClient.class)
              .newVariableSearchRequest()
              .withFullValues()
              .filter(f -> f.processInstanceKey(fa))
              .page(p -> p.limit(100))
              .send()
              .join()
              .items()
              .stream()
              .collect(
                  java.util.stream.Collectors.toMap(
                      io.camunda.client.api.search.response.Variable::getName,
                      io.camunda.client.api.search.response.Variable::getValue,
                      (x, y) -> x));
      assertThat(snapshot.get("moduleState")).isEqualTo("\"FAULT\"");
      assertThat(snapshot.get("faultCause")).isEqualTo("\"TEC runaway (code 1)\"");
    }
  }

  /**
   * Runs a leg's profile (stress, then a recovery at 23 °C) on the simulated chamber without read
   * points of its own, and waits for it: the test then takes the read point at recovery, as the
   * campaign does (decision 12).
   */
  private static void stressAndRecover(
      ConfigurableApplicationContext app, String campaignId, Leg leg) {
    ProfileRunner runner = app.getBean(ProfileRunner.class);
    Leg stressOnly =
        new Leg(
            leg.id(),
            leg.name(),
            leg.preset(),
            leg.stress(),
            leg.samples(),
            leg.chamber(),
            leg.chamberPool(),
            leg.after(),
            leg.profile(),
            null,
            leg.inSitu(),
            leg.failureCriteria(),
            leg.acceptance(),
            leg.source(),
            leg.powered());
    String run = runner.start(campaignId, stressOnly);
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> runner.find(run).orElseThrow().state().equals("COMPLETED"));
  }

  private static List<Map<String, Object>> samplesOf(JdbcClient jdbc, String serial) {
    return jdbc.sql("SELECT * FROM module_sample WHERE serial = ? ORDER BY id")
        .param(serial)
        .query()
        .listOfRows();
  }

  private static List<Double> biasOf(JdbcClient jdbc, String serial, String label) {
    return jdbc.sql(
            "SELECT l.bias_ma FROM lane_reading l JOIN module_sample s ON s.id = l.sample_id"
                + " WHERE s.serial = ? AND s.label = ? ORDER BY l.lane")
        .params(serial, label)
        .query(Double.class)
        .list();
  }
}

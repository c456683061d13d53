package io.stressflow.workflows.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.plan.CampaignPlan;
import io.stressflow.workflows.plan.PlanReader;
import io.stressflow.workflows.plan.PlanService;
import io.stressflow.workflows.profile.ProfileRunner;
import io.stressflow.workflows.sampling.fleet.SimulatedFleet;
import io.stressflow.workflows.support.TestChambers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A compressed 85 °C / 85 %RH leg with four simulated modules, one of which has a seeded bad
 * emitter on lane 3: it must fail at the 30 h read point on lane 3 alone, be credited 20 h (its
 * last good read point), and get a failure-analysis process instance with its data snapshot, while
 * the other three pass every read point.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplingIT {

  static final double SCALE = 7200;

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
              "    chamber: chamber-1",
              "    samples: [A1, A2, A3, A4]",
              "    profile:",
              "      segments:",
              "        - ramp: { to: 85, rate: 2 }",
              "        - soak: { duration: PT30M, band: { below: 2, above: 2 } }",
              "        - humidity: { setpoint: 85, tolerance: 5 }",
              "        - soak: { duration: 50h, band: { below: 2, above: 2 } }",
              "        - humidity: { off: true }",
              "        - ramp: { to: 23, rate: 2 }",
              "    readPoints: { unit: HOURS, at: [10, 20, 30, 40, 50] }",
              "    failureCriteria: { txPowerDropDb: 1.0, biasRisePercent: 50, rxPowerDropDb: 1.0, moduleAlarms: true }",
              "    acceptance: { sampleSize: 4, allowedFailures: 0 }");
      assertThat(plans.validate(yaml).problems()).isEmpty();
      CampaignPlan plan = PlanReader.read(yaml, plans.presets());
      SimulatedFleet fleet = app.getBean(SimulatedFleet.class);
      fleet.add("A1");
      fleet.add("A2");
      fleet.add("A3");
      fleet.add("A4");
      // lane 3 of A3 wears 20x the median rate: at 85/85 (module at 93 °C) about +2 % bias per h,
      // so it passes at 20 h (+40 %) and fails at 30 h (+60 %); the others drift ~1.5 %/10 h
      fleet.degrade("A3", 20, 3);

      ProfileRunner runner = app.getBean(ProfileRunner.class);
      String run = runner.start("C-dh", plan.legs().get(0));
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> runner.find(run).orElseThrow().state().equals("COMPLETED"));

      SamplingService sampling = app.getBean(SamplingService.class);
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
                    .isCloseTo(50.0, within(1e-6));
              });
    }
  }

  @Test
  void shouldCatchADeadModuleInSituBetweenReadPoints() {
    try (ConfigurableApplicationContext app =
        TestChambers.app(
            TestChambers.dataDir("insitu"),
            SCALE,
            simulator,
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
}

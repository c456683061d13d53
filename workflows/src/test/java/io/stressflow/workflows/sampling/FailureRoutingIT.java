package io.stressflow.workflows.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.outbox.Outbox;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.sampling.fleet.SimulatedFleet;
import io.stressflow.workflows.support.TestChambers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A failure found while the workflow engine is down is recorded with its round, and its
 * failure-analysis instance is created once the engine is back: by the router's retries while the
 * application runs, and by the application's start after a restart. The campaign's {@code
 * module-failed} message is written with the failure (outbox) and sent once the engine is back. An
 * analysis instance created before a crash that kept its key from being recorded is found by its
 * business id, not created again: one instance per failure. The engine runs outside the application
 * (as Camunda 8 would), so the test can stop and start it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureRoutingIT {

  ChamberSimulator simulator;

  @BeforeAll
  void startChamber() {
    simulator = TestChambers.simulator(1);
  }

  @AfterAll
  void stopChamber() {
    simulator.close();
  }

  @Test
  void shouldRecordFailuresDuringAnEngineOutageAndStartTheirAnalysisWhenItIsBack() {
    Path data = TestChambers.dataDir("outage");
    String engineState = "jdbc:h2:file:" + data.resolve("external-engine");
    Engine engine = engine(0, engineState);
    int port = engine.port();
    String[] settings = {
      "--stressflow.camunda.rest-address=" + engine.restAddress(),
      SamplingIT.OWN_SCHEDULER,
      "--stressflow.sampling.routing-retry-min=50ms",
      "--stressflow.sampling.routing-retry-max=300ms"
    };
    Leg leg =
        new Leg(
            "hs",
            null,
            null,
            null,
            List.of("F1", "F2", "F3"),
            "chamber-1",
            null,
            null,
            null,
            null,
            null,
            new Leg.FailureCriteria(1.0, 50.0, 1.0, true),
            null,
            null);
    try {
      try (ConfigurableApplicationContext app = TestChambers.app(data, 1, simulator, settings)) {
        SamplingService sampling = app.getBean(SamplingService.class);
        SimulatedFleet fleet = app.getBean(SimulatedFleet.class);
        sampling.register("C-out", leg, Map.of("F1", "L1"));
        sampling.baseline("C-out", "hs");

        // outage 1: the engine comes back while the application runs
        engine.close();
        fleet.silence("F1");
        Round round = sampling.readPoint("C-out", "hs", "1 h", 1, 0);

        assertThat(round.failed()).containsExactly("F1");
        Map<String, Object> f1 = failure(sampling, "F1");
        assertThat((String) f1.get("CRITERIA")).startsWith("SILENT");
        assertThat(f1.get("LAST_GOOD_POINT")).isNull();
        assertThat(app.getBean(CampaignLog.class).events("C-out"))
            .anySatisfy(
                e -> {
                  assertThat(e.kind()).isEqualTo("MODULE_FAILED");
                  assertThat(e.message()).contains("module F1 failed");
                });
        assertThat(f1.get("FA_INSTANCE_KEY")).isNull(); // the engine is down
        // the campaign's message was written with the failure, and waits for the engine
        Outbox outbox = app.getBean(Outbox.class);
        assertThat(outbox.queued("module-failed/C-out/F1")).isTrue();
        assertThat(outbox.pending()).contains("module-failed/C-out/F1");

        engine = engine(port, engineState);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> failure(sampling, "F1").get("FA_INSTANCE_KEY") != null);
        assertWaitsForVerification(app, failure(sampling, "F1"));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> failure(sampling, "F1").get("MESSAGE_SENT_AT") != null);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> !outbox.pending().contains("module-failed/C-out/F1"));

        // outage 2: the application stops before the engine is back
        engine.close();
        fleet.silence("F2");
        assertThat(sampling.readPoint("C-out", "hs", "2 h", 2, 0).failed()).containsExactly("F2");
        assertThat(failure(sampling, "F2").get("FA_INSTANCE_KEY")).isNull();
      }
      engine = engine(port, engineState);
      try (ConfigurableApplicationContext app = TestChambers.app(data, 1, simulator, settings)) {
        SamplingService sampling = app.getBean(SamplingService.class);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> failure(sampling, "F2").get("FA_INSTANCE_KEY") != null);
        assertWaitsForVerification(app, failure(sampling, "F2"));
        assertThat(sampling.failures("C-out"))
            .extracting(f -> f.get("SERIAL"))
            .containsExactly("F1", "F2");
        assertThat(app.getBean(CampaignLog.class).events("C-out"))
            .filteredOn(e -> e.kind().equals("FAILURE_ANALYSIS_STARTED"))
            .hasSize(2);
        assertThat(app.getBean(Outbox.class).pending()).isEmpty();

        // a crash between creating F3's analysis and recording its key: the instance exists,
        // the failure does not know it; routing finds it by business id instead of a second one
        CamundaClient client = app.getBean(CamundaClient.class);
        long orphan =
            client
                .newCreateInstanceCommand()
                .bpmnProcessId("failure-analysis")
                .latestVersion()
                .variables(Map.of("campaignId", "C-out", "serial", "F3", "legId", "hs"))
                .businessId("C-out/F3")
                .send()
                .join()
                .getProcessInstanceKey();
        sampling.register("C-out", leg, Map.of("F1", "L1"));
        app.getBean(SimulatedFleet.class).silence("F3");
        assertThat(sampling.readPoint("C-out", "hs", "3 h", 3, 0).failed()).containsExactly("F3");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> failure(sampling, "F3").get("FA_INSTANCE_KEY") != null);
        assertThat(failure(sampling, "F3").get("FA_INSTANCE_KEY")).isEqualTo(Long.toString(orphan));
        // exactly one failure-analysis instance per failure
        for (String serial : List.of("F1", "F2", "F3")) {
          assertThat(
                  client
                      .newProcessInstanceSearchRequest()
                      .filter(
                          f ->
                              f.processDefinitionId("failure-analysis")
                                  .businessId("C-out/" + serial))
                      .send()
                      .join()
                      .items())
              .as("analyses of " + serial)
              .singleElement()
              .satisfies(
                  i ->
                      assertThat(Long.toString(i.getProcessInstanceKey()))
                          .isEqualTo(failure(sampling, serial).get("FA_INSTANCE_KEY")));
        }
      }
    } finally {
      engine.close();
    }
  }

  private static void assertWaitsForVerification(
      ConfigurableApplicationContext app, Map<String, Object> failure) {
    CamundaClient client = app.getBean(CamundaClient.class);
    long fa = Long.parseLong((String) failure.get("FA_INSTANCE_KEY"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .newUserTaskSearchRequest()
                            .filter(f -> f.processInstanceKey(fa))
                            .send()
                            .join()
                            .items())
                    .singleElement()
                    .satisfies(t -> assertThat(t.getElementId()).isEqualTo("verify-failure")));
  }

  private static Map<String, Object> failure(SamplingService sampling, String serial) {
    return sampling.failures("C-out").stream()
        .filter(f -> serial.equals(f.get("SERIAL")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no failure recorded for " + serial));
  }

  private static Engine engine(int port, String jdbcUrl) {
    return Engine.start(
        EngineConfig.create(
            b -> {
              b.port = port;
              b.jdbcUrl = jdbcUrl;
            }));
  }
}

package io.stressflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import io.stressflow.engine.test.EngineProcess;
import io.stressflow.engine.test.EngineTestBase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an engine process with SIGKILL in the middle of work and restarts on the same file:
 * everything the engine acknowledged is still there, exactly once.
 */
class KillRecoveryIT {
  @TempDir Path dataDir;

  @Test
  void shouldLoseNothingAcknowledgedWhenKilled() throws Exception {
    final String jdbcUrl = "jdbc:h2:file:" + dataDir.resolve("engine").toAbsolutePath();
    final Path portFile = dataDir.resolve("port");
    final Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                EngineProcess.class.getName(),
                jdbcUrl,
                portFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("child.log").toFile())
            .start();
    final List<Long> instances;
    final long userTaskInstance;
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(portFile));
      final URI address = URI.create("http://127.0.0.1:" + Files.readString(portFile).trim());
      try (CamundaClient client =
          CamundaClient.newClientBuilder()
              .restAddress(address)
              .preferRestOverGrpc(true)
              .defaultJobWorkerStreamEnabled(false)
              .applyEnvironmentVariableOverrides(false)
              .build()) {
        client
            .newDeployResourceCommand()
            .addProcessModel(
                Bpmn.createExecutableProcess("leg")
                    .startEvent()
                    .serviceTask("start-profile", t -> t.zeebeJobType("start-profile"))
                    .intermediateCatchEvent(
                        "leg-finished",
                        e ->
                            e.message(
                                m -> m.name("leg-finished").zeebeCorrelationKeyExpression("leg")))
                    .endEvent()
                    .done(),
                "leg.bpmn")
            .addProcessModel(
                Bpmn.createExecutableProcess("unload")
                    .startEvent()
                    .userTask("confirm", u -> u.zeebeUserTask())
                    .intermediateCatchEvent("cool-down", e -> e.timerWithDuration("PT1H"))
                    .endEvent()
                    .done(),
                "unload.bpmn")
            .send()
            .join();
        instances =
            List.of(
                create(client, "L1"),
                create(client, "L2"),
                create(client, "L3"),
                create(client, "L4"));
        final List<ActivatedJob> jobs =
            client
                .newActivateJobsCommand()
                .jobType("start-profile")
                .maxJobsToActivate(2)
                .timeout(Duration.ofMillis(500))
                .send()
                .join()
                .getJobs();
        for (final ActivatedJob job : jobs) {
          client.newCompleteCommand(job).send().join();
        }
        client
            .newPublishMessageCommand()
            .messageName("leg-finished")
            .correlationKey("L4")
            .timeToLive(Duration.ofHours(1))
            .send()
            .join();
        userTaskInstance =
            client
                .newCreateInstanceCommand()
                .bpmnProcessId("unload")
                .latestVersion()
                .send()
                .join()
                .getProcessInstanceKey();
      }
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    try (Engine engine =
            Engine.start(
                EngineConfig.create(
                    c -> {
                      c.jdbcUrl = jdbcUrl;
                      c.testEndpoints = true;
                    }));
        CamundaClient client = EngineTestBase.newClient(engine)) {
      // two instances wait at the message, two still have their job (lease expires)
      final List<ActivatedJob> jobs =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      client
                          .newActivateJobsCommand()
                          .jobType("start-profile")
                          .maxJobsToActivate(10)
                          .requestTimeout(Duration.ofSeconds(2))
                          .send()
                          .join()
                          .getJobs(),
                  list -> list.size() == 2);
      assertThat(jobs)
          .extracting(ActivatedJob::getProcessInstanceKey)
          .containsExactlyInAnyOrder(instances.get(2), instances.get(3));
      for (final ActivatedJob job : jobs) {
        client.newCompleteCommand(job).send().join();
      }
      // the buffered message is still there and reaches L4 now that it waits
      awaitState(client, instances.get(3), ProcessInstanceState.COMPLETED);
      for (final String leg : List.of("L1", "L2", "L3")) {
        client
            .newPublishMessageCommand()
            .messageName("leg-finished")
            .correlationKey(leg)
            .send()
            .join();
      }
      for (final long instance : instances) {
        awaitState(client, instance, ProcessInstanceState.COMPLETED);
      }
      // the user task survived once, and the timer after it works
      final var tasks =
          client
              .newUserTaskSearchRequest()
              .filter(f -> f.processInstanceKey(userTaskInstance).state(UserTaskState.CREATED))
              .send()
              .join()
              .items();
      assertThat(tasks).hasSize(1);
      client.newCompleteUserTaskCommand(tasks.get(0).getUserTaskKey()).send().join();
      client.newPinClockCommand().time(Instant.now().plus(Duration.ofHours(2))).send().join();
      awaitState(client, userTaskInstance, ProcessInstanceState.COMPLETED);
    }
  }

  private static long create(final CamundaClient client, final String leg) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("leg")
        .latestVersion()
        .variables(Map.of("leg", leg))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private static void awaitState(
      final CamundaClient client, final long instance, final ProcessInstanceState state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> client.newProcessInstanceGetRequest(instance).send().join().getState() == state);
  }
}

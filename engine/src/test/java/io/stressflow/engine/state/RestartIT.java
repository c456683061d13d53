package io.stressflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import io.stressflow.engine.test.EngineTestBase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartIT {
  @TempDir Path dataDir;

  private Engine start() {
    return Engine.start(
        EngineConfig.create(
            c -> c.jdbcUrl = "jdbc:h2:file:" + dataDir.resolve("engine").toAbsolutePath()));
  }

  @Test
  void shouldKeepDefinitionsInstancesJobsAndVariablesAcrossRestart() {
    final long instance;
    final long jobKey;
    try (Engine engine = start();
        CamundaClient client = EngineTestBase.newClient(engine)) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("restart")
                  .startEvent()
                  .serviceTask("first", t -> t.zeebeJobType("restart-first"))
                  .serviceTask("second", t -> t.zeebeJobType("restart-second"))
                  .endEvent()
                  .done(),
              "restart.bpmn")
          .send()
          .join();
      instance =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("restart")
              .latestVersion()
              .variables(Map.of("serial", "QSFP-7"))
              .send()
              .join()
              .getProcessInstanceKey();
      final List<ActivatedJob> jobs =
          client
              .newActivateJobsCommand()
              .jobType("restart-first")
              .maxJobsToActivate(1)
              .send()
              .join()
              .getJobs();
      jobKey = jobs.get(0).getKey();
    }

    try (Engine engine = start();
        CamundaClient client = EngineTestBase.newClient(engine)) {
      // the leased job survived: complete it by key
      client.newCompleteCommand(jobKey).variables(Map.of("firstDone", true)).send().join();
      final ActivatedJob second =
          client
              .newActivateJobsCommand()
              .jobType("restart-second")
              .maxJobsToActivate(1)
              .requestTimeout(Duration.ofSeconds(5))
              .send()
              .join()
              .getJobs()
              .get(0);
      assertThat(second.getVariablesAsMap())
          .containsEntry("serial", "QSFP-7")
          .containsEntry("firstDone", true);
      client.newCompleteCommand(second).send().join();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  client.newProcessInstanceGetRequest(instance).send().join().getState()
                      == ProcessInstanceState.COMPLETED);
      // the definition survived too
      final long next =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("restart")
              .latestVersion()
              .send()
              .join()
              .getProcessInstanceKey();
      assertThat(next).isGreaterThan(instance);
    }
  }

  @Test
  void shouldRefuseToStartOnPortInUse() {
    try (Engine engine = start()) {
      final int port = engine.port();
      assertThatThrownBy(
              () ->
                  Engine.start(
                      EngineConfig.create(
                          c -> {
                            c.port = port;
                            c.jdbcUrl = "jdbc:h2:mem:other";
                          })))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("in use");
    }
  }
}

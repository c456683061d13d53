package io.stressflow.engine.processing.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.EventLog.Intent;
import io.stressflow.engine.test.EngineTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ServiceTaskIT extends EngineTestBase {

  @Test
  void shouldRunSequenceOfServiceTasksWithWorkers() {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent("start")
            .serviceTask(
                "first", t -> t.zeebeJobType(processId + "-first").zeebeTaskHeader("unit", "degC"))
            .serviceTask("second", t -> t.zeebeJobType(processId + "-second").zeebeJobRetries("5"))
            .endEvent("end")
            .done());
    final List<ActivatedJob> seen = new CopyOnWriteArrayList<>();

    // when
    try (JobWorker first =
            client
                .newWorker()
                .jobType(processId + "-first")
                .handler(
                    (jobClient, job) -> {
                      seen.add(job);
                      jobClient
                          .newCompleteCommand(job)
                          .variables(Map.of("reading", 21.5))
                          .send()
                          .join();
                    })
                .open();
        JobWorker second =
            client
                .newWorker()
                .jobType(processId + "-second")
                .handler(
                    (jobClient, job) -> {
                      seen.add(job);
                      jobClient
                          .newCompleteCommand(job)
                          .variables(Map.of("verdict", "pass"))
                          .send()
                          .join();
                    })
                .open()) {
      final long instance = createInstance(processId, Map.of("serial", "QSFP-001"));

      // then
      awaitCompleted(instance, processId);
      assertThat(log().elementsWith(instance, Intent.ELEMENT_COMPLETED))
          .containsExactly("start", "first", "second", "end", processId);
      assertThat(log().intents(instance, "first")).isEqualTo(COMPLETED);
      assertThat(seen).hasSize(2);
      assertThat(seen.get(0).getCustomHeaders()).containsEntry("unit", "degC");
      assertThat(seen.get(0).getVariablesAsMap()).containsEntry("serial", "QSFP-001");
      assertThat(seen.get(0).getProcessInstanceKey()).isEqualTo(instance);
      assertThat(seen.get(0).getElementId()).isEqualTo("first");
      assertThat(seen.get(0).getRetries()).isEqualTo(3);
      assertThat(seen.get(1).getRetries()).isEqualTo(5);
      assertThat(seen.get(1).getVariablesAsMap())
          .containsEntry("reading", 21.5)
          .containsEntry("serial", "QSFP-001");
    }
  }

  @Test
  void shouldActivateOnlyRequestedVariables() {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("task", t -> t.zeebeJobType(processId))
            .endEvent()
            .done());
    final long instance = createInstance(processId, Map.of("a", 1, "b", 2));

    // when
    final List<ActivatedJob> jobs =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    client
                        .newActivateJobsCommand()
                        .jobType(processId)
                        .maxJobsToActivate(5)
                        .fetchVariables("a")
                        .send()
                        .join()
                        .getJobs(),
                list -> !list.isEmpty());

    // then
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).getVariablesAsMap()).containsOnlyKeys("a");
    assertThat(jobs.get(0).getProcessInstanceKey()).isEqualTo(instance);
  }
}

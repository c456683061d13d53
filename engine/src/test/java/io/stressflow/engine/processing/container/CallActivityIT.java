package io.stressflow.engine.processing.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.test.EngineTestBase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallActivityIT extends EngineTestBase {

  @Test
  void shouldCallProcessAndPropagateVariablesBack() {
    // given
    final String child = processId();
    final String parent = processId();
    deploy(
        Bpmn.createExecutableProcess(child)
            .startEvent()
            .serviceTask("analyse", t -> t.zeebeJobType(child))
            .endEvent()
            .done());
    deploy(
        Bpmn.createExecutableProcess(parent)
            .startEvent()
            .callActivity("failure-analysis", c -> c.zeebeProcessId(child))
            .endEvent()
            .done());

    try (var worker =
        client
            .newWorker()
            .jobType(child)
            .handler(
                (c, job) -> {
                  assertThat(job.getVariablesAsMap()).containsEntry("serial", "S-1");
                  c.newCompleteCommand(job).variables(Map.of("rootCause", "VCSEL")).send().join();
                })
            .open()) {
      // when
      final ProcessInstanceResult result =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(parent)
              .latestVersion()
              .variables(Map.of("serial", "S-1"))
              .withResult()
              .requestTimeout(Duration.ofSeconds(10))
              .send()
              .join();

      // then
      assertThat(result.getVariablesAsMap()).containsEntry("rootCause", "VCSEL");
      assertThat(log().intents(result.getProcessInstanceKey(), "failure-analysis"))
          .isEqualTo(COMPLETED);
      final var children =
          client
              .newProcessInstanceSearchRequest()
              .filter(f -> f.processDefinitionId(child))
              .send()
              .join()
              .items();
      assertThat(children).hasSize(1);
      assertThat(children.get(0).getParentProcessInstanceKey())
          .isEqualTo(result.getProcessInstanceKey());
    }
  }

  @Test
  void shouldRaiseIncidentWhenCalledProcessIsMissing() {
    final String parent = processId();
    deploy(
        Bpmn.createExecutableProcess(parent)
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId("missing-process"))
            .endEvent()
            .done());
    final long instance = createInstance(parent);

    final var incidents = incidentsOf(instance);
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).getErrorType().name()).isEqualTo("CALLED_ELEMENT_ERROR");
  }

  @Test
  void shouldCatchErrorOfCalledProcessOnCallActivityBoundary() {
    // given
    final String child = processId();
    final String parent = processId();
    deploy(
        Bpmn.createExecutableProcess(child)
            .startEvent()
            .serviceTask("verify", t -> t.zeebeJobType(child))
            .endEvent()
            .done());
    deploy(
        Bpmn.createExecutableProcess(parent)
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId(child))
            .boundaryEvent("not-reproducible", b -> b.error("CND"))
            .endEvent("closed")
            .moveToActivity("call")
            .endEvent("done")
            .done());
    final long instance = createInstance(parent);
    final var job = activateJob(child);

    // when
    client.newThrowErrorCommand(job).errorCode("CND").send().join();

    // then
    awaitCompleted(instance, parent);
    assertThat(log().intents(instance, "call")).isEqualTo(TERMINATED);
    assertThat(log().intents(instance, "closed")).isEqualTo(COMPLETED);
    assertThat(log().intents(job.getProcessInstanceKey(), "verify")).isEqualTo(TERMINATED);
  }

  @Test
  void shouldTerminateCalledProcessWhenParentIsCancelled() {
    final String child = processId();
    final String parent = processId();
    deploy(
        Bpmn.createExecutableProcess(child)
            .startEvent()
            .serviceTask("wait", t -> t.zeebeJobType(child))
            .endEvent()
            .done());
    deploy(
        Bpmn.createExecutableProcess(parent)
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId(child))
            .endEvent()
            .done());
    final long instance = createInstance(parent);
    final long childInstance =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.parentProcessInstanceKey(instance))
            .send()
            .join()
            .items()
            .get(0)
            .getProcessInstanceKey();

    client.newCancelInstanceCommand(instance).send().join();

    assertThat(client.newProcessInstanceGetRequest(childInstance).send().join().getState().name())
        .isEqualTo("TERMINATED");
    assertThat(log().intents(childInstance, "wait")).isEqualTo(TERMINATED);
  }
}

package io.stressflow.engine.processing.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.EventLog.Intent;
import io.stressflow.engine.test.EngineTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubProcessIT extends EngineTestBase {

  @Test
  void shouldRunEmbeddedSubProcess() {
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent("start")
            .subProcess(
                "leg",
                s ->
                    s.embeddedSubProcess()
                        .startEvent("leg-start")
                        .serviceTask("step", t -> t.zeebeJobType(processId))
                        .endEvent("leg-end"))
            .endEvent("end")
            .done());
    try (var worker =
        client
            .newWorker()
            .jobType(processId)
            .handler(
                (c, job) -> c.newCompleteCommand(job).variables(Map.of("leg", 1)).send().join())
            .open()) {
      final long instance = createInstance(processId);

      awaitCompleted(instance, processId);
      assertThat(log().intents(instance, "leg")).isEqualTo(COMPLETED);
      assertThat(log().elementsWith(instance, Intent.ELEMENT_COMPLETED))
          .containsExactly("start", "leg-start", "step", "leg-end", "leg", "end", processId);
    }
  }

  @Test
  void shouldTerminateEverythingOnTerminateEndEvent() {
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("waiting", t -> t.zeebeJobType(processId))
            .endEvent("end")
            .moveToNode("fork")
            .endEvent("kill", e -> e.terminate())
            .done());

    final long instance = createInstance(processId);

    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "waiting")).isEqualTo(TERMINATED);
    assertThat(log().intents(instance, "kill")).isEqualTo(COMPLETED);
  }
}

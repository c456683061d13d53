package io.stressflow.engine.processing.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.test.EngineTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorEventIT extends EngineTestBase {

  @Test
  void shouldCatchJobErrorOnBoundaryEvent() {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("probe", t -> t.zeebeJobType(processId))
            .boundaryEvent("no-light", b -> b.error("LOS"))
            .endEvent("failed")
            .moveToActivity("probe")
            .endEvent("ok")
            .done());
    final long instance = createInstance(processId);

    // when
    client
        .newThrowErrorCommand(activateJob(processId))
        .errorCode("LOS")
        .errorMessage("loss of signal on lane 3")
        .variables(Map.of("lane", 3))
        .send()
        .join();

    // then
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "probe")).isEqualTo(TERMINATED);
    assertThat(log().intents(instance, "no-light")).isEqualTo(COMPLETED);
    assertThat(log().intents(instance, "failed")).isEqualTo(COMPLETED);
  }

  @Test
  void shouldRaiseIncidentForUncaughtError() {
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("probe", t -> t.zeebeJobType(processId))
            .endEvent()
            .done());
    final long instance = createInstance(processId);

    client.newThrowErrorCommand(activateJob(processId)).errorCode("UNKNOWN").send().join();

    final var incidents = incidentsOf(instance);
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).getErrorType().name()).isEqualTo("UNHANDLED_ERROR_EVENT");
  }

  @Test
  void shouldCatchErrorEndEventOfSubProcessOnItsBoundary() {
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .subProcess(
                "leg",
                s -> s.embeddedSubProcess().startEvent().endEvent("abort", e -> e.error("ABORT")))
            .boundaryEvent("aborted", b -> b.error("ABORT"))
            .endEvent("aborted-end")
            .moveToActivity("leg")
            .endEvent("normal-end")
            .done());

    final long instance = createInstance(processId);

    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "leg")).isEqualTo(TERMINATED);
    assertThat(log().intents(instance, "aborted-end")).isEqualTo(COMPLETED);
    assertThat(log().intents(instance, "normal-end")).isEmpty();
  }
}

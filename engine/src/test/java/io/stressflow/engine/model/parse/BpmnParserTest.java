package io.stressflow.engine.model.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.EventTrigger;
import io.stressflow.engine.model.ExecutableProcess;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BpmnParserTest {
  private final BpmnParser parser = new BpmnParser();

  private ExecutableProcess parse(final BpmnModelInstance model) {
    return parser
        .parse("p.bpmn", Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8))
        .get(0);
  }

  @Test
  void shouldReadServiceTaskWithHeadersRetriesAndMappings() {
    final ExecutableProcess process =
        parse(
            Bpmn.createExecutableProcess("p")
                .startEvent()
                .serviceTask(
                    "t",
                    t ->
                        t.zeebeJobType("probe")
                            .zeebeJobRetries("5")
                            .zeebeTaskHeader("unit", "dBm")
                            .zeebeInputExpression("a", "b"))
                .boundaryEvent("timeout", b -> b.timerWithDuration("PT1M"))
                .endEvent()
                .moveToActivity("t")
                .endEvent()
                .done());

    final var task = process.node("t");
    assertThat(task.type()).isEqualTo(BpmnElementType.SERVICE_TASK);
    assertThat(task.job().type()).isEqualTo("probe");
    assertThat(task.job().retries()).isEqualTo("5");
    assertThat(task.job().headers()).containsEntry("unit", "dBm");
    assertThat(task.inputs()).hasSize(1);
    assertThat(task.boundaryEventIds()).containsExactly("timeout");
    assertThat(process.node("timeout").trigger()).isInstanceOf(EventTrigger.Timer.class);
    assertThat(process.node("timeout").attachedToId()).isEqualTo("t");
  }

  @Test
  void shouldRejectEveryUnsupportedElementNamingIdAndKind() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent()
            .inclusiveGateway("or")
            .manualTask("manual")
            .endEvent("signal-end", e -> e.signal("s"))
            .done();

    assertThatThrownBy(
            () ->
                parser.parse(
                    "p.bpmn", Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DeploymentRejectedException.class)
        .hasMessageContaining("element 'or' of kind 'inclusiveGateway' is not supported")
        .hasMessageContaining("element 'manual' of kind 'manualTask' is not supported")
        .hasMessageContaining(
            "'signal-end' of kind 'endEvent' has an unsupported event definition");
  }

  @Test
  void shouldRejectExecutionListeners() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent()
            .serviceTask("t", t -> t.zeebeJobType("x").zeebeStartExecutionListener("audit"))
            .endEvent()
            .done();

    assertThatThrownBy(
            () ->
                parser.parse(
                    "p.bpmn", Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("element 't' of kind 'serviceTask' has zeebe:executionListeners");
  }

  @Test
  void shouldRejectCronAndMalformedTimers() {
    final BpmnModelInstance model =
        Bpmn.createExecutableProcess("p")
            .startEvent("nightly")
            .timerWithCycle("0 0 * * * ?")
            .intermediateCatchEvent("wait", e -> e.timerWithDuration("one hour"))
            .endEvent()
            .done();

    assertThatThrownBy(
            () ->
                parser.parse(
                    "p.bpmn", Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("'nightly' of kind 'startEvent' has a timer '0 0 * * * ?'")
        .hasMessageContaining("'wait' of kind 'intermediateCatchEvent' has a timer 'one hour'");
  }
}

package io.stressflow.engine.processing.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.stressflow.engine.EventLog.Intent;
import io.stressflow.engine.test.EngineTestBase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExclusiveGatewayIT extends EngineTestBase {

  private static BpmnModelInstance split(final String processId, final boolean withDefault) {
    final var builder =
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .exclusiveGateway("xor")
            .sequenceFlowId("hot")
            .conditionExpression("= temperature > 80")
            .endEvent("hot-end")
            .moveToLastGateway()
            .sequenceFlowId("cold")
            .conditionExpression("= temperature < -30")
            .endEvent("cold-end");
    if (withDefault) {
      return builder.moveToLastExclusiveGateway().defaultFlow().endEvent("normal-end").done();
    }
    return builder.done();
  }

  @Test
  void shouldTakeFlowWhoseConditionHolds() {
    final String processId = processId();
    deploy(split(processId, true));

    final long instance = createInstance(processId, Map.of("temperature", -40));

    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "xor")).isEqualTo(COMPLETED);
    assertThat(log().elementsWith(instance, Intent.SEQUENCE_FLOW_TAKEN)).contains("cold");
    assertThat(log().intents(instance, "cold-end")).isEqualTo(COMPLETED);
    assertThat(log().intents(instance, "hot-end")).isEmpty();
  }

  @Test
  void shouldTakeDefaultFlowWhenNoConditionHolds() {
    final String processId = processId();
    deploy(split(processId, true));

    final long instance = createInstance(processId, Map.of("temperature", 25));

    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "normal-end")).isEqualTo(COMPLETED);
  }

  @Test
  void shouldRaiseIncidentWhenNoConditionHoldsAndContinueAfterResolution() {
    // given
    final String processId = processId();
    deploy(split(processId, false));
    final long instance = createInstance(processId, Map.of("temperature", 25));
    final var incident =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> incidentsOf(instance), items -> !items.isEmpty())
            .get(0);
    assertThat(incident.getErrorType().name()).isEqualTo("CONDITION_ERROR");
    assertThat(incident.getElementId()).isEqualTo("xor");
    assertThat(client.newProcessInstanceGetRequest(instance).send().join().getHasIncident())
        .isTrue();

    // when
    client.newSetVariablesCommand(instance).variables(Map.of("temperature", 90)).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    // then
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "hot-end")).isEqualTo(COMPLETED);
  }
}

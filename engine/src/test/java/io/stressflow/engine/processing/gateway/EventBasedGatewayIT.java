package io.stressflow.engine.processing.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.stressflow.engine.test.EngineTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBasedGatewayIT extends EngineTestBase {

  @AfterEach
  void resetClock() {
    client.newResetClockCommand().send().join();
  }

  private static BpmnModelInstance race(final String processId) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .eventBasedGateway("wait")
        .intermediateCatchEvent(
            "leg-finished",
            e -> e.message(m -> m.name("leg-finished").zeebeCorrelationKeyExpression("leg")))
        .endEvent("finished")
        .moveToLastGateway()
        .intermediateCatchEvent("guard", e -> e.timerWithDuration("PT10H"))
        .endEvent("timed-out")
        .done();
  }

  @Test
  void shouldContinueWithMessageThatArrivesFirst() {
    final String processId = processId();
    deploy(race(processId));
    final long instance = createInstance(processId, Map.of("leg", "L1"));

    client
        .newPublishMessageCommand()
        .messageName("leg-finished")
        .correlationKey("L1")
        .variables(Map.of("cycles", 500))
        .send()
        .join();

    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "wait")).isEqualTo(COMPLETED);
    assertThat(log().intents(instance, "leg-finished")).isEqualTo(COMPLETED);
    assertThat(log().intents(instance, "guard")).isEmpty();
  }

  @Test
  void shouldContinueWithTimerThatFiresFirst() {
    final Instant start = Instant.parse("2032-01-01T00:00:00Z");
    client.newPinClockCommand().time(start).send().join();
    final String processId = processId();
    deploy(race(processId));
    final long instance = createInstance(processId, Map.of("leg", "L2"));

    client.newPinClockCommand().time(start.plus(Duration.ofHours(11))).send().join();

    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "timed-out")).isEqualTo(COMPLETED);
    assertThat(log().intents(instance, "leg-finished")).isEmpty();
  }
}

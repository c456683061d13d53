package io.stressflow.engine.processing.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ProblemException;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.stressflow.engine.test.EngineTestBase;
import io.stressflow.engine.test.Problems;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCatchEventIT extends EngineTestBase {

  private static BpmnModelInstance waitForReadPoint(final String processId) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .intermediateCatchEvent(
            "read-point",
            e ->
                e.message(
                    m -> m.name("read-point-reached").zeebeCorrelationKeyExpression("serial")))
        .endEvent()
        .done();
  }

  @Test
  void shouldCompleteCatchEventWhenMessageIsPublished() {
    // given
    final String processId = processId();
    deploy(waitForReadPoint(processId));
    final long instance = createInstance(processId, Map.of("serial", "M-1"));
    assertThat(log().intents(instance, "read-point"))
        .containsExactly(COMPLETED.get(0), COMPLETED.get(1));

    // when
    client
        .newPublishMessageCommand()
        .messageName("read-point-reached")
        .correlationKey("M-1")
        .variables(Map.of("hours", 168))
        .send()
        .join();

    // then
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "read-point")).isEqualTo(COMPLETED);
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(instance).name("hours"))
                .send()
                .join()
                .items())
        .hasSize(1);
  }

  @Test
  void shouldCorrelateBufferedMessageToInstanceCreatedLater() {
    // given
    final String processId = processId();
    deploy(waitForReadPoint(processId));
    client
        .newPublishMessageCommand()
        .messageName("read-point-reached")
        .correlationKey("M-2")
        .timeToLive(Duration.ofMinutes(5))
        .send()
        .join();

    // when
    final long instance = createInstance(processId, Map.of("serial", "M-2"));

    // then
    awaitCompleted(instance, processId);
  }

  @Test
  void shouldRejectDuplicateMessageId() {
    client
        .newPublishMessageCommand()
        .messageName("alarm")
        .correlationKey("chamber-1")
        .messageId("alarm-1")
        .timeToLive(Duration.ofMinutes(1))
        .send()
        .join();

    final ProblemException problem =
        Problems.problemOf(
            () ->
                client
                    .newPublishMessageCommand()
                    .messageName("alarm")
                    .correlationKey("chamber-1")
                    .messageId("alarm-1")
                    .timeToLive(Duration.ofMinutes(1))
                    .send()
                    .join());
    assertThat(problem.code()).isEqualTo(409);
    assertThat(problem.details().getTitle()).isEqualTo("ALREADY_EXISTS");
  }

  @Test
  void shouldCorrelateToWaitingInstanceOrAnswer404() {
    // given
    final String processId = processId();
    deploy(waitForReadPoint(processId));
    final long instance = createInstance(processId, Map.of("serial", "M-3"));

    // when
    final var response =
        client
            .newCorrelateMessageCommand()
            .messageName("read-point-reached")
            .correlationKey("M-3")
            .send()
            .join();

    // then
    assertThat(response.getProcessInstanceKey()).isEqualTo(instance);
    awaitCompleted(instance, processId);
    final ProblemException problem =
        Problems.problemOf(
            () ->
                client
                    .newCorrelateMessageCommand()
                    .messageName("read-point-reached")
                    .correlationKey("M-3")
                    .send()
                    .join());
    assertThat(problem.code()).isEqualTo(404);
  }

  @Test
  void shouldStartInstanceFromMessageStartEvent() {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent("failed")
            .message("module-failed-" + processId)
            .endEvent()
            .done());

    // when
    final var response =
        client
            .newCorrelateMessageCommand()
            .messageName("module-failed-" + processId)
            .withoutCorrelationKey()
            .variables(Map.of("serial", "M-9"))
            .send()
            .join();

    // then
    awaitCompleted(response.getProcessInstanceKey(), processId);
    assertThat(log().intents(response.getProcessInstanceKey(), "failed")).isEqualTo(COMPLETED);
  }

  @Test
  void shouldCorrelateMessageOncePerProcess() {
    // given two instances of one process wait for the same message
    final String processId = processId();
    deploy(waitForReadPoint(processId));
    final long first = createInstance(processId, Map.of("serial", "M-5"));
    final long second = createInstance(processId, Map.of("serial", "M-5"));

    // when
    client
        .newPublishMessageCommand()
        .messageName("read-point-reached")
        .correlationKey("M-5")
        .timeToLive(Duration.ofMinutes(5))
        .send()
        .join();

    // then exactly one of them got it, as in Zeebe
    assertThat(
            java.util.stream.Stream.of(first, second)
                .filter(i -> log().intents(i, processId).contains(COMPLETED.get(3))))
        .hasSize(1);

    // and a second message reaches the other one
    client
        .newPublishMessageCommand()
        .messageName("read-point-reached")
        .correlationKey("M-5")
        .send()
        .join();
    awaitCompleted(first, processId);
    awaitCompleted(second, processId);
  }
}

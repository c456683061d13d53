package io.stressflow.engine.processing.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.EventLog.Intent;
import io.stressflow.engine.test.EngineTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSubProcessIT extends EngineTestBase {

  @Test
  void shouldInterruptScopeOnMessageEventSubProcess() {
    // given
    final String processId = processId();
    final var builder = Bpmn.createExecutableProcess(processId);
    builder.eventSubProcess(
        "abort-handler",
        e ->
            e.startEvent("abort")
                .interrupting(true)
                .message(m -> m.name("abort-campaign").zeebeCorrelationKeyExpression("campaign"))
                .endEvent("aborted"));
    deploy(
        builder
            .startEvent()
            .serviceTask("run", t -> t.zeebeJobType(processId))
            .endEvent("done")
            .done());
    final long instance = createInstance(processId, Map.of("campaign", "C-9"));

    // when
    client
        .newPublishMessageCommand()
        .messageName("abort-campaign")
        .correlationKey("C-9")
        .send()
        .join();

    // then
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "run")).isEqualTo(TERMINATED);
    assertThat(log().intents(instance, "abort-handler")).isEqualTo(COMPLETED);
    assertThat(log().intents(instance, "aborted")).isEqualTo(COMPLETED);
  }

  @Test
  void shouldRunNonInterruptingEventSubProcessAlongside() {
    // given
    final String processId = processId();
    final var builder = Bpmn.createExecutableProcess(processId);
    builder.eventSubProcess(
        "note-handler",
        e ->
            e.startEvent("note")
                .interrupting(false)
                .message(m -> m.name("note").zeebeCorrelationKeyExpression("campaign"))
                .endEvent("noted"));
    deploy(
        builder
            .startEvent()
            .serviceTask("run", t -> t.zeebeJobType(processId))
            .endEvent("done")
            .done());
    final long instance = createInstance(processId, Map.of("campaign", "C-10"));

    // when
    client.newPublishMessageCommand().messageName("note").correlationKey("C-10").send().join();

    // then
    awaitIntent(instance, "noted", Intent.ELEMENT_COMPLETED);
    assertThat(log().intents(instance, "run")).containsExactly(COMPLETED.get(0), COMPLETED.get(1));
    assertThat(log().intents(instance, processId)).doesNotContain(Intent.ELEMENT_COMPLETED);
  }

  @Test
  void shouldCatchJobErrorInErrorEventSubProcess() {
    final String processId = processId();
    final var builder = Bpmn.createExecutableProcess(processId);
    builder.eventSubProcess(
        "on-error", e -> e.startEvent("caught").error("CHAMBER_FAULT").endEvent("handled"));
    deploy(
        builder
            .startEvent()
            .serviceTask("run", t -> t.zeebeJobType(processId))
            .endEvent("done")
            .done());
    final long instance = createInstance(processId);
    final var job =
        client
            .newActivateJobsCommand()
            .jobType(processId)
            .maxJobsToActivate(1)
            .requestTimeout(java.time.Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs()
            .get(0);

    client.newThrowErrorCommand(job).errorCode("CHAMBER_FAULT").send().join();

    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "handled")).isEqualTo(COMPLETED);
  }

  @Test
  void shouldKeepBoundaryEventsOfSubProcessWhenItsEventSubProcessInterrupts() {
    // given
    final java.time.Instant start = java.time.Instant.parse("2036-01-01T00:00:00Z");
    client.newPinClockCommand().time(start).send().join();
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .subProcess(
                "leg",
                s -> {
                  s.embeddedSubProcess()
                      .eventSubProcess(
                          "alarm-handler",
                          e ->
                              e.startEvent("alarm")
                                  .interrupting(true)
                                  .message(
                                      m -> m.name("alarm").zeebeCorrelationKeyExpression("leg"))
                                  .serviceTask("safe-state", t -> t.zeebeJobType(processId))
                                  .endEvent());
                  s.embeddedSubProcess()
                      .startEvent()
                      .serviceTask("soak", t -> t.zeebeJobType(processId + "-soak"))
                      .endEvent();
                })
            .boundaryEvent("leg-timeout", b -> b.timerWithDuration("PT1H"))
            .endEvent("timed-out")
            .moveToActivity("leg")
            .endEvent("done")
            .done());
    final long instance = createInstance(processId, Map.of("leg", "L7"));

    // when
    client.newPublishMessageCommand().messageName("alarm").correlationKey("L7").send().join();
    awaitIntent(instance, "safe-state", Intent.ELEMENT_ACTIVATED);
    client.newPinClockCommand().time(start.plus(java.time.Duration.ofHours(2))).send().join();

    // then
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "soak")).isEqualTo(TERMINATED);
    assertThat(log().intents(instance, "safe-state")).isEqualTo(TERMINATED);
    assertThat(log().intents(instance, "timed-out")).isEqualTo(COMPLETED);
    client.newResetClockCommand().send().join();
  }
}

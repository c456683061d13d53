package io.stressflow.engine.processing.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.EventLog.Intent;
import io.stressflow.engine.test.EngineTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundaryEventIT extends EngineTestBase {

  @AfterEach
  void resetClock() {
    client.newResetClockCommand().send().join();
  }

  @Test
  void shouldInterruptTaskOnMessageBoundaryEvent() {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("soak", t -> t.zeebeJobType(processId))
            .boundaryEvent(
                "alarm",
                b ->
                    b.message(
                        m -> m.name("chamber-alarm").zeebeCorrelationKeyExpression("chamber")))
            .endEvent("safe-state")
            .moveToActivity("soak")
            .endEvent("done")
            .done());
    final long instance = createInstance(processId, Map.of("chamber", "C1"));

    // when
    client
        .newPublishMessageCommand()
        .messageName("chamber-alarm")
        .correlationKey("C1")
        .variables(Map.of("alarmCode", 17))
        .send()
        .join();

    // then
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "soak")).isEqualTo(TERMINATED);
    assertThat(log().intents(instance, "alarm")).isEqualTo(COMPLETED);
    assertThat(log().intents(instance, "safe-state")).isEqualTo(COMPLETED);
    assertThat(log().intents(instance, "done")).isEmpty();
    assertThat(
            client
                .newActivateJobsCommand()
                .jobType(processId)
                .maxJobsToActivate(1)
                .requestTimeout(Duration.ofMillis(-1))
                .send()
                .join()
                .getJobs())
        .isEmpty();
  }

  @Test
  void shouldKeepTaskOnNonInterruptingMessageBoundaryEvent() {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("soak", t -> t.zeebeJobType(processId))
            .boundaryEvent("read-point")
            .cancelActivity(false)
            .message(m -> m.name("read-point").zeebeCorrelationKeyExpression("chamber"))
            .endEvent("sampled")
            .moveToActivity("soak")
            .endEvent("done")
            .done());
    final long instance = createInstance(processId, Map.of("chamber", "C2"));

    // when
    client.newPublishMessageCommand().messageName("read-point").correlationKey("C2").send().join();
    awaitIntent(instance, "sampled", Intent.ELEMENT_COMPLETED);
    final ActivatedJob job = activateJob(processId);
    client.newCompleteCommand(job).send().join();

    // then
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "soak")).isEqualTo(COMPLETED);
  }

  @Test
  void shouldInterruptTaskWhenBoundaryTimerFires() {
    // given
    final Instant start = Instant.parse("2030-01-01T00:00:00Z");
    client.newPinClockCommand().time(start).send().join();
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("load", t -> t.zeebeJobType(processId))
            .boundaryEvent("timeout", b -> b.timerWithDuration("PT2H"))
            .endEvent("escalated")
            .moveToActivity("load")
            .endEvent("done")
            .done());
    final long instance = createInstance(processId);

    // when
    client.newPinClockCommand().time(start.plus(Duration.ofHours(1))).send().join();
    assertThat(log().intents(instance, "timeout")).isEmpty();
    client.newPinClockCommand().time(start.plus(Duration.ofHours(3))).send().join();

    // then
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "load")).isEqualTo(TERMINATED);
    assertThat(log().intents(instance, "escalated")).isEqualTo(COMPLETED);
  }

  @Test
  void shouldFireNonInterruptingCycleTimerRepeatedly() {
    // given
    final Instant start = Instant.parse("2030-02-01T00:00:00Z");
    client.newPinClockCommand().time(start).send().join();
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("soak", t -> t.zeebeJobType(processId))
            .boundaryEvent("sample")
            .cancelActivity(false)
            .timerWithCycle("R2/PT1H")
            .endEvent("sampled")
            .moveToActivity("soak")
            .endEvent("done")
            .done());
    final long instance = createInstance(processId);

    // when
    client.newPinClockCommand().time(start.plus(Duration.ofMinutes(61))).send().join();
    client.newPinClockCommand().time(start.plus(Duration.ofMinutes(121))).send().join();
    client.newPinClockCommand().time(start.plus(Duration.ofMinutes(400))).send().join();

    // then
    assertThat(log().elementsWith(instance, Intent.ELEMENT_COMPLETED))
        .filteredOn("sampled"::equals)
        .hasSize(2);
    assertThat(log().intents(instance, "soak")).containsExactly(COMPLETED.get(0), COMPLETED.get(1));
  }
}

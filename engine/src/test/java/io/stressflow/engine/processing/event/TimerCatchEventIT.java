package io.stressflow.engine.processing.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.test.EngineTestBase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimerCatchEventIT extends EngineTestBase {
  private static final Instant START = Instant.parse("2031-06-01T08:00:00Z");

  @AfterEach
  void resetClock() {
    client.newResetClockCommand().send().join();
  }

  @Test
  void shouldWaitForDuration() {
    // given
    client.newPinClockCommand().time(START).send().join();
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .intermediateCatchEvent("dwell", e -> e.timerWithDuration("PT30M"))
            .endEvent()
            .done());
    final long instance = createInstance(processId);

    // when
    client.newPinClockCommand().time(START.plus(Duration.ofMinutes(29))).send().join();
    assertThat(log().intents(instance, "dwell")).hasSize(2);
    client.newPinClockCommand().time(START.plus(Duration.ofMinutes(30))).send().join();

    // then
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "dwell")).isEqualTo(COMPLETED);
  }

  @Test
  void shouldWaitForDateFromExpression() {
    // given
    client.newPinClockCommand().time(START).send().join();
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .intermediateCatchEvent("until", e -> e.timerWithDateExpression("date and time(due)"))
            .endEvent()
            .done());
    final long instance =
        createInstance(processId, java.util.Map.of("due", "2031-06-02T08:00:00Z"));

    // when
    client.newPinClockCommand().time(Instant.parse("2031-06-02T08:00:01Z")).send().join();

    // then
    awaitCompleted(instance, processId);
  }

  @Test
  void shouldStartInstancesFromTimerStartEvent() {
    // given
    client.newPinClockCommand().time(START).send().join();
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent("nightly")
            .timerWithCycle("R2/PT24H")
            .endEvent()
            .done());

    // when
    client.newPinClockCommand().time(START.plus(Duration.ofHours(25))).send().join();
    client.newPinClockCommand().time(START.plus(Duration.ofHours(49))).send().join();

    // then
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId(processId))
                .send()
                .join()
                .items())
        .hasSize(2);
  }
}

package io.stressflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.EngineConfig;
import io.stressflow.engine.test.EngineTestBase;
import io.stressflow.engine.test.Problems;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryRetentionIT extends EngineTestBase {

  @Override
  protected void configure(final EngineConfig.Builder config) {
    config.historyRetention = Duration.ofHours(1);
    config.eventLogCapacity = 1_000;
  }

  @Test
  void shouldDeleteEndedInstancesAfterRetentionButKeepActiveOnes() {
    assumeEmbedded("a history retention of one hour");
    // given
    final Instant start = Instant.parse("2040-01-01T00:00:00Z");
    client.newPinClockCommand().time(start).send().join();
    final String processId = processId();
    deploy(Bpmn.createExecutableProcess(processId).startEvent().endEvent().done());
    final String waitingId = processId();
    deploy(
        Bpmn.createExecutableProcess(waitingId)
            .startEvent()
            .serviceTask("t", t -> t.zeebeJobType(waitingId))
            .endEvent()
            .done());
    final long ended = createInstance(processId, Map.of("x", 1));
    final long active = createInstance(waitingId, Map.of("y", 2));

    // when
    client.newPinClockCommand().time(start.plus(Duration.ofHours(2))).send().join();

    // then
    assertThat(
            Problems.problemOf(() -> client.newProcessInstanceGetRequest(ended).send().join())
                .code())
        .isEqualTo(404);
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(ended))
                .send()
                .join()
                .items())
        .isEmpty();
    assertThat(client.newProcessInstanceGetRequest(active).send().join().getProcessInstanceKey())
        .isEqualTo(active);
    client.newResetClockCommand().send().join();
  }
}

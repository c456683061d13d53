package io.stressflow.engine.processing.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.EventLog.Intent;
import io.stressflow.engine.test.EngineTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelGatewayIT extends EngineTestBase {

  @Test
  void shouldForkAndJoin() {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("optical", t -> t.zeebeJobType(processId))
            .parallelGateway("join")
            .endEvent("end")
            .moveToNode("fork")
            .serviceTask("thermal", t -> t.zeebeJobType(processId))
            .connectTo("join")
            .done());
    final long instance = createInstance(processId);

    // when
    final List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(processId)
            .maxJobsToActivate(5)
            .requestTimeout(Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).extracting(ActivatedJob::getElementId).containsExactly("optical", "thermal");
    client.newCompleteCommand(jobs.get(0)).send().join();

    // then the join waits for the second branch
    assertThat(log().intents(instance, "join")).isEmpty();
    client.newCompleteCommand(jobs.get(1)).send().join();
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "join")).isEqualTo(COMPLETED);
    assertThat(log().elementsWith(instance, Intent.ELEMENT_COMPLETED))
        .containsSubsequence("optical", "thermal", "join", "end", processId);
  }
}

package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.EngineConfig;
import io.stressflow.engine.test.EngineTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * With a search lag, searches answer from a copy refreshed at most that often, as a cluster's
 * searches trail its commands; commands and reads by key stay current.
 */
class SearchLagIT extends EngineTestBase {

  @Override
  protected void configure(final EngineConfig.Builder config) {
    config.searchLag = Duration.ofHours(1);
  }

  @Test
  void shouldAnswerSearchesFromTheLastRefreshWhileCommandsAreCurrent() {
    assumeEmbedded("a search lag to configure");
    // given a search made before the instance exists
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .userTask("check", u -> u.zeebeUserTask())
            .endEvent()
            .done());
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.state(UserTaskState.CREATED))
                .send()
                .join()
                .items())
        .isEmpty();

    // when an instance creates a task
    final long instance = createInstance(processId);

    // then searches do not see it yet (the copy is an hour from its refresh)
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.state(UserTaskState.CREATED))
                .send()
                .join()
                .items())
        .isEmpty();
    // but the instance is there to a read by key, and commands act on the current state
    assertThat(client.newProcessInstanceGetRequest(instance).send().join().getProcessDefinitionId())
        .isEqualTo(processId);
    client.newCancelInstanceCommand(instance).send().join();
  }
}

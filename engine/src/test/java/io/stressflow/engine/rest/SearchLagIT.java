package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.EngineConfig;
import io.stressflow.engine.test.EngineTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * With a search lag, searches and gets by key answer from a copy refreshed at most that often, as a
 * cluster's secondary storage trails its commands; commands act on the current state.
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
    assertThat(client.newProcessInstanceSearchRequest().send().join().items()).isEmpty();

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
    // nor does a read by key (a 404, as Camunda answers until its exporter has caught up)
    assertThatThrownBy(() -> client.newProcessInstanceGetRequest(instance).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
    // while commands act on the current state
    client.newCancelInstanceCommand(instance).send().join();
  }
}

package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.test.EngineTestBase;
import io.stressflow.engine.test.Problems;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableIT extends EngineTestBase {

  @Test
  void shouldSetLocalAndPropagatedVariablesOnElementInstances() {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("task", t -> t.zeebeJobType(processId))
            .endEvent()
            .done());
    final long instance = createInstance(processId, Map.of("limit", 1.5));
    final ActivatedJob job = activateJob(processId);

    // when
    client
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("local", "yes"))
        .local(true)
        .send()
        .join();
    client
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("limit", 2.5, "added", true))
        .local(false)
        .send()
        .join();

    // then
    final var variables =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items();
    assertThat(variables)
        .extracting(v -> v.getName() + "@" + (v.getScopeKey() == instance ? "process" : "task"))
        .containsExactlyInAnyOrder("limit@process", "added@process", "local@task");
    assertThat(variables)
        .filteredOn(v -> v.getName().equals("limit"))
        .extracting(Variable::getValue)
        .containsExactly("2.5");
    assertThat(
            Problems.problemOf(
                    () ->
                        client.newSetVariablesCommand(123L).variables(Map.of("x", 1)).send().join())
                .code())
        .isEqualTo(404);
  }

  @Test
  void shouldTruncateLongValuesInSearchesUnlessFullValuesAreAsked() {
    // given a value over Camunda's 8191 characters
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("task", t -> t.zeebeJobType(processId))
            .endEvent()
            .done());
    final String report = "r".repeat(10_000);
    final long instance = createInstance(processId, Map.of("report", report, "short", "s"));

    // when
    final Variable truncated =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instance).name("report"))
            .send()
            .join()
            .items()
            .get(0);
    final Variable full =
        client
            .newVariableSearchRequest()
            .withFullValues()
            .filter(f -> f.processInstanceKey(instance).name("report"))
            .send()
            .join()
            .items()
            .get(0);

    // then
    assertThat(truncated.isTruncated()).isTrue();
    assertThat(truncated.getValue()).hasSize(8191);
    assertThat(full.isTruncated()).isFalse();
    assertThat(full.getValue()).isEqualTo("\"" + report + "\"");
    assertThat(client.newVariableGetRequest(truncated.getVariableKey()).send().join().getValue())
        .isEqualTo("\"" + report + "\"");
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(instance).name("short"))
                .send()
                .join()
                .items()
                .get(0)
                .isTruncated())
        .isFalse();
  }
}

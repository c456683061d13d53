package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.stressflow.engine.test.EngineTestBase;
import io.stressflow.engine.test.Problems;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessInstanceIT extends EngineTestBase {

  private static BpmnModelInstance straightThrough(final String processId) {
    return Bpmn.createExecutableProcess(processId).startEvent("start").endEvent("end").done();
  }

  private static BpmnModelInstance oneTask(final String processId) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .serviceTask("task", t -> t.zeebeJobType(processId))
        .endEvent()
        .done();
  }

  @Test
  void shouldCreateInstanceOfLatestVersionOrGivenVersionOrKey() {
    // given
    final String processId = processId();
    final long v1 =
        deploy(straightThrough(processId)).getProcesses().get(0).getProcessDefinitionKey();
    final var second = deploy(oneTask(processId)).getProcesses().get(0);

    // when
    final var latest =
        client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().send().join();
    final var byVersion =
        client.newCreateInstanceCommand().bpmnProcessId(processId).version(1).send().join();
    final var byKey = client.newCreateInstanceCommand().processDefinitionKey(v1).send().join();

    // then
    assertThat(second.getVersion()).isEqualTo(2);
    assertThat(latest.getVersion()).isEqualTo(2);
    assertThat(latest.getProcessDefinitionKey()).isEqualTo(second.getProcessDefinitionKey());
    assertThat(byVersion.getProcessDefinitionKey()).isEqualTo(v1);
    assertThat(byKey.getBpmnProcessId()).isEqualTo(processId);
    assertThat(log().intents(byKey.getProcessInstanceKey(), "end")).isEqualTo(COMPLETED);
  }

  @Test
  void shouldAwaitCompletionAndFetchVariables() {
    // given
    final String processId = processId();
    deploy(straightThrough(processId));

    // when
    final ProcessInstanceResult result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(Map.of("a", 1, "b", "two"))
            .withResult()
            .fetchVariables("b")
            .send()
            .join();

    // then
    assertThat(result.getVariablesAsMap()).containsExactly(Map.entry("b", "two"));
    assertThat(log().intents(result.getProcessInstanceKey(), processId)).isEqualTo(COMPLETED);
  }

  @Test
  void shouldAnswer504WhenInstanceDoesNotCompleteInTime() {
    // given
    final String processId = processId();
    deploy(oneTask(processId));

    // when
    final ProblemException problem =
        Problems.problemOf(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId(processId)
                    .latestVersion()
                    .withResult()
                    .requestTimeout(Duration.ofMillis(300))
                    .send()
                    .join());

    // then
    assertThat(problem.code()).isEqualTo(504);
  }

  @Test
  void shouldAnswerAwaitedCreationWhenWorkerCompletes() {
    // given
    final String processId = processId();
    deploy(oneTask(processId));
    try (var worker =
        client
            .newWorker()
            .jobType(processId)
            .handler(
                (c, job) -> c.newCompleteCommand(job).variables(Map.of("done", true)).send().join())
            .open()) {
      // when
      final ProcessInstanceResult result =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(processId)
              .latestVersion()
              .withResult()
              .requestTimeout(Duration.ofSeconds(10))
              .send()
              .join();

      // then
      assertThat(result.getVariablesAsMap()).containsEntry("done", true);
    }
  }

  @Test
  void shouldRejectUnknownProcessWith404() {
    final ProblemException problem =
        Problems.problemOf(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("no-such-process")
                    .latestVersion()
                    .send()
                    .join());
    assertThat(problem.code()).isEqualTo(404);
    assertThat(problem.details().getTitle()).isEqualTo("NOT_FOUND");
  }

  @Test
  void shouldGetSearchAndCancelInstances() {
    // given
    final String processId = processId();
    deploy(oneTask(processId));
    final long first = createInstance(processId, Map.of("serial", "A"));
    final long second = createInstance(processId, Map.of("serial", "B"));

    // when
    client.newCancelInstanceCommand(first).send().join();

    // then
    final ProcessInstance cancelled = client.newProcessInstanceGetRequest(first).send().join();
    assertThat(cancelled.getState()).isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(cancelled.getProcessDefinitionId()).isEqualTo(processId);
    assertThat(log().intents(first, "task")).isEqualTo(TERMINATED);
    final var active =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId(processId).state(ProcessInstanceState.ACTIVE))
            .send()
            .join()
            .items();
    assertThat(active).extracting(ProcessInstance::getProcessInstanceKey).containsExactly(second);
    final var bySerial =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.variables(Map.of("serial", "\"B\"")).elementId("task"))
            .send()
            .join()
            .items();
    assertThat(bySerial).extracting(ProcessInstance::getProcessInstanceKey).containsExactly(second);
    assertThat(
            Problems.problemOf(() -> client.newProcessInstanceGetRequest(1L).send().join()).code())
        .isEqualTo(404);
    assertThat(
            Problems.problemOf(() -> client.newCancelInstanceCommand(first).send().join()).code())
        .isEqualTo(404);
  }

  @Test
  void shouldKeepTheTagsGivenAtCreationAndRefuseRuntimeInstructionsItCannotFollow() {
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("t", t -> t.zeebeJobType(processId))
            .endEvent()
            .done());

    final var created =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .tags("lab:berlin", "qualification")
            .send()
            .join();

    assertThat(created.getTags()).containsExactlyInAnyOrder("lab:berlin", "qualification");
    assertThat(
            client
                .newProcessInstanceGetRequest(created.getProcessInstanceKey())
                .send()
                .join()
                .getTags())
        .containsExactlyInAnyOrder("lab:berlin", "qualification");
    assertThat(
            io.stressflow.engine.test.Problems.problemOf(
                    () ->
                        client
                            .newCreateInstanceCommand()
                            .bpmnProcessId(processId)
                            .latestVersion()
                            .terminateAfterElement("t")
                            .send()
                            .join())
                .code())
        .isEqualTo(400);
  }
}

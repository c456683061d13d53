package io.stressflow.engine.processing.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.test.EngineTestBase;
import io.stressflow.engine.test.Problems;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserTaskIT extends EngineTestBase {

  private List<UserTask> tasksOf(final long instance) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED))
        .send()
        .join()
        .items();
  }

  @Test
  void shouldCreateSearchAssignAndCompleteUserTask() {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .userTask(
                "verify",
                u ->
                    u.name("Verify failure")
                        .zeebeUserTask()
                        .zeebeAssigneeExpression("engineer")
                        .zeebeCandidateGroups("fa-lab, reliability")
                        .zeebeFormKey("camunda-forms:bpmn:verify"))
            .endEvent()
            .done());
    final long instance = createInstance(processId, Map.of("engineer", "ana"));

    // when
    final List<UserTask> tasks = tasksOf(instance);

    // then
    assertThat(tasks).hasSize(1);
    final UserTask task = tasks.get(0);
    assertThat(task.getName()).isEqualTo("Verify failure");
    assertThat(task.getAssignee()).isEqualTo("ana");
    assertThat(task.getCandidateGroups()).containsExactly("fa-lab", "reliability");
    assertThat(task.getElementId()).isEqualTo("verify");
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);

    // and when reassigned, unassigned, assigned and completed
    final ProblemException taken =
        Problems.problemOf(
            () ->
                client
                    .newAssignUserTaskCommand(task.getUserTaskKey())
                    .assignee("ben")
                    .allowOverride(false)
                    .send()
                    .join());
    assertThat(taken.code()).isEqualTo(409);
    client.newUnassignUserTaskCommand(task.getUserTaskKey()).send().join();
    assertThat(tasksOf(instance).get(0).getAssignee()).isNull();
    client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee("ben").send().join();
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.assignee("ben").processInstanceKey(instance))
                .send()
                .join()
                .items())
        .hasSize(1);
    client
        .newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("confirmed", true))
        .send()
        .join();

    // then
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "verify")).isEqualTo(COMPLETED);
    assertThat(tasksOf(instance)).isEmpty();
    assertThat(client.newUserTaskGetRequest(task.getUserTaskKey()).send().join().getState())
        .isEqualTo(UserTaskState.COMPLETED);
  }

  @Test
  void shouldCancelUserTaskWhenInstanceIsCancelled() {
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .userTask("review", u -> u.zeebeUserTask())
            .endEvent()
            .done());
    final long instance = createInstance(processId);
    final long key = tasksOf(instance).get(0).getUserTaskKey();

    client.newCancelInstanceCommand(instance).send().join();

    assertThat(client.newUserTaskGetRequest(key).send().join().getState())
        .isEqualTo(UserTaskState.CANCELED);
    assertThat(log().intents(instance, "review")).isEqualTo(TERMINATED);
  }

  @Test
  void shouldLinkDeployedFormToUserTask() {
    // given
    final String processId = processId();
    final String formId = "verify-" + processId;
    final var deployment =
        client
            .newDeployResourceCommand()
            .addResourceStringUtf8(
                "{\"id\": \"%s\", \"type\": \"default\", \"components\": []}".formatted(formId),
                "verify.form")
            .addProcessModel(
                Bpmn.createExecutableProcess(processId)
                    .startEvent()
                    .userTask("verify", u -> u.zeebeUserTask().zeebeFormId(formId))
                    .endEvent()
                    .done(),
                "verify.bpmn")
            .send()
            .join();
    final long instance = createInstance(processId);

    // when
    final UserTask task = tasksOf(instance).get(0);
    final var form = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();

    // then
    assertThat(deployment.getForm()).hasSize(1);
    assertThat(task.getFormKey()).isEqualTo(deployment.getForm().get(0).getFormKey());
    assertThat(form.getFormId()).isEqualTo(formId);
    assertThat(form.getSchema()).contains(formId);
  }

  @Test
  void shouldUpdateCandidateGroupsAndPriority() {
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .userTask("analyse", u -> u.zeebeUserTask().zeebeCandidateGroups("fa-lab"))
            .endEvent()
            .done());
    final long instance = createInstance(processId);
    final long key = tasksOf(instance).get(0).getUserTaskKey();

    client
        .newUpdateUserTaskCommand(key)
        .candidateGroups("fa-lab", "supplier-quality")
        .priority(80)
        .send()
        .join();

    final UserTask task = client.newUserTaskGetRequest(key).send().join();
    assertThat(task.getCandidateGroups()).containsExactly("fa-lab", "supplier-quality");
    assertThat(task.getPriority()).isEqualTo(80);
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.candidateGroup("supplier-quality"))
                .send()
                .join()
                .items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(key);
  }

  @Test
  void shouldSearchTheVariablesATaskSeesInnermostFirst() {
    // given two tasks in a parallel multi-instance sub-process, each with its own `leg`
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .subProcess(
                "legs",
                s ->
                    s.multiInstance(
                        m ->
                            m.parallel()
                                .zeebeInputCollectionExpression("legs")
                                .zeebeInputElement("leg")))
            .embeddedSubProcess()
            .startEvent()
            .userTask("measure", u -> u.zeebeUserTask())
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    final long instance =
        createInstance(processId, Map.of("legs", List.of("tc", "dh"), "leg", "none", "lot", "L1"));
    final List<UserTask> tasks = tasksOf(instance);
    assertThat(tasks).hasSize(2);

    // when
    final Map<String, String> legByTask = new java.util.HashMap<>();
    for (final UserTask task : tasks) {
      final var effective =
          client
              .newUserTaskEffectiveVariableSearchRequest(task.getUserTaskKey())
              .send()
              .join()
              .items();
      // then each name once, the innermost value winning
      assertThat(effective.stream().filter(v -> v.getName().equals("leg"))).hasSize(1);
      assertThat(effective).anySatisfy(v -> assertThat(v.getName()).isEqualTo("lot"));
      legByTask.put(
          Long.toString(task.getUserTaskKey()),
          effective.stream()
              .filter(v -> v.getName().equals("leg"))
              .findFirst()
              .orElseThrow()
              .getValue());
      // and every variable the task sees, its own scope's first
      final var all =
          client
              .newUserTaskVariableSearchRequest(task.getUserTaskKey())
              .filter(f -> f.name("leg"))
              .send()
              .join()
              .items();
      assertThat(all).extracting(v -> v.getValue()).hasSize(2).contains("\"none\"");
    }
    assertThat(legByTask.values()).containsExactlyInAnyOrder("\"tc\"", "\"dh\"");

    // and an unknown task is a 404, for its variables and its form
    assertThat(
            Problems.problemOf(
                    () -> client.newUserTaskEffectiveVariableSearchRequest(1L).send().join())
                .code())
        .isEqualTo(404);
    assertThat(Problems.problemOf(() -> client.newUserTaskGetFormRequest(1L).send().join()).code())
        .isEqualTo(404);
  }
}

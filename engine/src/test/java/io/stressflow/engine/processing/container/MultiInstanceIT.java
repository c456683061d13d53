package io.stressflow.engine.processing.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.EventLog.Intent;
import io.stressflow.engine.test.EngineTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiInstanceIT extends EngineTestBase {

  private ProcessInstanceResult runWithWorker(
      final String processId, final boolean sequential, final String completionCondition) {
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask(
                "probe",
                t -> {
                  t.zeebeJobType(processId)
                      .multiInstance(
                          m -> {
                            if (sequential) {
                              m.sequential();
                            } else {
                              m.parallel();
                            }
                            m.zeebeInputCollectionExpression("modules")
                                .zeebeInputElement("module")
                                .zeebeOutputCollection("powers")
                                .zeebeOutputElementExpression("power");
                            if (completionCondition != null) {
                              m.completionCondition(completionCondition);
                            }
                          });
                })
            .endEvent()
            .done());
    try (var worker =
        client
            .newWorker()
            .jobType(processId)
            .handler(
                (c, job) -> {
                  final String module = (String) job.getVariablesAsMap().get("module");
                  c.newCompleteCommand(job).variables(Map.of("power", "P-" + module)).send().join();
                })
            .open()) {
      return client
          .newCreateInstanceCommand()
          .bpmnProcessId(processId)
          .latestVersion()
          .variables(Map.of("modules", List.of("a", "b", "c")))
          .withResult()
          .requestTimeout(Duration.ofSeconds(10))
          .send()
          .join();
    }
  }

  @Test
  void shouldRunParallelMultiInstanceAndCollectOutput() {
    final String processId = processId();
    final ProcessInstanceResult result = runWithWorker(processId, false, null);

    assertThat(result.getVariablesAsMap()).containsEntry("powers", List.of("P-a", "P-b", "P-c"));
    final long instance = result.getProcessInstanceKey();
    assertThat(log().intents(instance, "probe"))
        .filteredOn(i -> i == Intent.ELEMENT_COMPLETED)
        .hasSize(4);
    assertThat(
            log()
                .entries(
                    e ->
                        e.processInstanceKey() == instance
                            && e.elementType().equals("MULTI_INSTANCE_BODY")))
        .extracting(e -> e.intent())
        .isEqualTo(COMPLETED);
  }

  @Test
  void shouldRunSequentialMultiInstance() {
    final String processId = processId();
    final ProcessInstanceResult result = runWithWorker(processId, true, null);

    assertThat(result.getVariablesAsMap()).containsEntry("powers", List.of("P-a", "P-b", "P-c"));
  }

  @Test
  void shouldStopWhenCompletionConditionHolds() {
    final String processId = processId();
    final ProcessInstanceResult result =
        runWithWorker(processId, true, "= numberOfCompletedInstances >= 2");

    assertThat(result.getVariablesAsMap())
        .containsEntry("powers", java.util.Arrays.asList("P-a", "P-b", null));
  }

  @Test
  void shouldRunMultiInstanceSubProcessWithLocalInputElement() {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .subProcess(
                "leg",
                s ->
                    s.multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("legs")
                                    .zeebeInputElement("leg"))
                        .embeddedSubProcess()
                        .startEvent()
                        .serviceTask("run-leg", t -> t.zeebeJobType(processId))
                        .endEvent())
            .endEvent()
            .done());
    try (var worker =
        client
            .newWorker()
            .jobType(processId)
            .handler(
                (c, job) -> {
                  assertThat(job.getVariablesAsMap()).containsKey("leg");
                  c.newCompleteCommand(job).send().join();
                })
            .open()) {
      // when
      final ProcessInstanceResult result =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(processId)
              .latestVersion()
              .variables(Map.of("legs", List.of("hot", "cold")))
              .withResult()
              .requestTimeout(Duration.ofSeconds(10))
              .send()
              .join();

      // then
      assertThat(log().intents(result.getProcessInstanceKey(), "run-leg"))
          .filteredOn(i -> i == Intent.ELEMENT_COMPLETED)
          .hasSize(2);
      assertThat(result.getVariablesAsMap()).doesNotContainKey("leg");
    }
  }

  @Test
  void shouldKeepEachParallelInstancesVariablesLocalAndCorrelateByItsOwnKey() {
    // given: legs at once, each with a local "hours" (input mapping), a user task and a message
    // correlated by its own leg
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .subProcess(
                "leg",
                s ->
                    s.zeebeInputExpression("null", "hours")
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("legs")
                                    .zeebeInputElement("leg"))
                        .embeddedSubProcess()
                        .startEvent()
                        .serviceTask("work", t -> t.zeebeJobType(processId))
                        .userTask("check", u -> u.zeebeUserTask())
                        .intermediateCatchEvent(
                            "done",
                            e ->
                                e.message(
                                    msg ->
                                        msg.name("done")
                                            .zeebeCorrelationKeyExpression("\"c/\" + leg")))
                        .endEvent())
            .endEvent()
            .done());
    final long instance = createInstance(processId, Map.of("legs", List.of("hot", "cold")));
    for (int i = 0; i < 2; i++) {
      final var job = activateJob(processId);
      final String leg = (String) job.getVariablesAsMap().get("leg");
      client
          .newCompleteCommand(job)
          .variables(Map.of("hours", "hot".equals(leg) ? 1 : 2, "total", 3))
          .send()
          .join();
    }
    final List<io.camunda.client.api.search.response.UserTask> tasks =
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    client
                        .newUserTaskSearchRequest()
                        .filter(f -> f.processInstanceKey(instance))
                        .send()
                        .join()
                        .items(),
                t -> t.size() == 2);

    // then: each task sees its own leg's hours; the root got only what no scope had
    for (final var task : tasks) {
      final Map<String, String> seen = new java.util.HashMap<>();
      for (final var v :
          client
              .newUserTaskEffectiveVariableSearchRequest(task.getUserTaskKey())
              .send()
              .join()
              .items()) {
        seen.put(v.getName(), v.getValue());
      }
      assertThat(seen.get("hours")).isEqualTo("\"hot\"".equals(seen.get("leg")) ? "1" : "2");
      assertThat(seen).containsEntry("total", "3");
      client.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();
    }

    // when: only the hot leg's message
    client.newPublishMessageCommand().messageName("done").correlationKey("c/hot").send().join();
    awaitIntent(instance, "done", Intent.ELEMENT_COMPLETED);

    // then: one leg is done, the other still waits for its own
    assertThat(log().intents(instance, "done"))
        .filteredOn(i -> i == Intent.ELEMENT_COMPLETED)
        .hasSize(1);
    client.newPublishMessageCommand().messageName("done").correlationKey("c/cold").send().join();
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "done"))
        .filteredOn(i -> i == Intent.ELEMENT_COMPLETED)
        .hasSize(2);
  }

  @Test
  void shouldLeaveAllParallelInstancesWhenOneThrowsAnErrorCaughtOnTheBody() {
    // given: leg "a" ends in an error that the multi-instance sub-process catches; "b" waits
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .subProcess(
                "leg",
                s ->
                    s.multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("legs")
                                    .zeebeInputElement("leg"))
                        .embeddedSubProcess()
                        .startEvent()
                        .exclusiveGateway("which")
                        .defaultFlow()
                        .intermediateCatchEvent(
                            "wait",
                            e ->
                                e.message(
                                    msg -> msg.name("never").zeebeCorrelationKeyExpression("leg")))
                        .endEvent()
                        .moveToNode("which")
                        .conditionExpression("leg = \"a\"")
                        .endEvent("abort", e -> e.error("ABORT")))
            .endEvent("legs-done")
            .moveToActivity("leg")
            .boundaryEvent("aborted", b -> b.error("ABORT"))
            .endEvent("legs-aborted")
            .done());

    // when
    final long instance = createInstance(processId, Map.of("legs", List.of("b", "a")));

    // then
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "legs-aborted")).contains(Intent.ELEMENT_COMPLETED);
    assertThat(log().intents(instance, "legs-done")).isEmpty();
    assertThat(log().intents(instance, "wait")).contains(Intent.ELEMENT_TERMINATED);
  }
}

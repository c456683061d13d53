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
}

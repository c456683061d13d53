package io.stressflow.engine.processing.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.test.EngineTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IoMappingIT extends EngineTestBase {

  @Test
  void shouldMapInputsLocallyAndOutputsIntoTheProcess() {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask(
                "measure",
                t ->
                    t.zeebeJobType(processId)
                        .zeebeInputExpression("module.serial", "serial")
                        .zeebeInput("85", "setpoint")
                        .zeebeOutputExpression("power * 2", "doubled"))
            .endEvent()
            .done());
    final long instance = createInstance(processId, Map.of("module", Map.of("serial", "SR8-1")));

    // when
    final ActivatedJob job = activateJob(processId);
    client.newCompleteCommand(job).variables(Map.of("power", 21)).send().join();

    // then
    assertThat(job.getVariablesAsMap())
        .containsEntry("serial", "SR8-1")
        .containsEntry("setpoint", "85");
    awaitCompleted(instance, processId);
    final var variables =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items();
    assertThat(variables)
        .extracting(Variable::getName)
        .containsExactlyInAnyOrder("module", "doubled");
    assertThat(variables)
        .filteredOn(v -> v.getName().equals("doubled"))
        .extracting(Variable::getValue)
        .containsExactly("42");
  }

  @Test
  void shouldRaiseIoMappingIncidentForBrokenExpression() {
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("broken", t -> t.zeebeJobType(processId).zeebeInputExpression("x +", "y"))
            .endEvent()
            .done());
    final long instance = createInstance(processId);

    final var incidents = incidentsOf(instance);
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).getErrorType().name()).isEqualTo("IO_MAPPING_ERROR");
    assertThat(incidents.get(0).getElementId()).isEqualTo("broken");
  }
}

package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.test.EngineTestBase;
import io.stressflow.engine.test.Problems;
import org.junit.jupiter.api.Test;

class DeploymentIT extends EngineTestBase {

  @Test
  void shouldDeploySeveralResourcesAndCountVersionsPerProcess() {
    // given
    final String a = processId();
    final String b = processId();
    final String xmlA1 =
        Bpmn.convertToString(Bpmn.createExecutableProcess(a).startEvent().endEvent().done());
    final String xmlA2 =
        Bpmn.convertToString(Bpmn.createExecutableProcess(a).startEvent().endEvent("other").done());
    final String xmlB =
        Bpmn.convertToString(Bpmn.createExecutableProcess(b).startEvent().endEvent().done());

    // when
    final DeploymentEvent first =
        client
            .newDeployResourceCommand()
            .addResourceStringUtf8(xmlA1, "a.bpmn")
            .addResourceStringUtf8(xmlB, "b.bpmn")
            .send()
            .join();
    final DeploymentEvent second =
        client.newDeployResourceCommand().addResourceStringUtf8(xmlA2, "a.bpmn").send().join();
    final DeploymentEvent unchanged =
        client.newDeployResourceCommand().addResourceStringUtf8(xmlA2, "a.bpmn").send().join();

    // then
    assertThat(first.getProcesses())
        .extracting(Process::getBpmnProcessId, Process::getVersion, Process::getResourceName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(a, 1, "a.bpmn"),
            org.assertj.core.groups.Tuple.tuple(b, 1, "b.bpmn"));
    assertThat(second.getProcesses().get(0).getVersion()).isEqualTo(2);
    assertThat(second.getKey()).isNotEqualTo(first.getKey());
    assertThat(unchanged.getProcesses().get(0).getProcessDefinitionKey())
        .isEqualTo(second.getProcesses().get(0).getProcessDefinitionKey());
  }

  @Test
  void shouldRejectMalformedXmlWith400() {
    final ProblemException problem =
        Problems.problemOf(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceStringUtf8("<definitions", "broken.bpmn")
                    .send()
                    .join());
    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getDetail()).contains("broken.bpmn");
  }

  @Test
  void shouldRejectUnsupportedElementNamingItsIdAndKind() {
    // given
    final String xml =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .scriptTask("calc", t -> t.zeebeExpression("1 + 1").zeebeResultVariable("x"))
                .endEvent()
                .done());

    // when
    final ProblemException problem =
        Problems.problemOf(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceStringUtf8(xml, "s.bpmn")
                    .send()
                    .join());

    // then
    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getTitle()).isEqualTo("INVALID_ARGUMENT");
    assertThat(problem.details().getDetail()).contains("'calc'").contains("scriptTask");
  }

  @Test
  void shouldRejectServiceTaskWithoutJobType() {
    final String xml =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .serviceTask("work")
                .endEvent()
                .done());
    final ProblemException problem =
        Problems.problemOf(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceStringUtf8(xml, "t.bpmn")
                    .send()
                    .join());
    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getDetail()).contains("'work'").contains("serviceTask");
  }

  @Test
  void shouldRejectJobBasedUserTaskAndIntermediateThrowEvent() {
    final String xml =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .userTask("legacy")
                .intermediateThrowEvent("signal-out")
                .endEvent()
                .done());
    final ProblemException problem =
        Problems.problemOf(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceStringUtf8(xml, "u.bpmn")
                    .send()
                    .join());
    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getDetail())
        .contains("'legacy' of kind 'userTask'")
        .contains("'signal-out' of kind 'intermediateThrowEvent'");
  }

  @Test
  void shouldRejectNonBpmnResources() {
    final ProblemException problem =
        Problems.problemOf(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceStringUtf8("{}", "form.form")
                    .send()
                    .join());
    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getDetail()).contains("form.form");
  }
}

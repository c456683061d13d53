package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.test.EngineTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryApiIT extends EngineTestBase {

  @Test
  void shouldFindDefinitionsAndTheirXml() {
    final String processId = processId();
    final long key =
        deploy(Bpmn.createExecutableProcess(processId).startEvent().endEvent().done())
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();

    final var found =
        client
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId(processId))
            .send()
            .join()
            .items();
    final String xml = client.newProcessDefinitionGetXmlRequest(key).send().join();

    assertThat(found).hasSize(1);
    assertThat(found.get(0).getVersion()).isEqualTo(1);
    assertThat(client.newProcessDefinitionGetRequest(key).send().join().getProcessDefinitionId())
        .isEqualTo(processId);
    assertThat(xml).contains(processId);
  }

  @Test
  void shouldFindWaitingElementInstanceAndSetItsVariables() {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .intermediateCatchEvent(
                "wait", e -> e.message(m -> m.name("go").zeebeCorrelationKeyExpression("id")))
            .endEvent()
            .done());
    final long instance = createInstance(processId, Map.of("id", "X"));

    // when
    final List<ElementInstance> waiting =
        client
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(instance).elementId("wait"))
            .send()
            .join()
            .items();
    client
        .newSetVariablesCommand(waiting.get(0).getElementInstanceKey())
        .variables(Map.of("note", "set on the event"))
        .local(true)
        .send()
        .join();

    // then
    assertThat(waiting).hasSize(1);
    assertThat(waiting.get(0).getType()).isEqualTo(ElementInstanceType.INTERMEDIATE_CATCH_EVENT);
    final var variable =
        client.newVariableSearchRequest().filter(f -> f.name("note")).send().join().items().get(0);
    assertThat(variable.getScopeKey()).isEqualTo(waiting.get(0).getElementInstanceKey());
    assertThat(client.newVariableGetRequest(variable.getVariableKey()).send().join().getValue())
        .isEqualTo("\"set on the event\"");
  }

  @Test
  void shouldAcceptSignalBroadcast() {
    assertThat(client.newBroadcastSignalCommand().signalName("s").send().join().getKey())
        .isPositive();
  }

  @Test
  void shouldReturnTheNamesTheModelGivesBesideTheIds() {
    // given a named process with a named and an unnamed element
    final String processId = processId();
    final long definition =
        deploy(
                Bpmn.createExecutableProcess(processId)
                    .name("Qualification campaign")
                    .startEvent()
                    .parallelGateway("fork")
                    .userTask("load", u -> u.name("Load modules").zeebeUserTask())
                    .endEvent()
                    .moveToNode("fork")
                    .userTask("unnamed", u -> u.zeebeUserTask())
                    .endEvent()
                    .done())
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();
    final long instance = createInstance(processId);

    // then
    assertThat(client.newProcessDefinitionGetRequest(definition).send().join().getName())
        .isEqualTo("Qualification campaign");
    assertThat(
            client.newProcessInstanceGetRequest(instance).send().join().getProcessDefinitionName())
        .isEqualTo("Qualification campaign");
    final var elements =
        client
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(instance).type(ElementInstanceType.USER_TASK))
            .send()
            .join()
            .items();
    assertThat(elements)
        .extracting(ElementInstance::getElementId, ElementInstance::getElementName)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("load", "Load modules"),
            org.assertj.core.groups.Tuple.tuple("unnamed", "unnamed"));
  }

  @Test
  void shouldFindCompletedAndTerminatedElementInstancesWithTheirState() {
    // given an instance that passed a task and was then cancelled while waiting
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent("start")
            .serviceTask("measure", t -> t.zeebeJobType(processId))
            .userTask("review", u -> u.zeebeUserTask())
            .endEvent()
            .done());
    final long instance = createInstance(processId);
    client.newCompleteCommand(activateJob(processId)).send().join();
    await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () ->
                client
                    .newElementInstanceSearchRequest()
                    .filter(f -> f.processInstanceKey(instance).elementId("review"))
                    .send()
                    .join()
                    .items(),
            l -> !l.isEmpty());
    client.newCancelInstanceCommand(instance).send().join();

    // when
    final List<ElementInstance> all =
        client
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items();

    // then
    assertThat(all)
        .filteredOn(e -> e.getElementId().equals("measure"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getState()).isEqualTo(ElementInstanceState.COMPLETED);
              assertThat(e.getEndDate()).isNotNull();
            });
    assertThat(all)
        .filteredOn(e -> e.getElementId().equals("review"))
        .singleElement()
        .satisfies(e -> assertThat(e.getState()).isEqualTo(ElementInstanceState.TERMINATED));
    assertThat(all)
        .filteredOn(e -> e.getElementId().equals("start"))
        .singleElement()
        .satisfies(e -> assertThat(e.getState()).isEqualTo(ElementInstanceState.COMPLETED));
    final long measureKey =
        all.stream()
            .filter(e -> e.getElementId().equals("measure"))
            .findFirst()
            .orElseThrow()
            .getElementInstanceKey();
    assertThat(client.newElementInstanceGetRequest(measureKey).send().join().getState())
        .isEqualTo(ElementInstanceState.COMPLETED);
  }
}

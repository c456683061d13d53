package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.protocol.rest.CreateProcessInstanceResult;
import io.camunda.client.protocol.rest.ElementInstanceResult;
import io.camunda.client.protocol.rest.IncidentResult;
import io.camunda.client.protocol.rest.JobSearchResult;
import io.camunda.client.protocol.rest.ProcessDefinitionResult;
import io.camunda.client.protocol.rest.ProcessInstanceResult;
import io.camunda.client.protocol.rest.UserTaskResult;
import io.camunda.client.protocol.rest.VariableResult;
import io.camunda.client.protocol.rest.VariableSearchResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.test.EngineTestBase;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every result the engine returns has exactly the properties of Camunda 8.9's response schema, as
 * generated into the pinned Apache-2.0 client: none left out (nullable ones are null), none
 * invented.
 */
class ResponseContractIT extends EngineTestBase {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();

  private JsonNode send(final String method, final String path, final String body)
      throws Exception {
    final HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(restAddress + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isLessThan(300);
    return mapper.readTree(response.body());
  }

  @Test
  void shouldAnswerEveryResultWithExactlyTheSchemasProperties() throws Exception {
    // given an instance waiting at a user task after a failed job left an incident
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .name("Contract")
            .startEvent()
            .parallelGateway("fork")
            .userTask("review", u -> u.zeebeUserTask().zeebeCandidateGroups("lab"))
            .endEvent()
            .moveToNode("fork")
            .serviceTask("measure", t -> t.zeebeJobType(processId))
            .endEvent()
            .done());
    final JsonNode created =
        send(
            "POST",
            "/v2/process-instances",
            "{\"processDefinitionId\": \"%s\", \"variables\": {\"lot\": \"L1\"}}"
                .formatted(processId));
    final String instance = created.get("processInstanceKey").asText();
    final var job = activateJob(processId);
    client.newFailCommand(job).retries(0).errorMessage("offline").send().join();

    // then
    expect(created, CreateProcessInstanceResult.class);
    expect(send("GET", "/v2/process-instances/" + instance, ""), ProcessInstanceResult.class);
    final String filter = "{\"filter\": {\"processInstanceKey\": \"%s\"}}".formatted(instance);
    final JsonNode task = send("POST", "/v2/user-tasks/search", filter).get("items").get(0);
    expect(task, UserTaskResult.class);
    expect(
        send("GET", "/v2/user-tasks/" + task.get("userTaskKey").asText(), ""),
        UserTaskResult.class);
    for (final JsonNode element :
        send("POST", "/v2/element-instances/search", filter).get("items")) {
      expect(element, ElementInstanceResult.class);
    }
    final JsonNode incident = send("POST", "/v2/incidents/search", filter).get("items").get(0);
    expect(incident, IncidentResult.class);
    final JsonNode variable = send("POST", "/v2/variables/search", filter).get("items").get(0);
    expect(variable, VariableSearchResult.class);
    expect(
        send("GET", "/v2/variables/" + variable.get("variableKey").asText(), ""),
        VariableResult.class);
    expect(
        send("POST", "/v2/jobs/search", "{\"filter\": {\"type\": \"%s\"}}".formatted(processId))
            .get("items")
            .get(0),
        JobSearchResult.class);
    final JsonNode definition =
        send(
                "POST",
                "/v2/process-definitions/search",
                "{\"filter\": {\"processDefinitionId\": \"%s\"}}".formatted(processId))
            .get("items")
            .get(0);
    expect(definition, ProcessDefinitionResult.class);
  }

  private static void expect(final JsonNode result, final Class<?> model) {
    final Set<String> actual = new TreeSet<>();
    for (final Iterator<String> names = result.fieldNames(); names.hasNext(); ) {
      actual.add(names.next());
    }
    final Set<String> schema =
        Arrays.stream(model.getFields())
            .filter(
                f ->
                    Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("JSON_PROPERTY_"))
            .map(
                f -> {
                  try {
                    return (String) f.get(null);
                  } catch (final IllegalAccessException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(actual).as(model.getSimpleName() + " " + result).isEqualTo(schema);
  }
}

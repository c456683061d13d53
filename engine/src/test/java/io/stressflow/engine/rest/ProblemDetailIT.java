package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.test.EngineTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The only tests that look at the wire: Problem Details and tolerant parsing. */
class ProblemDetailIT extends EngineTestBase {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();

  private HttpResponse<String> send(final String method, final String path, final String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(restAddress + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldAnswerNotFoundJobAsProblemDetail() throws Exception {
    final HttpResponse<String> response = send("POST", "/v2/jobs/123/completion", "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(mapper.readTree(response.body()))
        .isEqualTo(
            mapper.readTree(
                """
                {"type": "about:blank",
                 "title": "NOT_FOUND",
                 "status": 404,
                 "detail": "Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '123', but no such job was found",
                 "instance": "/v2/jobs/123/completion"}
                """));
  }

  @Test
  void shouldAnswerMalformedJsonWith400() throws Exception {
    final HttpResponse<String> response = send("POST", "/v2/process-instances", "{not json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(mapper.readTree(response.body()).get("title").asText())
        .isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void shouldAnswerUnknownPathWith404Problem() throws Exception {
    final HttpResponse<String> response = send("POST", "/v2/decision-definitions/evaluation", "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void shouldRefuseUnknownFieldsAndAcceptPlainOrOperatorFilters() throws Exception {
    // given
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("t", t -> t.zeebeJobType(processId))
            .endEvent()
            .done());
    // as Camunda 8.9, whose request schemas forbid additional properties: a 400 naming it
    final HttpResponse<String> unknown =
        send(
            "POST",
            "/v2/process-instances",
            """
            {"processDefinitionId": "%s", "someFutureField": {"x": 1}, "variables": {"a": 1}}
            """
                .formatted(processId));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(mapper.readTree(unknown.body()).get("detail").asText())
        .contains("[someFutureField]");
    final HttpResponse<String> created =
        send(
            "POST",
            "/v2/process-instances",
            """
            {"processDefinitionId": "%s", "variables": {"a": 1}}
            """
                .formatted(processId));
    final String key = mapper.readTree(created.body()).get("processInstanceKey").asText();
    // required-but-nullable fields are there, as null (not left out)
    final JsonNode instance =
        mapper.readTree(send("GET", "/v2/process-instances/" + key, "").body());
    for (final String field :
        new String[] {"endDate", "parentProcessInstanceKey", "parentElementInstanceKey"}) {
      assertThat(instance.has(field)).as(field).isTrue();
      assertThat(instance.get(field).isNull()).as(field).isTrue();
    }

    // when
    final JsonNode plain =
        mapper.readTree(
            send(
                    "POST",
                    "/v2/process-instances/search",
                    """
                    {"filter": {"processInstanceKey": "%s", "tags": [], "$or": []}}
                    """
                        .formatted(key))
                .body());
    final JsonNode operators =
        mapper.readTree(
            send(
                    "POST",
                    "/v2/process-instances/search",
                    """
                    {"filter": {"processDefinitionId": {"$eq": "%s", "$in": [], "$notIn": []},
                                "state": {"$in": ["ACTIVE", "COMPLETED"]}},
                     "sort": [{"field": "startDate", "order": "DESC"}],
                     "page": {"from": 0, "limit": 10}}
                    """
                        .formatted(processId))
                .body());

    // then
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(plain.get("items")).hasSize(1);
    assertThat(operators.get("items")).hasSize(1);
    assertThat(operators.get("items").get(0).get("processInstanceKey").isTextual()).isTrue();
    assertThat(operators.at("/page/totalItems").asInt()).isEqualTo(1);
  }

  @Test
  void shouldAnswer413ToABodyOverFourMebibytesAndKeepServing() throws Exception {
    final String huge = "{\"variables\":{\"x\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}}";

    final HttpResponse<String> response = send("POST", "/v2/process-instances", huge);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(mapper.readTree(response.body()).get("title").asText())
        .isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(mapper.readTree(response.body()).get("detail").asText())
        .contains("at most 4194304 bytes (4 MiB)");
    assertThat(send("GET", "/v2/topology", "").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswer400ToALikePatternOverTheLimit() throws Exception {
    final String body = "{\"filter\":{\"state\":{\"$like\":\"" + "*".repeat(2000) + "#\"}}}";

    final HttpResponse<String> response = send("POST", "/v2/process-instances/search", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("$like pattern of at most 1024 characters");
  }

  @Test
  void shouldNotBufferAMessagePublishedWithoutATimeToLive() throws Exception {
    // as Camunda 8.9: timeToLive defaults to 0, so nothing is buffered and the same id is accepted
    final String body =
        "{\"name\": \"ttl-default\", \"correlationKey\": \"k\", \"messageId\": \"m-1\"}";
    assertThat(send("POST", "/v2/messages/publication", body).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/v2/messages/publication", body).statusCode()).isEqualTo(200);
    // with a time to live, the second publication of the id is refused while the first is kept
    final String kept =
        "{\"name\": \"ttl-default\", \"correlationKey\": \"k\", \"messageId\": \"m-2\","
            + " \"timeToLive\": 60000}";
    assertThat(send("POST", "/v2/messages/publication", kept).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/v2/messages/publication", kept).statusCode()).isEqualTo(409);
  }

  @Test
  void shouldRefuseAnUnknownRequestPropertyWith400NamingIt() throws Exception {
    final HttpResponse<String> response =
        send(
            "POST",
            "/v2/messages/publication",
            "{\"name\": \"m\", \"correlationKey\": \"k\", \"timeToLve\": 60000}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(mapper.readTree(response.body()).get("title").asText())
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(mapper.readTree(response.body()).get("detail").asText()).contains("[timeToLve]");
    final HttpResponse<String> search =
        send("POST", "/v2/user-tasks/search", "{\"filter\": {\"assigne\": \"ana\"}}");
    assertThat(search.statusCode()).isEqualTo(400);
    assertThat(mapper.readTree(search.body()).get("detail").asText()).contains("[filter.assigne]");
  }
}

package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchQueryTest {
  private final ObjectMapper mapper = new ObjectMapper();

  private JsonNode json(final String text) throws Exception {
    return mapper.readTree(text);
  }

  private List<ObjectNode> items() throws Exception {
    return List.of(
        (ObjectNode) json("{\"key\":\"3\",\"state\":\"ACTIVE\",\"groups\":[\"lab\"]}"),
        (ObjectNode) json("{\"key\":\"10\",\"state\":\"COMPLETED\",\"groups\":[]}"),
        (ObjectNode) json("{\"key\":\"2\",\"state\":\"ACTIVE\"}"));
  }

  private List<String> keys(final String request) throws Exception {
    final JsonNode result = SearchQuery.run(json(request), items(), Map.of());
    return result.get("items").findValuesAsText("key");
  }

  @Test
  void shouldTreatEmptyOperatorsAsUnset() throws Exception {
    assertThat(keys("{\"filter\":{\"state\":{\"$eq\":null,\"$in\":[]},\"tags\":[]}}"))
        .containsExactly("3", "10", "2");
  }

  @Test
  void shouldMatchPlainValuesAndOperators() throws Exception {
    assertThat(keys("{\"filter\":{\"state\":\"ACTIVE\"}}")).containsExactly("3", "2");
    assertThat(keys("{\"filter\":{\"state\":{\"$neq\":\"ACTIVE\"}}}")).containsExactly("10");
    assertThat(keys("{\"filter\":{\"key\":{\"$in\":[\"2\",\"10\"]}}}")).containsExactly("10", "2");
    assertThat(keys("{\"filter\":{\"key\":{\"$gt\":\"2\"}}}")).containsExactly("3", "10");
    assertThat(keys("{\"filter\":{\"groups\":{\"$eq\":\"lab\"}}}")).containsExactly("3");
    assertThat(keys("{\"filter\":{\"groups\":{\"$exists\":false}}}")).containsExactly("2");
    assertThat(keys("{\"filter\":{\"state\":{\"$like\":\"COMP*\"}}}")).containsExactly("10");
  }

  @Test
  void shouldMatchAnyAlternativeOfOr() throws Exception {
    assertThat(keys("{\"filter\":{\"$or\":[{\"key\":\"2\"},{\"key\":\"10\"}]}}"))
        .containsExactly("10", "2");
  }

  @Test
  void shouldSortNumericallyAndPage() throws Exception {
    final JsonNode result =
        SearchQuery.run(
            json(
                "{\"sort\":[{\"field\":\"key\",\"order\":\"DESC\"}],\"page\":{\"from\":1,\"limit\":1}}"),
            items(),
            Map.of());
    assertThat(result.get("items").findValuesAsText("key")).containsExactly("3");
    assertThat(result.at("/page/totalItems").asInt()).isEqualTo(3);
    final JsonNode next =
        SearchQuery.run(
            json(
                "{\"sort\":[{\"field\":\"key\",\"order\":\"DESC\"}],\"page\":{\"after\":\""
                    + result.at("/page/endCursor").asText()
                    + "\"}}"),
            items(),
            Map.of());
    assertThat(next.get("items").findValuesAsText("key")).containsExactly("2");
  }
}

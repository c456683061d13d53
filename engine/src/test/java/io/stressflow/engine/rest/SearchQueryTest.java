package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchQueryTest {
  private static final SearchSchema TEST =
      new SearchSchema(
          "test",
          java.util.Set.of("key", "state", "groups", "tags", "$or"),
          java.util.Set.of("key"),
          true);
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
    final JsonNode result = SearchQuery.run(json(request), items(), Map.of(), TEST);
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
            Map.of(),
            TEST);
    assertThat(result.get("items").findValuesAsText("key")).containsExactly("3");
    assertThat(result.at("/page/totalItems").asInt()).isEqualTo(3);
    final JsonNode next =
        SearchQuery.run(
            json(
                "{\"sort\":[{\"field\":\"key\",\"order\":\"DESC\"}],\"page\":{\"after\":\""
                    + result.at("/page/endCursor").asText()
                    + "\"}}"),
            items(),
            Map.of(),
            TEST);
    assertThat(next.get("items").findValuesAsText("key")).containsExactly("2");
  }

  @Test
  void shouldPageBackwardsFromABeforeCursor() throws Exception {
    final JsonNode last =
        SearchQuery.run(
            json("{\"sort\":[{\"field\":\"key\"}],\"page\":{\"from\":2,\"limit\":1}}"),
            items(),
            Map.of(),
            TEST);
    assertThat(last.get("items").findValuesAsText("key")).containsExactly("10");
    final JsonNode before =
        SearchQuery.run(
            json(
                "{\"sort\":[{\"field\":\"key\"}],\"page\":{\"limit\":5,\"before\":\""
                    + last.at("/page/startCursor").asText()
                    + "\"}}"),
            items(),
            Map.of(),
            TEST);
    assertThat(before.get("items").findValuesAsText("key")).containsExactly("2", "3");
    assertThat(before.at("/page/hasMoreTotalItems").asBoolean()).isFalse();
  }

  @Test
  void shouldRefuseWhatCamundasSchemaRefuses() throws Exception {
    for (final String[] bad :
        new String[][] {
          {"{\"filters\":{}}", "Request property [filters]"},
          {"{\"filter\":{\"stat\":\"ACTIVE\"}}", "Filter property [filter.stat]"},
          {"{\"filter\":{\"$or\":[{\"nope\":1}]}}", "Filter property [filter.$or.nope]"},
          {"{\"sort\":[{\"field\":\"state\"}]}", "Sort field [state]"},
          {"{\"sort\":[{\"field\":\"key\",\"order\":\"UP\"}]}", "Sort order [UP]"},
          {"{\"page\":{\"limit\":10001}}", "[page.limit] is '10001'"},
          {"{\"page\":{\"limit\":0}}", "[page.limit] is '0'"},
          {"{\"page\":{\"from\":1,\"after\":\"cDox\"}}", "not several"},
          {"{\"page\":{\"after\":\"not-a-cursor\"}}", "not a cursor this search returned"},
          {"{\"page\":{\"size\":3}}", "Request property [page.size]"}
        }) {
      final InvalidRequestException refused =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              InvalidRequestException.class,
              () -> SearchQuery.run(json(bad[0]), items(), Map.of(), TEST));
      assertThat(refused).as(bad[0]).isNotNull();
      assertThat(refused.getMessage()).as(bad[0]).contains(bad[1]);
    }
  }

  @Test
  void shouldCountTotalsUpToTenThousandAndSayThereIsMore() throws Exception {
    final List<ObjectNode> many = new java.util.ArrayList<>();
    for (int i = 0; i < 10_001; i++) {
      many.add((ObjectNode) json("{\"key\":\"" + i + "\"}"));
    }
    final JsonNode result = SearchQuery.run(json("{\"page\":{\"limit\":1}}"), many, Map.of(), TEST);
    assertThat(result.at("/page/totalItems").asInt()).isEqualTo(10_000);
    assertThat(result.at("/page/hasMoreTotalItems").asBoolean()).isTrue();
  }
}

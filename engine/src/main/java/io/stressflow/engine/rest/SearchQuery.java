package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stressflow.engine.state.Variable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Camunda's search request over JSON items: filters given as a plain value or an operator object
 * ({@code $eq}, {@code $neq}, {@code $in}, {@code $notIn}, {@code $exists}, {@code $like}, {@code
 * $gt}…; empty arrays mean "not set"), {@code $or}, sort and page (from/limit or after cursor).
 */
final class SearchQuery {
  private static final int DEFAULT_LIMIT = 100;
  private static final Set<String> IGNORED_IF_EMPTY = Set.of("tags");

  private SearchQuery() {}

  /**
   * Runs a search.
   *
   * @param request the request body.
   * @param items all candidate items, as they are returned.
   * @param special filters on fields that are not plain item fields.
   * @return the response body.
   */
  static ObjectNode run(
      final JsonNode request,
      final List<ObjectNode> items,
      final Map<String, BiPredicate<ObjectNode, JsonNode>> special,
      final SearchSchema schema) {
    validate(request, schema);
    final JsonNode filter = request.path("filter");
    final List<ObjectNode> matching = new ArrayList<>();
    for (final ObjectNode item : items) {
      if (matches(item, filter, special)) {
        matching.add(item);
      }
    }
    final JsonNode sort = request.path("sort");
    if (sort.isArray() && !sort.isEmpty()) {
      matching.sort(comparator(sort));
    }
    final JsonNode page = request.path("page");
    final int limit = page.hasNonNull("limit") ? page.get("limit").asInt() : DEFAULT_LIMIT;
    int from = page.path("from").asInt(0);
    if (page.hasNonNull("after")) {
      from = cursor(page, "after") + 1;
    } else if (page.hasNonNull("before")) {
      from = Math.max(0, cursor(page, "before") - limit);
    }
    int end = Math.min(matching.size(), from + Math.max(0, limit));
    if (page.hasNonNull("before")) {
      end = Math.min(end, cursor(page, "before"));
    }
    final ObjectNode response = Json.object();
    final ArrayNode result = response.putArray("items");
    for (int i = Math.max(0, from); i < end; i++) {
      result.add(matching.get(i));
    }
    final ObjectNode pageNode = response.putObject("page");
    // as Camunda: totals are counted up to 10,000, beyond which hasMoreTotalItems says so
    pageNode.put("totalItems", Math.min(matching.size(), MAX_TOTAL));
    pageNode.put("hasMoreTotalItems", matching.size() > MAX_TOTAL);
    if (end > from) {
      pageNode.put("startCursor", encode(from));
      pageNode.put("endCursor", encode(end - 1));
    } else {
      pageNode.putNull("startCursor");
      pageNode.putNull("endCursor");
    }
    return response;
  }

  /** Counted totals stop here, as Camunda's secondary storage counts them. */
  private static final int MAX_TOTAL = 10_000;

  private static final int MAX_LIMIT = 10_000;

  /**
   * Refuses what Camunda 8.9's request schema refuses: unknown properties at the top, in the filter
   * and in the page; unknown sort fields or orders; a limit outside 1..10,000; more than one way of
   * paging; cursors on a search that pages by offset only.
   */
  static void validate(final JsonNode request, final SearchSchema schema) {
    if (request == null || request.isMissingNode() || request.isNull()) {
      return;
    }
    if (!request.isObject()) {
      throw new InvalidRequestException(
          "Expected a %s search request as a JSON object".formatted(schema.name()));
    }
    for (final Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
      final String name = names.next();
      if (!Set.of("filter", "sort", "page").contains(name)) {
        throw new InvalidRequestException(
            "Request property [%s] is not part of a %s search request (filter, sort, page)"
                .formatted(name, schema.name()));
      }
    }
    final JsonNode filter = request.path("filter");
    if (!filter.isMissingNode() && !filter.isNull()) {
      if (!filter.isObject()) {
        throw new InvalidRequestException("Request property [filter] must be an object");
      }
      checkFilter(filter, schema, "filter");
    }
    final JsonNode sort = request.path("sort");
    if (!sort.isMissingNode() && !sort.isNull()) {
      if (!sort.isArray()) {
        throw new InvalidRequestException("Request property [sort] must be an array");
      }
      for (final JsonNode order : sort) {
        final String field = order.path("field").asText("");
        if (!schema.sort().contains(field)) {
          throw new InvalidRequestException(
              "Sort field [%s] is not one of the %s search's sort fields %s"
                  .formatted(field, schema.name(), new java.util.TreeSet<>(schema.sort())));
        }
        final String direction = order.path("order").asText("ASC");
        if (!direction.equalsIgnoreCase("ASC") && !direction.equalsIgnoreCase("DESC")) {
          throw new InvalidRequestException(
              "Sort order [%s] of field [%s] is neither ASC nor DESC".formatted(direction, field));
        }
        for (final Iterator<String> names = order.fieldNames(); names.hasNext(); ) {
          final String name = names.next();
          if (!name.equals("field") && !name.equals("order")) {
            throw new InvalidRequestException(
                "Request property [sort.%s] is not part of a sort (field, order)".formatted(name));
          }
        }
      }
    }
    final JsonNode page = request.path("page");
    if (!page.isMissingNode() && !page.isNull()) {
      if (!page.isObject()) {
        throw new InvalidRequestException("Request property [page] must be an object");
      }
      int styles = 0;
      for (final Iterator<String> names = page.fieldNames(); names.hasNext(); ) {
        final String name = names.next();
        switch (name) {
          case "limit" -> {}
          case "from" -> styles++;
          case "after", "before" -> {
            if (!schema.cursors()) {
              throw new InvalidRequestException(
                  "The %s search pages by offset (from, limit), not by cursor ([page.%s])"
                      .formatted(schema.name(), name));
            }
            styles++;
          }
          default ->
              throw new InvalidRequestException(
                  "Request property [page.%s] is not part of a page (limit, from, after, before)"
                      .formatted(name));
        }
      }
      if (styles > 1) {
        throw new InvalidRequestException(
            "A page is given by one of [from], [after] or [before], not several");
      }
      final JsonNode limit = page.get("limit");
      if (limit != null
          && !limit.isNull()
          && (!limit.canConvertToInt() || limit.asInt() < 1 || limit.asInt() > MAX_LIMIT)) {
        throw new InvalidRequestException(
            "The value for [page.limit] is '%s' but must be between 1 and %d"
                .formatted(limit.asText(), MAX_LIMIT));
      }
      final JsonNode from = page.get("from");
      if (from != null && !from.isNull() && (!from.canConvertToInt() || from.asInt() < 0)) {
        throw new InvalidRequestException(
            "The value for [page.from] is '%s' but must be 0 or more".formatted(from.asText()));
      }
      for (final String name : List.of("after", "before")) {
        if (page.hasNonNull(name)) {
          cursor(page, name);
        }
      }
    }
  }

  private static void checkFilter(
      final JsonNode filter, final SearchSchema schema, final String path) {
    for (final Iterator<Map.Entry<String, JsonNode>> fields = filter.fields(); fields.hasNext(); ) {
      final Map.Entry<String, JsonNode> field = fields.next();
      final String name = field.getKey();
      if (!schema.filter().contains(name)) {
        throw new InvalidRequestException(
            "Filter property [%s.%s] is not part of a %s filter"
                .formatted(path, name, schema.name()));
      }
      final JsonNode like = field.getValue().path("$like");
      if (like.isTextual()) {
        new Wildcard(like.asText()); // refuses an oversized pattern before any item is matched
      }
      if (name.equals("$or") && field.getValue().isArray()) {
        for (final JsonNode alternative : field.getValue()) {
          if (alternative.isObject()) {
            checkFilter(alternative, schema, path + ".$or");
          }
        }
      }
    }
  }

  /** An opaque cursor: the item's position, encoded so that callers do not build their own. */
  private static String encode(final int position) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("p:" + position).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static int cursor(final JsonNode page, final String name) {
    final String value = page.get(name).asText();
    try {
      final String decoded =
          new String(
              java.util.Base64.getUrlDecoder().decode(value),
              java.nio.charset.StandardCharsets.UTF_8);
      if (decoded.startsWith("p:")) {
        final int position = Integer.parseInt(decoded.substring(2));
        if (position >= 0) {
          return position;
        }
      }
    } catch (final IllegalArgumentException notACursor) {
      // falls through: NumberFormatException is an IllegalArgumentException too
    }
    throw new InvalidRequestException(
        "The value for [page.%s] is '%s', which is not a cursor this search returned"
            .formatted(name, value));
  }

  private static boolean matches(
      final ObjectNode item,
      final JsonNode filter,
      final Map<String, BiPredicate<ObjectNode, JsonNode>> special) {
    if (!filter.isObject()) {
      return true;
    }
    final Iterator<Map.Entry<String, JsonNode>> fields = filter.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> field = fields.next();
      final String name = field.getKey();
      final JsonNode condition = field.getValue();
      if (isUnset(condition) || (IGNORED_IF_EMPTY.contains(name) && condition.isEmpty())) {
        continue;
      }
      if (name.equals("$or")) {
        if (condition.isArray() && condition.size() > 0 && !anyMatches(item, condition, special)) {
          return false;
        }
        continue;
      }
      final BiPredicate<ObjectNode, JsonNode> predicate = special.get(name);
      final boolean ok =
          predicate != null ? predicate.test(item, condition) : test(item.get(name), condition);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyMatches(
      final ObjectNode item,
      final JsonNode alternatives,
      final Map<String, BiPredicate<ObjectNode, JsonNode>> special) {
    for (final JsonNode alternative : alternatives) {
      if (matches(item, alternative, special)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether a filter value means "not set": null, an empty array, or an operator object
   * whose operators are all empty.
   */
  static boolean isUnset(final JsonNode condition) {
    if (condition == null || condition.isNull() || condition.isMissingNode()) {
      return true;
    }
    if (condition.isArray()) {
      return condition.isEmpty();
    }
    if (condition.isObject()) {
      final Iterator<JsonNode> values = condition.elements();
      while (values.hasNext()) {
        if (!isUnset(values.next())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Tests one value against a plain value or an operator object.
   *
   * @param actual the item's value, possibly null.
   * @param condition the filter value.
   * @return true if it matches.
   */
  static boolean test(final JsonNode actual, final JsonNode condition) {
    if (!condition.isObject()) {
      return condition.isArray() ? in(actual, condition) : equal(actual, condition);
    }
    final Iterator<Map.Entry<String, JsonNode>> operators = condition.fields();
    while (operators.hasNext()) {
      final Map.Entry<String, JsonNode> operator = operators.next();
      final JsonNode operand = operator.getValue();
      if (isUnset(operand)) {
        continue;
      }
      final boolean ok =
          switch (operator.getKey()) {
            case "$eq" -> equal(actual, operand);
            case "$neq" -> !equal(actual, operand);
            case "$in" -> in(actual, operand);
            case "$notIn" -> !in(actual, operand);
            case "$exists" -> present(actual) == operand.asBoolean();
            case "$like" -> like(actual, operand.asText());
            case "$gt" -> compare(actual, operand) > 0;
            case "$gte" -> compare(actual, operand) >= 0;
            case "$lt" -> compare(actual, operand) < 0;
            case "$lte" -> compare(actual, operand) <= 0;
            default -> true;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tests Camunda's variable filter: a list of {@code {name, value}} where the value filter applies
   * to the variable's JSON text (e.g. {@code "\"SR8\""} for a string).
   *
   * @param scope the variables of the scope, by name.
   * @param condition the list of wanted variables.
   * @return true if every wanted variable exists and matches.
   */
  static boolean variablesMatch(final Map<String, Variable> scope, final JsonNode condition) {
    for (final JsonNode wanted : condition) {
      final Variable variable = scope.get(wanted.path("name").asText());
      if (variable == null
          || !test(TextNode.valueOf(variable.value.toString()), wanted.path("value"))) {
        return false;
      }
    }
    return true;
  }

  private static boolean present(final JsonNode actual) {
    return actual != null && !actual.isNull();
  }

  private static boolean equal(final JsonNode actual, final JsonNode expected) {
    if (!present(actual)) {
      return false;
    }
    if (actual.isArray()) {
      for (final JsonNode element : actual) {
        if (element.asText().equals(expected.asText())) {
          return true;
        }
      }
      return false;
    }
    return actual.asText().equals(expected.asText());
  }

  private static boolean in(final JsonNode actual, final JsonNode candidates) {
    for (final JsonNode candidate : candidates) {
      if (equal(actual, candidate)) {
        return true;
      }
    }
    return false;
  }

  private static boolean like(final JsonNode actual, final String pattern) {
    if (!present(actual)) {
      return false;
    }
    return new Wildcard(pattern).matches(actual.asText());
  }

  private static int compare(final JsonNode actual, final JsonNode operand) {
    if (!present(actual)) {
      return Integer.MIN_VALUE;
    }
    return compareValues(actual, operand);
  }

  private static int compareValues(final JsonNode a, final JsonNode b) {
    try {
      return Long.compare(Long.parseLong(a.asText()), Long.parseLong(b.asText()));
    } catch (final NumberFormatException notNumbers) {
      return a.asText().compareTo(b.asText());
    }
  }

  private static Comparator<ObjectNode> comparator(final JsonNode sort) {
    Comparator<ObjectNode> result = (a, b) -> 0;
    for (final JsonNode order : sort) {
      final String field = order.path("field").asText();
      final boolean descending = "DESC".equalsIgnoreCase(order.path("order").asText("ASC"));
      Comparator<ObjectNode> byField =
          (a, b) -> {
            final JsonNode x = a.get(field);
            final JsonNode y = b.get(field);
            if (!present(x) || !present(y)) {
              return Boolean.compare(present(x), present(y));
            }
            return compareValues(x, y);
          };
      if (descending) {
        byField = byField.reversed();
      }
      result = result.thenComparing(byField);
    }
    return result;
  }
}

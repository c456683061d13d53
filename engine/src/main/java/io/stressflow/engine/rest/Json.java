package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON reading and writing with Camunda's conventions: keys as strings, ISO dates. */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  static JsonNode parse(final byte[] body) {
    if (body.length == 0) {
      return MAPPER.createObjectNode();
    }
    try {
      final JsonNode node = MAPPER.readTree(body);
      return node == null ? MAPPER.createObjectNode() : node;
    } catch (final IOException e) {
      throw new InvalidRequestException(
          "Expected a JSON request body, but it could not be parsed: " + e.getMessage());
    }
  }

  static byte[] write(final Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (final IOException e) {
      throw new IllegalStateException("Expected to write JSON, but: " + e.getMessage(), e);
    }
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String key(final long key) {
    return Long.toString(key);
  }

  static String date(final long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /** Reads a key given as a string or number; null if absent. */
  static Long optionalKey(final JsonNode node, final String field) {
    final JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull() || value.asText().isEmpty()) {
      return null;
    }
    return parseKey(value.asText(), field);
  }

  static long parseKey(final String text, final String what) {
    try {
      return Long.parseLong(text.trim());
    } catch (final NumberFormatException e) {
      throw new InvalidRequestException(
          "Expected %s to be a numeric key, but was '%s'".formatted(what, text));
    }
  }

  static String text(final JsonNode node, final String field, final String fallback) {
    final JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? fallback : value.asText();
  }

  static long number(final JsonNode node, final String field, final long fallback) {
    final JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? fallback : value.asLong(fallback);
  }

  static Map<String, JsonNode> variables(final JsonNode node, final String field) {
    final JsonNode value = node.path(field);
    final Map<String, JsonNode> result = new LinkedHashMap<>();
    if (value.isObject()) {
      value.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue()));
    } else if (!value.isMissingNode() && !value.isNull()) {
      throw new InvalidRequestException(
          "Expected '%s' to be a JSON object, but was '%s'".formatted(field, value));
    }
    return result;
  }

  static List<String> strings(final JsonNode node, final String field) {
    final List<String> result = new ArrayList<>();
    final JsonNode value = node.path(field);
    if (value.isArray()) {
      value.forEach(v -> result.add(v.asText()));
    }
    return result;
  }
}

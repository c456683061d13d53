package io.stressflow.engine.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;

/**
 * Evaluates Zeebe-style expressions: a value starting with {@code =} is FEEL, anything else is a
 * static string. Variables and results travel as Jackson {@link JsonNode}s.
 */
public final class ExpressionEvaluator {
  private final FeelEngineApi feel;
  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * Creates an evaluator whose FEEL {@code now()} and {@code today()} follow the given clock.
   *
   * @param clock the engine clock.
   */
  public ExpressionEvaluator(final Clock clock) {
    this.feel =
        FeelEngineBuilder.forJava()
            .withClock(() -> ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
            .build();
  }

  /**
   * Returns whether the text is an expression (starts with {@code =}).
   *
   * @param text the text from the BPMN.
   * @return true for FEEL.
   */
  public static boolean isExpression(final String text) {
    return text != null && text.trim().startsWith("=");
  }

  /**
   * Evaluates an expression or returns a static value as a string.
   *
   * @param text the expression ({@code =...}) or static value.
   * @param variables the visible variables.
   * @return the value, or a failure message.
   */
  public Evaluation evaluate(final String text, final Map<String, JsonNode> variables) {
    if (!isExpression(text)) {
      return new Evaluation.Value(JsonNodeFactory.instance.textNode(text));
    }
    final String expression = text.trim().substring(1);
    final Map<String, Object> context = new LinkedHashMap<>();
    variables.forEach((name, value) -> context.put(name, toJava(value)));
    final EvaluationResult result;
    try {
      result = feel.evaluateExpression(expression, context);
    } catch (final RuntimeException e) {
      return new Evaluation.Failed(
          "Expected to evaluate expression '%s', but: %s".formatted(expression, e.getMessage()));
    }
    if (!result.isSuccess()) {
      return new Evaluation.Failed(
          "Expected to evaluate expression '%s', but: %s"
              .formatted(expression, result.failure().message()));
    }
    return new Evaluation.Value(toJson(result.result()));
  }

  /**
   * Converts a JSON value to the Java types FEEL understands.
   *
   * @param value the JSON value, possibly null.
   * @return maps, lists, numbers, strings, booleans or null.
   */
  public Object toJava(final JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    return mapper.convertValue(value, Object.class);
  }

  /**
   * Converts a FEEL result to JSON.
   *
   * @param value the Java value.
   * @return the JSON value.
   */
  public JsonNode toJson(final Object value) {
    return mapper.valueToTree(plain(value));
  }

  private Object plain(final Object value) {
    if (value instanceof BigDecimal decimal) {
      try {
        return decimal.longValueExact();
      } catch (final ArithmeticException notIntegral) {
        return decimal.doubleValue();
      }
    }
    if (value instanceof ZonedDateTime zoned) {
      // ISO-8601 with offset, without the "[zone]" suffix that timers cannot parse
      return zoned.toOffsetDateTime().toString();
    }
    if (value instanceof Duration || value instanceof Period || value instanceof TemporalAccessor) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> map) {
      final Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
      return copy;
    }
    if (value instanceof Collection<?> collection) {
      final List<Object> copy = new ArrayList<>();
      collection.forEach(v -> copy.add(plain(v)));
      return copy;
    }
    return value;
  }

  /** The outcome of an evaluation. */
  public sealed interface Evaluation permits Evaluation.Value, Evaluation.Failed {

    /**
     * A successful evaluation.
     *
     * @param value the result as JSON (a null node for FEEL null).
     */
    record Value(JsonNode value) implements Evaluation {}

    /**
     * A failed evaluation.
     *
     * @param message why, in "Expected to …, but …" form.
     */
    record Failed(String message) implements Evaluation {}
  }
}

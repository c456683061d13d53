package io.stressflow.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stressflow.engine.expression.ExpressionEvaluator.Evaluation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionEvaluatorTest {
  private final ExpressionEvaluator evaluator =
      new ExpressionEvaluator(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

  private JsonNode value(final String expression, final Map<String, JsonNode> variables) {
    final Evaluation result = evaluator.evaluate(expression, variables);
    assertThat(result).isInstanceOf(Evaluation.Value.class);
    return ((Evaluation.Value) result).value();
  }

  @Test
  void shouldEvaluateFeelAgainstVariables() {
    assertThat(value("= temperature + 5", Map.of("temperature", IntNode.valueOf(80))).asLong())
        .isEqualTo(85);
    assertThat(value("= serial", Map.of("serial", TextNode.valueOf("SR8"))).asText())
        .isEqualTo("SR8");
  }

  @Test
  void shouldTreatTextWithoutEqualsSignAsStaticValue() {
    assertThat(value("probe-type", Map.of()).asText()).isEqualTo("probe-type");
  }

  @Test
  void shouldUseEngineClockForNowAndWriteIsoDates() {
    assertThat(value("= now() + duration(\"PT1H\")", Map.of()).asText())
        .isEqualTo("2030-01-01T01:00Z");
  }

  @Test
  void shouldReportBrokenExpressionAsFailure() {
    final Evaluation result = evaluator.evaluate("= x +", Map.of());
    assertThat(result).isInstanceOf(Evaluation.Failed.class);
    assertThat(((Evaluation.Failed) result).message())
        .startsWith("Expected to evaluate expression");
  }
}

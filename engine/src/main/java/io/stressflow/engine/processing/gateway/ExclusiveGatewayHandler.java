package io.stressflow.engine.processing.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.expression.ExpressionEvaluator.Evaluation;
import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.SequenceFlow;
import io.stressflow.engine.processing.ElementContext;
import io.stressflow.engine.processing.ElementHandler;
import io.stressflow.engine.processing.ErrorType;
import io.stressflow.engine.processing.Result;
import java.util.List;
import java.util.Map;

/**
 * An exclusive gateway: takes the first outgoing flow whose condition is true, else the default
 * flow; a single unconditional flow is taken directly.
 */
public final class ExclusiveGatewayHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.EXCLUSIVE_GATEWAY;
  }

  @Override
  public Result onComplete(final ElementContext context) {
    final List<String> outgoing = context.node().outgoing();
    if (outgoing.isEmpty()) {
      context.take(List.of());
      return Result.ok();
    }
    if (outgoing.size() == 1 && context.process().flow(outgoing.get(0)).condition() == null) {
      context.take(outgoing);
      return Result.ok();
    }
    final Map<String, JsonNode> variables =
        context.processor().variables().visible(context.instance().key);
    for (final String flowId : outgoing) {
      final SequenceFlow flow = context.process().flow(flowId);
      if (flowId.equals(context.node().defaultFlowId()) || flow.condition() == null) {
        continue;
      }
      final Evaluation result =
          context.processor().evaluator().evaluate(flow.condition(), variables);
      if (result instanceof Evaluation.Failed failed) {
        return Result.failed(failed.message(), ErrorType.CONDITION_ERROR);
      }
      final JsonNode value = ((Evaluation.Value) result).value();
      if (!value.isBoolean() && !value.isNull()) {
        return Result.failed(
            "Expected the condition of flow '%s' to be a boolean, but was '%s'"
                .formatted(flowId, value),
            ErrorType.CONDITION_ERROR);
      }
      if (value.asBoolean(false)) {
        // the condition is fulfilled
        context.take(List.of(flowId));
        return Result.ok();
      }
    }
    if (context.node().defaultFlowId() != null) {
      context.take(List.of(context.node().defaultFlowId()));
      return Result.ok();
    }
    return Result.failed(
        "Expected at least one condition to evaluate to true, or to have a default flow, but no"
            + " condition of gateway '%s' was true and there is no default flow"
                .formatted(context.node().id()),
        ErrorType.CONDITION_ERROR);
  }
}

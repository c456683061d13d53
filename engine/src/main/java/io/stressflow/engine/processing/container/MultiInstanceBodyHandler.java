package io.stressflow.engine.processing.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.stressflow.engine.expression.ExpressionEvaluator.Evaluation;
import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.model.MultiInstance;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.ElementContext;
import io.stressflow.engine.processing.ElementHandler;
import io.stressflow.engine.processing.ErrorType;
import io.stressflow.engine.processing.Result;
import io.stressflow.engine.state.ElementInstance;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a multi-instance activity: one inner instance per item of the input collection, all
 * at once (parallel) or one after another (sequential); collects the output collection and stops
 * early when the completion condition holds.
 */
public final class MultiInstanceBodyHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.MULTI_INSTANCE_BODY;
  }

  @Override
  public Result onActivate(final ElementContext context) {
    final BpmnProcessor processor = context.processor();
    final ElementInstance body = context.instance();
    final MultiInstance loop = context.node().multiInstance();
    final Evaluation input =
        processor
            .evaluator()
            .evaluate(loop.inputCollection(), processor.variables().visible(body.key));
    if (input instanceof Evaluation.Failed failed) {
      return Result.failed(failed.message(), ErrorType.EXTRACT_VALUE_ERROR);
    }
    final JsonNode collection = ((Evaluation.Value) input).value();
    if (!collection.isArray()) {
      return Result.failed(
          "Expected the input collection of '%s' to be an array, but was '%s'"
              .formatted(context.node().id(), collection),
          ErrorType.EXTRACT_VALUE_ERROR);
    }
    body.collection = collection;
    processor.state().elements().put(body);
    if (loop.outputCollection() != null) {
      final ArrayNode output = JsonNodeFactory.instance.arrayNode();
      collection.forEach(item -> output.add(NullNode.instance));
      processor
          .variables()
          .setLocal(body.key, body.processInstanceKey, Map.of(loop.outputCollection(), output));
    }
    final int count = loop.sequential() ? Math.min(1, collection.size()) : collection.size();
    final long bodyKey = body.key;
    for (int i = 0; i < count; i++) {
      processor.enqueue(() -> startInner(processor, bodyKey, context.node()));
    }
    return Result.ok();
  }

  private void startInner(final BpmnProcessor processor, final long bodyKey, final FlowNode node) {
    final ElementInstance body = processor.state().elements().get(bodyKey);
    if (body == null || body.state != ElementInstance.State.ACTIVATED) {
      return;
    }
    final int index = body.loopCounter++;
    processor.state().elements().put(body);
    final ElementInstance inner = processor.newInstance(body, node.id(), node.type());
    final Map<String, JsonNode> locals = new LinkedHashMap<>();
    if (node.multiInstance().inputElement() != null) {
      locals.put(node.multiInstance().inputElement(), body.collection.get(index));
    }
    locals.put("loopCounter", IntNode.valueOf(index + 1));
    processor.variables().setLocal(inner.key, inner.processInstanceKey, locals);
    processor.activate(inner, null);
  }

  @Override
  public boolean isWaitState(final ElementContext context) {
    return context.instance().collection.size() > 0;
  }

  @Override
  public Result onComplete(final ElementContext context) {
    final String name = context.node().multiInstance().outputCollection();
    if (name != null) {
      final var output =
          context.processor().state().variables().inScope(context.instance().key).get(name);
      if (output != null) {
        context
            .processor()
            .variables()
            .merge(context.instance().flowScopeKey, Map.of(name, output.value));
      }
    }
    return Result.ok();
  }

  /**
   * Stores the output element of a completing inner instance into the output collection.
   *
   * @param inner the inner instance, still holding its variables.
   * @param node the activity.
   * @param processor the processor.
   */
  public void collectOutput(
      final ElementInstance inner, final FlowNode node, final BpmnProcessor processor) {
    final MultiInstance loop = node.multiInstance();
    if (loop.outputCollection() == null || loop.outputElement() == null) {
      return;
    }
    final Map<String, JsonNode> variables = processor.variables().visible(inner.key);
    final Evaluation result = processor.evaluator().evaluate(loop.outputElement(), variables);
    final JsonNode value =
        result instanceof Evaluation.Value ok ? ok.value() : (JsonNode) NullNode.instance;
    final var bodyVariables = processor.state().variables().inScope(inner.flowScopeKey);
    final var output = bodyVariables.get(loop.outputCollection());
    final int index = variables.get("loopCounter").asInt() - 1;
    if (output != null && output.value instanceof ArrayNode array && index < array.size()) {
      final ArrayNode copy = array.deepCopy();
      copy.set(index, value);
      processor
          .variables()
          .setLocal(
              inner.flowScopeKey, inner.processInstanceKey, Map.of(loop.outputCollection(), copy));
    }
  }

  @Override
  public void onChildFinished(final ElementContext context, final ElementInstance child) {
    final BpmnProcessor processor = context.processor();
    final ElementInstance body = context.instance();
    final MultiInstance loop = context.node().multiInstance();
    if (child.state == ElementInstance.State.COMPLETED) {
      body.completedInner++;
      processor.state().elements().put(body);
      if (!body.completionConditionMet && loop.completionCondition() != null) {
        final Map<String, JsonNode> variables = processor.variables().visible(body.key);
        variables.put("numberOfInstances", IntNode.valueOf(body.collection.size()));
        variables.put("numberOfCompletedInstances", IntNode.valueOf(body.completedInner));
        variables.put(
            "numberOfActiveInstances",
            IntNode.valueOf(processor.state().elements().children(body.key).size()));
        final Evaluation done =
            processor.evaluator().evaluate(loop.completionCondition(), variables);
        if (done instanceof Evaluation.Value value && value.value().asBoolean(false)) {
          body.completionConditionMet = true;
          processor.state().elements().put(body);
          for (final long inner : processor.state().elements().children(body.key)) {
            final ElementInstance instance = processor.state().elements().get(inner);
            if (instance != null) {
              processor.terminate(instance);
            }
          }
        }
      }
    }
    if (!body.completionConditionMet
        && loop.sequential()
        && child.state == ElementInstance.State.COMPLETED
        && body.loopCounter < body.collection.size()) {
      final long bodyKey = body.key;
      processor.enqueue(() -> startInner(processor, bodyKey, context.node()));
      return;
    }
    processor.completeScopeIfDone(body);
  }
}

package io.stressflow.engine.processing.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.expression.ExpressionEvaluator.Evaluation;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.model.Mapping;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.ErrorType;
import io.stressflow.engine.processing.Failure;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.EngineState;
import io.stressflow.engine.state.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable scopes with Zeebe's semantics: a scope sees its own variables and those of its
 * ancestors; setting a variable "with propagation" updates the nearest scope that has it, or else
 * creates it on the process instance.
 */
public final class VariableBehavior {
  private final BpmnProcessor processor;
  private final EngineState state;

  /**
   * Creates the behaviour.
   *
   * @param processor the processor.
   */
  public VariableBehavior(final BpmnProcessor processor) {
    this.processor = processor;
    this.state = processor.state();
  }

  /**
   * Returns the variables visible from a scope: its own, then its ancestors' (inner wins).
   *
   * @param scopeKey the scope key.
   * @return name to value.
   */
  public Map<String, JsonNode> visible(final long scopeKey) {
    final Map<String, JsonNode> result = new LinkedHashMap<>();
    for (final long scope : chain(scopeKey)) {
      state.variables().inScope(scope).forEach((name, v) -> result.putIfAbsent(name, v.value));
    }
    return result;
  }

  /**
   * Returns the scope keys from a scope up to its process instance.
   *
   * @param scopeKey the scope key.
   * @return the chain, innermost first.
   */
  public List<Long> chain(final long scopeKey) {
    final List<Long> chain = new ArrayList<>();
    long current = scopeKey;
    while (current >= 0) {
      chain.add(current);
      final ElementInstance instance = state.elements().get(current);
      current = instance == null ? -1 : instance.flowScopeKey;
    }
    return chain;
  }

  /**
   * Sets variables on exactly one scope.
   *
   * @param scopeKey the scope.
   * @param processInstanceKey the process instance.
   * @param values name to value.
   */
  public void setLocal(
      final long scopeKey, final long processInstanceKey, final Map<String, JsonNode> values) {
    values.forEach((name, value) -> set(scopeKey, processInstanceKey, name, value));
  }

  /**
   * Sets variables with propagation: each goes to the nearest scope from {@code scopeKey} up that
   * has it, or else to the process instance.
   *
   * @param scopeKey the innermost scope.
   * @param values name to value.
   */
  public void merge(final long scopeKey, final Map<String, JsonNode> values) {
    final List<Long> chain = chain(scopeKey);
    final long root = chain.get(chain.size() - 1);
    final long processInstanceKey = processInstanceOf(scopeKey, root);
    values.forEach(
        (name, value) -> {
          long target = root;
          for (final long scope : chain) {
            if (state.variables().inScope(scope).containsKey(name)) {
              target = scope;
              break;
            }
          }
          set(target, processInstanceKey, name, value);
        });
  }

  private long processInstanceOf(final long scopeKey, final long root) {
    final ElementInstance instance = state.elements().get(scopeKey);
    return instance == null ? root : instance.processInstanceKey;
  }

  private void set(
      final long scopeKey, final long processInstanceKey, final String name, final JsonNode value) {
    final Variable existing = state.variables().inScope(scopeKey).get(name);
    final Variable variable = existing != null ? existing : new Variable();
    if (existing == null) {
      variable.key = processor.state().nextKey();
      variable.name = name;
      variable.scopeKey = scopeKey;
      variable.processInstanceKey = processInstanceKey;
    }
    variable.value = value == null ? com.fasterxml.jackson.databind.node.NullNode.instance : value;
    state.variables().put(variable);
  }

  /**
   * Removes all variables of a scope (when its element instance ends).
   *
   * @param scopeKey the scope.
   */
  public void removeScope(final long scopeKey) {
    for (final Variable variable : List.copyOf(state.variables().inScope(scopeKey).values())) {
      state.variables().remove(variable.key);
    }
  }

  /**
   * Applies the input mappings of a node as local variables of its instance.
   *
   * @param instance the element instance.
   * @param node the node.
   * @return null, or the failure of an expression.
   */
  public Failure applyInputs(final ElementInstance instance, final FlowNode node) {
    for (final Mapping mapping : node.inputs()) {
      final Evaluation result =
          processor.evaluator().evaluate(mapping.source(), visible(instance.key));
      if (result instanceof Evaluation.Failed failed) {
        return new Failure(failed.message(), ErrorType.IO_MAPPING_ERROR);
      }
      set(instance.key, instance.processInstanceKey, mapping.target(), value(result));
    }
    return null;
  }

  /**
   * Applies the output mappings of a node, propagating from its flow scope.
   *
   * @param instance the element instance.
   * @param node the node.
   * @return null, or the failure of an expression.
   */
  public Failure applyOutputs(final ElementInstance instance, final FlowNode node) {
    if (node.outputs().isEmpty() || instance.flowScopeKey < 0) {
      return null;
    }
    final Map<String, JsonNode> context = visible(instance.key);
    final Map<String, JsonNode> results = new LinkedHashMap<>();
    for (final Mapping mapping : node.outputs()) {
      final Evaluation result = processor.evaluator().evaluate(mapping.source(), context);
      if (result instanceof Evaluation.Failed failed) {
        return new Failure(failed.message(), ErrorType.IO_MAPPING_ERROR);
      }
      results.put(mapping.target(), value(result));
    }
    merge(instance.flowScopeKey, results);
    return null;
  }

  /**
   * Applies the variables a job, user task or event completed with: local to the element if it has
   * output mappings (they decide what leaves), else propagated from the element.
   *
   * @param instance the element instance.
   * @param node the node.
   * @param values name to value.
   */
  public void applyEventVariables(
      final ElementInstance instance, final FlowNode node, final Map<String, JsonNode> values) {
    if (values.isEmpty()) {
      return;
    }
    if (node.outputs().isEmpty()) {
      merge(instance.key, values);
    } else {
      setLocal(instance.key, instance.processInstanceKey, values);
    }
  }

  private static JsonNode value(final Evaluation result) {
    return ((Evaluation.Value) result).value();
  }
}

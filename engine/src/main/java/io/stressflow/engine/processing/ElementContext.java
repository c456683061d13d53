package io.stressflow.engine.processing;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.model.ExecutableProcess;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.state.ElementInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a handler sees of one element instance during one lifecycle step.
 *
 * <p>Mutable only in the flows a handler chooses to take on completion.
 */
public final class ElementContext {
  private final ElementInstance instance;
  private final FlowNode node;
  private final ExecutableProcess process;
  private final BpmnProcessor processor;
  private final Map<String, JsonNode> trigger;
  private List<String> chosenFlows;

  ElementContext(
      final ElementInstance instance,
      final FlowNode node,
      final ExecutableProcess process,
      final BpmnProcessor processor,
      final Map<String, JsonNode> trigger) {
    this.instance = instance;
    this.node = node;
    this.process = process;
    this.processor = processor;
    this.trigger = trigger;
  }

  /**
   * The element instance.
   *
   * @return the instance.
   */
  public ElementInstance instance() {
    return instance;
  }

  /**
   * The element.
   *
   * @return the node.
   */
  public FlowNode node() {
    return node;
  }

  /**
   * The process the element belongs to.
   *
   * @return the model.
   */
  public ExecutableProcess process() {
    return process;
  }

  /**
   * The processor, for behaviours and transitions.
   *
   * @return the processor.
   */
  public BpmnProcessor processor() {
    return processor;
  }

  /**
   * The variables of the event that activated this element already triggered (a boundary event, an
   * event after an event-based gateway, a message start), or null for a normal activation.
   *
   * @return the trigger variables, or null.
   */
  public Map<String, JsonNode> trigger() {
    return trigger;
  }

  /**
   * Chooses the outgoing flows to take after completion, instead of all of them.
   *
   * @param flowIds the flow ids; empty to take none.
   */
  public void take(final List<String> flowIds) {
    chosenFlows = new ArrayList<>(flowIds);
  }

  List<String> chosenFlows() {
    return chosenFlows;
  }
}

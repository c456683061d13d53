package io.stressflow.engine.processing.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.EventTrigger;
import io.stressflow.engine.model.ExecutableProcess;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.ProcessInstance;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the catcher of a BPMN error: walking out from the thrower, an error boundary event of an
 * enclosing activity or an error start of an event sub-process, also across call activities.
 */
public final class ErrorBehavior {
  private final BpmnProcessor processor;

  /**
   * Creates the behaviour.
   *
   * @param processor the processor.
   */
  public ErrorBehavior(final BpmnProcessor processor) {
    this.processor = processor;
  }

  /**
   * Throws an error from an element instance and hands it to the nearest catcher.
   *
   * @param thrower the throwing element instance.
   * @param errorCode the error code.
   * @param variables variables for the catching event.
   * @return true if caught; false if nothing catches it (the caller raises an incident).
   */
  public boolean tryCatch(
      final ElementInstance thrower,
      final String errorCode,
      final Map<String, JsonNode> variables) {
    ElementInstance current = thrower;
    while (current != null) {
      final ExecutableProcess model = processor.model(current);
      final FlowNode node = model.node(current.elementId);
      final Optional<FlowNode> boundary =
          best(node.boundaryEventIds().stream().map(model::node).toList(), errorCode);
      if (boundary.isPresent() && !isInnerInstance(current, node)) {
        processor.events().interrupt(current, boundary.get(), variables);
        return true;
      }
      if (node.isContainer()) {
        final Optional<FlowNode> start =
            best(
                model.childrenOf(node.id()).stream()
                    .filter(c -> c.type() == BpmnElementType.EVENT_SUB_PROCESS)
                    .flatMap(c -> model.childrenOf(c.id()).stream())
                    .filter(c -> c.type() == BpmnElementType.START_EVENT)
                    .toList(),
                errorCode);
        if (start.isPresent()) {
          processor.events().startEventSubProcess(current, start.get(), variables);
          return true;
        }
      }
      current = parentOf(current);
    }
    return false;
  }

  private boolean isInnerInstance(final ElementInstance instance, final FlowNode node) {
    return node.multiInstance() != null
        && !BpmnElementType.MULTI_INSTANCE_BODY.name().equals(instance.elementType);
  }

  private ElementInstance parentOf(final ElementInstance instance) {
    if (instance.flowScopeKey >= 0) {
      return processor.state().elements().get(instance.flowScopeKey);
    }
    final ProcessInstance process =
        processor.state().processInstances().get(instance.processInstanceKey);
    return process.parentElementInstanceKey < 0
        ? null
        : processor.state().elements().get(process.parentElementInstanceKey);
  }

  private static Optional<FlowNode> best(
      final java.util.List<FlowNode> candidates, final String code) {
    final Optional<FlowNode> exact =
        candidates.stream()
            .filter(
                c ->
                    c.trigger() instanceof EventTrigger.Error error
                        && Objects.equals(error.errorCode(), code))
            .findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    return candidates.stream()
        .filter(c -> c.trigger() instanceof EventTrigger.Error error && error.errorCode() == null)
        .findFirst();
  }
}

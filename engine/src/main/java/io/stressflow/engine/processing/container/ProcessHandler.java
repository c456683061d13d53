package io.stressflow.engine.processing.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.ElementContext;
import io.stressflow.engine.processing.ElementHandler;
import io.stressflow.engine.processing.ErrorType;
import io.stressflow.engine.processing.Result;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.ProcessInstance;
import java.util.Map;

/**
 * The process itself: starts at its start event, completes when no token is left, and hands its
 * variables back to a calling call activity.
 */
public final class ProcessHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.PROCESS;
  }

  @Override
  public Result onActivate(final ElementContext context) {
    final ElementInstance instance = context.instance();
    final FlowNode start =
        instance.startElementId != null
            ? context.process().node(instance.startElementId)
            : context.process().noneStartEvent(context.node().id()).orElse(null);
    if (start == null) {
      return Result.failed(
          "Expected process '%s' to have a none start event, but it has none"
              .formatted(context.node().id()),
          ErrorType.UNKNOWN);
    }
    final Result result = context.processor().events().openEventSubProcessStarts(instance);
    if (result instanceof Result.Failed) {
      return result;
    }
    final Map<String, JsonNode> trigger = instance.startVariables;
    final long key = instance.key;
    context.processor().enqueue(() -> context.processor().activateNode(key, start, null, trigger));
    return Result.ok();
  }

  @Override
  public boolean isWaitState(final ElementContext context) {
    return true;
  }

  @Override
  public Result onComplete(final ElementContext context) {
    final BpmnProcessor processor = context.processor();
    final ProcessInstance process =
        processor.state().processInstances().get(context.instance().processInstanceKey);
    process.state = ProcessInstance.State.COMPLETED;
    process.endDate = processor.now();
    processor.state().processInstances().put(process);
    processor.signals().endedInstances().add(process.key);
    if (process.parentElementInstanceKey >= 0) {
      final ElementInstance callActivity =
          processor.state().elements().get(process.parentElementInstanceKey);
      if (callActivity != null && callActivity.state == ElementInstance.State.ACTIVATED) {
        final FlowNode node = processor.node(callActivity);
        final Map<String, JsonNode> variables =
            node.propagateAllChildVariables() || !node.outputs().isEmpty()
                ? processor.variables().visible(process.key)
                : Map.of();
        processor.enqueue(
            () -> {
              processor.variables().applyEventVariables(callActivity, node, variables);
              processor.complete(callActivity);
            });
      }
    }
    return Result.ok();
  }
}

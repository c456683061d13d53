package io.stressflow.engine.processing.container;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.processing.ElementContext;
import io.stressflow.engine.processing.ElementHandler;
import io.stressflow.engine.processing.Result;

/**
 * An event sub-process: activated when its start event's trigger fired; starts at that event, which
 * passes the trigger's variables on.
 */
public final class EventSubProcessHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.EVENT_SUB_PROCESS;
  }

  @Override
  public Result onActivate(final ElementContext context) {
    final FlowNode start = context.process().node(context.instance().startElementId);
    final long key = context.instance().key;
    final var trigger = context.instance().startVariables;
    context.processor().enqueue(() -> context.processor().activateNode(key, start, null, trigger));
    return Result.ok();
  }

  @Override
  public boolean isWaitState(final ElementContext context) {
    return true;
  }
}

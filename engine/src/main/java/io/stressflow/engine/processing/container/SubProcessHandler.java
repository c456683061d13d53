package io.stressflow.engine.processing.container;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.processing.ElementContext;
import io.stressflow.engine.processing.ElementHandler;
import io.stressflow.engine.processing.Result;

/** An embedded sub-process: starts at its none start event, completes when no token is left. */
public final class SubProcessHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.SUB_PROCESS;
  }

  @Override
  public Result onActivate(final ElementContext context) {
    final FlowNode start = context.process().noneStartEvent(context.node().id()).orElseThrow();
    final Result result =
        context.processor().events().openEventSubProcessStarts(context.instance());
    if (result instanceof Result.Failed) {
      return result;
    }
    final long key = context.instance().key;
    context.processor().enqueue(() -> context.processor().activateNode(key, start, null, null));
    return Result.ok();
  }

  @Override
  public boolean isWaitState(final ElementContext context) {
    return true;
  }
}

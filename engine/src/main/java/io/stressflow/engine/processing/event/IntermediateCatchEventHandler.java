package io.stressflow.engine.processing.event;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.processing.ElementContext;
import io.stressflow.engine.processing.ElementHandler;
import io.stressflow.engine.processing.Result;

/**
 * A timer or message intermediate catch event: waits for its timer or message, unless it was
 * reached through an event-based gateway whose choice it already is.
 */
public final class IntermediateCatchEventHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.INTERMEDIATE_CATCH_EVENT;
  }

  @Override
  public Result onActivate(final ElementContext context) {
    if (context.trigger() != null) {
      return Result.ok();
    }
    return context.processor().events().open(context.instance(), context.node());
  }

  @Override
  public boolean isWaitState(final ElementContext context) {
    return context.trigger() == null;
  }
}

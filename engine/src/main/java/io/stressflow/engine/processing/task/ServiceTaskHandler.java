package io.stressflow.engine.processing.task;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.processing.ElementContext;
import io.stressflow.engine.processing.ElementHandler;
import io.stressflow.engine.processing.Result;

/** A service task: creates a job and waits until a worker completes it. */
public final class ServiceTaskHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.SERVICE_TASK;
  }

  @Override
  public Result onActivate(final ElementContext context) {
    return context.processor().jobs().create(context.instance(), context.node());
  }

  @Override
  public boolean isWaitState(final ElementContext context) {
    return true;
  }

  @Override
  public void onTerminate(final ElementContext context) {
    context.processor().jobs().cancelFor(context.instance().key);
  }
}

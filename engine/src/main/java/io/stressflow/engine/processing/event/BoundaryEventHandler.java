package io.stressflow.engine.processing.event;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.processing.ElementHandler;

/**
 * A boundary event: activated once its trigger fired (and, if interrupting, its activity was
 * terminated); passes straight through.
 */
public final class BoundaryEventHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.BOUNDARY_EVENT;
  }
}

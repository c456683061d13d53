package io.stressflow.engine.processing.event;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.processing.ElementHandler;

/** A start event: passes straight through (a triggering event's variables are applied). */
public final class StartEventHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.START_EVENT;
  }
}

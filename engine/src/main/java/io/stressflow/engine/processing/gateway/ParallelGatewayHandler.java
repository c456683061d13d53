package io.stressflow.engine.processing.gateway;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.processing.ElementHandler;

/**
 * A parallel gateway: the processor activates it once every incoming flow was taken (join); on
 * completion all outgoing flows are taken (fork).
 */
public final class ParallelGatewayHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.PARALLEL_GATEWAY;
  }
}

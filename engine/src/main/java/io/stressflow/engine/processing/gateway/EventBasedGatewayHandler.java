package io.stressflow.engine.processing.gateway;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.processing.ElementContext;
import io.stressflow.engine.processing.ElementHandler;
import io.stressflow.engine.processing.Result;

/**
 * An event-based gateway: waits on the events after it; the first that fires completes the gateway
 * and continues on its flow.
 */
public final class EventBasedGatewayHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.EVENT_BASED_GATEWAY;
  }

  @Override
  public Result onActivate(final ElementContext context) {
    for (final String flowId : context.node().outgoing()) {
      final String target = context.process().flow(flowId).targetId();
      final Result result =
          context.processor().events().open(context.instance(), context.process().node(target));
      if (result instanceof Result.Failed) {
        context.processor().events().closeFor(context.instance().key);
        return result;
      }
    }
    return Result.ok();
  }

  @Override
  public boolean isWaitState(final ElementContext context) {
    return true;
  }
}

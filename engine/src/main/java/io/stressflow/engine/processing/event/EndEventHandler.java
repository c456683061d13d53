package io.stressflow.engine.processing.event;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.EventTrigger;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.ElementContext;
import io.stressflow.engine.processing.ElementHandler;
import io.stressflow.engine.processing.ErrorType;
import io.stressflow.engine.processing.Result;
import io.stressflow.engine.state.ElementInstance;
import java.util.Map;

/**
 * An end event. None: ends the token. Error: throws the error to the nearest catcher, or raises an
 * incident. Terminate: terminates everything else in its scope, which then completes.
 */
public final class EndEventHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.END_EVENT;
  }

  @Override
  public Result onActivate(final ElementContext context) {
    if (context.node().trigger() instanceof EventTrigger.Error error) {
      if (context.processor().errors().tryCatch(context.instance(), error.errorCode(), Map.of())) {
        return Result.ok();
      }
      return Result.failed(
          "Expected to throw an error event with the code '%s', but it was not caught. No error"
                  .formatted(error.errorCode())
              + " events are available in the scope.",
          ErrorType.UNHANDLED_ERROR_EVENT);
    }
    return Result.ok();
  }

  @Override
  public Result onComplete(final ElementContext context) {
    if (context.node().trigger() instanceof EventTrigger.Terminate) {
      final BpmnProcessor processor = context.processor();
      final ElementInstance scope =
          processor.state().elements().get(context.instance().flowScopeKey);
      scope.pendingFlows = 0;
      scope.joins.clear();
      processor.state().elements().put(scope);
      for (final long sibling : processor.state().elements().children(scope.key)) {
        final ElementInstance instance = processor.state().elements().get(sibling);
        if (instance != null && instance.key != context.instance().key) {
          processor.terminate(instance);
        }
      }
    }
    return Result.ok();
  }
}

package io.stressflow.engine.processing.container;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.ElementContext;
import io.stressflow.engine.processing.ElementHandler;
import io.stressflow.engine.processing.ErrorType;
import io.stressflow.engine.processing.Result;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.ProcessDefinition;
import io.stressflow.engine.state.ProcessInstance;
import java.util.Optional;

/**
 * A call activity: starts the latest version of the called process with all visible variables and
 * waits for it; the called process hands its variables back on completion.
 */
public final class CallActivityHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.CALL_ACTIVITY;
  }

  @Override
  public Result onActivate(final ElementContext context) {
    final BpmnProcessor processor = context.processor();
    final Optional<ProcessDefinition> called =
        processor.processes().latest(context.node().calledProcessId());
    if (called.isEmpty()) {
      return Result.failed(
          "Expected process with BPMN process id '%s' to be deployed, but not found"
              .formatted(context.node().calledProcessId()),
          ErrorType.CALLED_ELEMENT_ERROR);
    }
    final ElementInstance instance = context.instance();
    final ProcessInstance child =
        processor.startInstance(
            called.get(), processor.variables().visible(instance.key), null, null, instance);
    instance.calledProcessInstanceKey = child.key;
    processor.state().elements().put(instance);
    return Result.ok();
  }

  @Override
  public boolean isWaitState(final ElementContext context) {
    return true;
  }

  @Override
  public void onTerminate(final ElementContext context) {
    final ElementInstance child =
        context.processor().state().elements().get(context.instance().calledProcessInstanceKey);
    if (child != null) {
      context.processor().terminate(child);
    }
  }
}

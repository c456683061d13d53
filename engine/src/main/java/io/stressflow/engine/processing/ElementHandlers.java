package io.stressflow.engine.processing;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.processing.container.CallActivityHandler;
import io.stressflow.engine.processing.container.EventSubProcessHandler;
import io.stressflow.engine.processing.container.MultiInstanceBodyHandler;
import io.stressflow.engine.processing.container.ProcessHandler;
import io.stressflow.engine.processing.container.SubProcessHandler;
import io.stressflow.engine.processing.event.BoundaryEventHandler;
import io.stressflow.engine.processing.event.EndEventHandler;
import io.stressflow.engine.processing.event.IntermediateCatchEventHandler;
import io.stressflow.engine.processing.event.StartEventHandler;
import io.stressflow.engine.processing.gateway.EventBasedGatewayHandler;
import io.stressflow.engine.processing.gateway.ExclusiveGatewayHandler;
import io.stressflow.engine.processing.gateway.ParallelGatewayHandler;
import io.stressflow.engine.processing.task.ServiceTaskHandler;
import io.stressflow.engine.processing.task.UserTaskHandler;
import java.util.EnumMap;
import java.util.Map;

/** The registry: one handler per supported element kind. */
final class ElementHandlers {
  private final Map<BpmnElementType, ElementHandler> handlers =
      new EnumMap<>(BpmnElementType.class);
  private final MultiInstanceBodyHandler multiInstanceBody = new MultiInstanceBodyHandler();

  ElementHandlers() {
    // tasks
    register(new ServiceTaskHandler());
    register(new UserTaskHandler());
    // gateways
    register(new ExclusiveGatewayHandler());
    register(new ParallelGatewayHandler());
    register(new EventBasedGatewayHandler());
    // events
    register(new StartEventHandler());
    register(new EndEventHandler());
    register(new IntermediateCatchEventHandler());
    register(new BoundaryEventHandler());
    // containers
    register(new ProcessHandler());
    register(new SubProcessHandler());
    register(new EventSubProcessHandler());
    register(new CallActivityHandler());
    register(multiInstanceBody);
  }

  private void register(final ElementHandler handler) {
    handlers.put(handler.type(), handler);
  }

  ElementHandler get(final String elementType) {
    final ElementHandler handler = handlers.get(BpmnElementType.valueOf(elementType));
    if (handler == null) {
      throw new IllegalStateException(
          "Expected to find a handler for the element type '%s', but not found"
              .formatted(elementType));
    }
    return handler;
  }

  MultiInstanceBodyHandler multiInstanceBody() {
    return multiInstanceBody;
  }
}

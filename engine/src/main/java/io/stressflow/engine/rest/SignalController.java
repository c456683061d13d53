package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stressflow.engine.processing.EngineRuntime;

/**
 * POST /v2/signals/broadcast: accepted and answered like Camunda, but it reaches nothing, since
 * signal events are outside the supported BPMN subset (and rejected at deploy time).
 */
final class SignalController {
  private final EngineRuntime runtime;

  SignalController(final EngineRuntime runtime) {
    this.runtime = runtime;
  }

  void register(final Router router) {
    router.add("POST", V2Paths.SIGNAL_BROADCAST, this::broadcast);
  }

  private void broadcast(final RestExchange exchange) {
    final String name = Json.text(exchange.json(), "signalName", "");
    if (name.isBlank()) {
      throw new InvalidRequestException("Expected a signalName, but none was given");
    }
    final long key = runtime.execute(p -> p.state().nextKey());
    final ObjectNode body = Json.object();
    body.put("signalKey", Json.key(key));
    body.put("tenantId", Json.text(exchange.json(), "tenantId", "<default>"));
    exchange.ok(body);
  }
}

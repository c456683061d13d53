package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stressflow.engine.processing.EngineRuntime;
import io.stressflow.engine.processing.command.MessageCommands;
import java.util.Map;

/** Messages: publication (buffered for its TTL) and correlation (to one instance, or 404). */
final class MessageController {
  /** As Camunda 8.9: a message published without a time to live is not buffered. */
  private static final long DEFAULT_TTL = 0;

  private final EngineRuntime runtime;

  MessageController(final EngineRuntime runtime) {
    this.runtime = runtime;
  }

  void register(final Router router) {
    router.add("POST", V2Paths.MESSAGE_PUBLICATION, this::publish);
    router.add("POST", V2Paths.MESSAGE_CORRELATION, this::correlate);
  }

  private void publish(final RestExchange exchange) {
    final JsonNode request = exchange.json();
    final String name = Json.text(request, "name", "");
    final String correlationKey = Json.text(request, "correlationKey", "");
    final long ttl = Json.number(request, "timeToLive", DEFAULT_TTL);
    final String messageId = Json.text(request, "messageId", "");
    final Map<String, JsonNode> variables = Json.variables(request, "variables");
    final long key =
        runtime.execute(
            p -> MessageCommands.publish(p, name, correlationKey, ttl, messageId, variables));
    final ObjectNode body = Json.object();
    body.put("messageKey", Json.key(key));
    body.put("tenantId", Json.text(request, "tenantId", "<default>"));
    exchange.ok(body);
  }

  private void correlate(final RestExchange exchange) {
    final JsonNode request = exchange.json();
    final String name = Json.text(request, "name", "");
    final String correlationKey = Json.text(request, "correlationKey", "");
    final Map<String, JsonNode> variables = Json.variables(request, "variables");
    final long[] keys =
        runtime.execute(p -> MessageCommands.correlate(p, name, correlationKey, variables));
    final ObjectNode body = Json.object();
    body.put("messageKey", Json.key(keys[0]));
    body.put("tenantId", Json.text(request, "tenantId", "<default>"));
    body.put("processInstanceKey", Json.key(keys[1]));
    exchange.ok(body);
  }
}

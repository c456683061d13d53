package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.Incident;
import java.util.Map;

/**
 * Element instances: search and get. Only active element instances are kept, so only they are
 * found; the event log has the history.
 */
final class ElementInstanceController {
  private final io.stressflow.engine.processing.EngineRuntime runtime;
  private final SearchIndex index;

  ElementInstanceController(
      final io.stressflow.engine.processing.EngineRuntime runtime, final SearchIndex index) {
    this.index = index;
    this.runtime = runtime;
  }

  void register(final Router router) {
    router.add("POST", V2Paths.ELEMENT_INSTANCE_SEARCH, this::search);
    router.add("GET", V2Paths.ELEMENT_INSTANCE, this::get);
  }

  private static ObjectNode view(final BpmnProcessor p, final ElementInstance instance) {
    final boolean hasIncident =
        p.state().incidents().view().stream()
            .anyMatch(
                i -> i.elementInstanceKey == instance.key && i.state == Incident.State.ACTIVE);
    return Views.elementInstance(
        instance,
        p.state().processInstances().get(instance.processInstanceKey),
        hasIncident,
        Names.of(p, instance.processDefinitionKey, instance.elementId));
  }

  private static ObjectNode ended(
      final BpmnProcessor p, final io.stressflow.engine.state.EndedElement ended) {
    return Views.endedElement(
        ended,
        p.state().processInstances().get(ended.processInstanceKey),
        Names.of(p, ended.processDefinitionKey, ended.elementId));
  }

  private void search(final RestExchange exchange) {
    final JsonNode request = exchange.json();
    final ObjectNode response =
        runtime.read(
            p ->
                SearchQuery.run(
                    request,
                    index.items("element-instances", () -> all(p)),
                    Map.of(),
                    SearchSchema.ELEMENT_INSTANCE));
    exchange.ok(response);
  }

  private static java.util.List<ObjectNode> all(final BpmnProcessor p) {
    return java.util.stream.Stream.concat(
            p.state().elements().view().stream().map(i -> view(p, i)),
            p.state().endedElements().view().stream().map(e -> ended(p, e)))
        .toList();
  }

  private void get(final RestExchange exchange) {
    final long key = exchange.key();
    final ObjectNode view =
        runtime.read(
            p -> {
              if (index.lagged()) {
                return index.item("element-instances", () -> all(p), "elementInstanceKey", key);
              }
              final ElementInstance instance = p.state().elements().get(key);
              if (instance != null) {
                return view(p, instance);
              }
              final var ended = p.state().endedElements().get(key);
              return ended == null ? null : ended(p, ended);
            });
    if (view == null) {
      exchange.problem(404, "NOT_FOUND", "Element instance with key '%d' not found".formatted(key));
      return;
    }
    exchange.ok(view);
  }
}

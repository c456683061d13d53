package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stressflow.engine.processing.EngineRuntime;
import io.stressflow.engine.processing.command.IncidentCommands;
import io.stressflow.engine.state.Incident;
import java.util.Map;

/** Incidents: search, get, resolution. */
final class IncidentController {
  private final EngineRuntime runtime;
  private final SearchIndex index;

  IncidentController(final EngineRuntime runtime, final SearchIndex index) {
    this.index = index;
    this.runtime = runtime;
  }

  void register(final Router router) {
    router.add("POST", V2Paths.INCIDENT_SEARCH, this::search);
    router.add("GET", V2Paths.INCIDENT, this::get);
    router.add("POST", V2Paths.INCIDENT_RESOLUTION, this::resolve);
  }

  private void search(final RestExchange exchange) {
    final JsonNode request = exchange.json();
    final ObjectNode response =
        runtime.read(
            p ->
                SearchQuery.run(
                    request,
                    index.items("incidents", () -> all(p)),
                    Map.of(),
                    SearchSchema.INCIDENT));
    exchange.ok(response);
  }

  private static java.util.List<ObjectNode> all(
      final io.stressflow.engine.processing.BpmnProcessor p) {
    return p.state().incidents().view().stream()
        .map(i -> Views.incident(i, Views.root(p, i.processInstanceKey)))
        .toList();
  }

  private void get(final RestExchange exchange) {
    final long key = exchange.key();
    final ObjectNode view =
        runtime.read(
            p -> {
              if (index.lagged()) {
                return index.item("incidents", () -> all(p), "incidentKey", key);
              }
              final Incident incident = p.state().incidents().get(key);
              return incident == null
                  ? null
                  : Views.incident(incident, Views.root(p, incident.processInstanceKey));
            });
    if (view == null) {
      exchange.problem(404, "NOT_FOUND", "Incident with key '%d' not found".formatted(key));
      return;
    }
    exchange.ok(view);
  }

  private void resolve(final RestExchange exchange) {
    final long key = exchange.key();
    runtime.execute(
        p -> {
          IncidentCommands.resolve(p, key);
          return null;
        });
    exchange.noContent();
  }
}

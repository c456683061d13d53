package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stressflow.engine.processing.EngineRuntime;
import io.stressflow.engine.state.ProcessDefinition;
import java.util.Map;

/** Process definitions: search, get, and the deployed BPMN XML. */
final class ProcessDefinitionController {
  private final EngineRuntime runtime;
  private final SearchIndex index;

  ProcessDefinitionController(final EngineRuntime runtime, final SearchIndex index) {
    this.index = index;
    this.runtime = runtime;
  }

  void register(final Router router) {
    router.add("POST", V2Paths.PROCESS_DEFINITION_SEARCH, this::search);
    router.add("GET", V2Paths.PROCESS_DEFINITION, this::get);
    router.add("GET", V2Paths.PROCESS_DEFINITION_XML, this::xml);
  }

  private void search(final RestExchange exchange) {
    final JsonNode request = exchange.json();
    final ObjectNode response =
        runtime.read(
            p ->
                SearchQuery.run(
                    request,
                    index.items(
                        "process-definitions",
                        () ->
                            p.state().definitions().view().stream()
                                .map(
                                    d ->
                                        Views.processDefinitionResult(
                                            d, Names.of(p, d.key(), d.bpmnProcessId())))
                                .toList()),
                    Map.of(
                        "isLatestVersion",
                        (item, condition) ->
                            condition.asBoolean()
                                == p.processes()
                                    .latest(item.get("processDefinitionId").asText())
                                    .map(d -> d.version() == item.get("version").asInt())
                                    .orElse(false)),
                    SearchSchema.PROCESS_DEFINITION));
    exchange.ok(response);
  }

  private ProcessDefinition find(final RestExchange exchange) {
    final long key = exchange.key();
    final ProcessDefinition definition = runtime.read(p -> p.state().definitions().get(key));
    if (definition == null) {
      exchange.problem(
          404, "NOT_FOUND", "Process definition with key '%d' not found".formatted(key));
    }
    return definition;
  }

  private void get(final RestExchange exchange) {
    final ProcessDefinition definition = find(exchange);
    if (definition != null) {
      exchange.ok(
          runtime.read(
              p ->
                  Views.processDefinitionResult(
                      definition, Names.of(p, definition.key(), definition.bpmnProcessId()))));
    }
  }

  private void xml(final RestExchange exchange) {
    final ProcessDefinition definition = find(exchange);
    if (definition != null) {
      exchange.text("text/xml; charset=UTF-8", definition.xml());
    }
  }
}

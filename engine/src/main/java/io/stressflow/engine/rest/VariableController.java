package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stressflow.engine.processing.EngineRuntime;
import io.stressflow.engine.processing.command.ProcessInstanceCommands;
import java.util.Map;

/** Variables: search, and setting variables on an element instance (local or propagated). */
final class VariableController {
  private final EngineRuntime runtime;
  private final SearchIndex index;

  VariableController(final EngineRuntime runtime, final SearchIndex index) {
    this.index = index;
    this.runtime = runtime;
  }

  void register(final Router router) {
    router.add("POST", V2Paths.VARIABLE_SEARCH, this::search);
    router.add("GET", V2Paths.VARIABLE, this::get);
    router.add("PUT", V2Paths.ELEMENT_INSTANCE_VARIABLES, this::set);
  }

  private static java.util.List<ObjectNode> all(
      final io.stressflow.engine.processing.BpmnProcessor p, final boolean truncate) {
    return p.state().variables().view().stream()
        .map(v -> Views.variable(v, truncate, Views.root(p, v.processInstanceKey)))
        .toList();
  }

  private void get(final RestExchange exchange) {
    final long key = exchange.key();
    final ObjectNode view =
        runtime.read(
            p -> {
              if (index.lagged()) {
                // the full value, as the copy has it; a get has no isTruncated
                final ObjectNode item =
                    index.item("variables/false", () -> all(p, false), "variableKey", key);
                if (item == null) {
                  return null;
                }
                final ObjectNode copy = item.deepCopy();
                copy.remove("isTruncated");
                return copy;
              }
              final var variable = p.state().variables().get(key);
              return variable == null
                  ? null
                  : Views.variable(variable, Views.root(p, variable.processInstanceKey));
            });
    if (view == null) {
      exchange.problem(404, "NOT_FOUND", "Variable with key '%d' not found".formatted(key));
      return;
    }
    exchange.ok(view);
  }

  private void search(final RestExchange exchange) {
    final JsonNode request = exchange.json();
    final boolean truncate = truncateValues(exchange);
    final ObjectNode response =
        runtime.read(
            p ->
                SearchQuery.run(
                    request,
                    index.items("variables/" + truncate, () -> all(p, truncate)),
                    Map.of(),
                    SearchSchema.VARIABLE));
    exchange.ok(response);
  }

  private void set(final RestExchange exchange) {
    final long key = exchange.key();
    final JsonNode request = exchange.json();
    final Map<String, JsonNode> variables = Json.variables(request, "variables");
    final boolean local = request.path("local").asBoolean(false);
    runtime.execute(
        p -> {
          ProcessInstanceCommands.setVariables(p, key, variables, local);
          return null;
        });
    exchange.noContent();
  }

  /** The {@code truncateValues} query parameter: true unless it says false (Camunda's default). */
  static boolean truncateValues(final RestExchange exchange) {
    final String value = exchange.query("truncateValues");
    if (value == null || value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new InvalidRequestException(
        "The value for [truncateValues] is '%s' but must be true or false".formatted(value));
  }
}

package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stressflow.engine.processing.EngineRuntime;
import io.stressflow.engine.processing.command.ProcessInstanceCommands;
import io.stressflow.engine.state.ProcessInstance;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/** Process instances: create (optionally awaiting the result), get, search, cancel. */
final class ProcessInstanceController {
  private final EngineRuntime runtime;
  private final SearchIndex index;
  private final InstanceAwaiters awaiters;

  ProcessInstanceController(
      final EngineRuntime runtime, final InstanceAwaiters awaiters, final SearchIndex index) {
    this.index = index;
    this.runtime = runtime;
    this.awaiters = awaiters;
  }

  void register(final Router router) {
    router.add("POST", V2Paths.PROCESS_INSTANCES, this::create);
    router.add("POST", V2Paths.PROCESS_INSTANCE_SEARCH, this::search);
    router.add("GET", V2Paths.PROCESS_INSTANCE, this::get);
    router.add("POST", V2Paths.PROCESS_INSTANCE_CANCELLATION, this::cancel);
  }

  private void create(final RestExchange exchange) {
    final JsonNode request = exchange.json();
    final JsonNode instructions = request.path("startInstructions");
    if (instructions.isArray() && !instructions.isEmpty()) {
      throw new InvalidRequestException(
          "Expected no start instructions, but the embedded engine does not support them");
    }
    final Long definitionKey = Json.optionalKey(request, "processDefinitionKey");
    final String processId = Json.text(request, "processDefinitionId", null);
    final int version = (int) Json.number(request, "processDefinitionVersion", -1);
    final Map<String, JsonNode> variables = Json.variables(request, "variables");
    final String businessId = Json.text(request, "businessId", null);
    final JsonNode runtimeInstructions = request.path("runtimeInstructions");
    if (runtimeInstructions.isArray() && !runtimeInstructions.isEmpty()) {
      throw new InvalidRequestException(
          "Expected no runtime instructions, but the embedded engine does not support them");
    }
    final java.util.List<String> tags = tags(request);
    final ProcessInstance instance =
        runtime.execute(
            p -> {
              final ProcessInstance created =
                  ProcessInstanceCommands.create(p, definitionKey, processId, version, variables);
              created.businessId = businessId;
              created.tags = tags;
              return created;
            });
    if (request.path("awaitCompletion").asBoolean(false)) {
      long timeout = Json.number(request, "requestTimeout", 0);
      if (timeout <= 0) {
        timeout = 10_000;
      }
      awaiters.await(exchange, instance.key, timeout, Json.strings(request, "fetchVariables"));
      return;
    }
    exchange.ok(Views.createdInstance(instance, Map.of()));
  }

  /** Camunda's tag rules: up to 10, each a letter then up to 99 of letters, digits, _-:. */
  private static final java.util.regex.Pattern TAG =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_\\-:.]{0,99}");

  private static java.util.List<String> tags(final JsonNode request) {
    final JsonNode tags = request.path("tags");
    if (tags.isMissingNode() || tags.isNull()) {
      return new java.util.ArrayList<>();
    }
    if (!tags.isArray()) {
      throw new InvalidRequestException("Request property [tags] must be an array of strings");
    }
    final java.util.List<String> result = new java.util.ArrayList<>();
    for (final JsonNode tag : tags) {
      if (!tag.isTextual() || !TAG.matcher(tag.asText()).matches()) {
        throw new InvalidRequestException(
            "Tag '%s' must start with a letter and have up to 100 letters, digits, '_', '-', ':' or '.'"
                .formatted(tag.asText()));
      }
      if (!result.contains(tag.asText())) {
        result.add(tag.asText());
      }
    }
    if (result.size() > 10) {
      throw new InvalidRequestException(
          "Expected at most 10 tags, but %d were given".formatted(result.size()));
    }
    return result;
  }

  private static List<ObjectNode> all(final io.stressflow.engine.processing.BpmnProcessor p) {
    return p.state().processInstances().view().stream()
        .map(
            i ->
                Views.processInstance(
                    i,
                    p.incidents().hasActive(i.key),
                    Names.of(p, i.processDefinitionKey, i.bpmnProcessId)))
        .toList();
  }

  private void get(final RestExchange exchange) {
    final long key = exchange.key();
    final ObjectNode view =
        runtime.read(
            p -> {
              if (index.lagged()) {
                return index.item("process-instances", () -> all(p), "processInstanceKey", key);
              }
              final ProcessInstance instance = p.state().processInstances().get(key);
              return instance == null
                  ? null
                  : Views.processInstance(
                      instance,
                      p.incidents().hasActive(key),
                      Names.of(p, instance.processDefinitionKey, instance.bpmnProcessId));
            });
    if (view == null) {
      exchange.problem(404, "NOT_FOUND", "Process instance with key '%d' not found".formatted(key));
      return;
    }
    exchange.ok(view);
  }

  private void search(final RestExchange exchange) {
    final JsonNode request = exchange.json();
    final ObjectNode response =
        runtime.read(
            p -> {
              final List<ObjectNode> items = index.items("process-instances", () -> all(p));
              final BiPredicate<ObjectNode, JsonNode> variables =
                  (item, condition) ->
                      SearchQuery.variablesMatch(
                          p.state().variables().inScope(keyOf(item, "processInstanceKey")),
                          condition);
              final BiPredicate<ObjectNode, JsonNode> elementId =
                  (item, condition) -> {
                    final long key = keyOf(item, "processInstanceKey");
                    return p.state().elements().view().stream()
                        .anyMatch(
                            e ->
                                e.processInstanceKey == key
                                    && SearchQuery.test(TextNode.valueOf(e.elementId), condition));
                  };
              return SearchQuery.run(
                  request,
                  items,
                  Map.of("variables", variables, "elementId", elementId),
                  SearchSchema.PROCESS_INSTANCE);
            });
    exchange.ok(response);
  }

  static long keyOf(final ObjectNode item, final String field) {
    return Long.parseLong(item.get(field).asText());
  }

  private void cancel(final RestExchange exchange) {
    final long key = exchange.key();
    runtime.execute(
        p -> {
          ProcessInstanceCommands.cancel(p, key);
          return null;
        });
    exchange.noContent();
  }
}

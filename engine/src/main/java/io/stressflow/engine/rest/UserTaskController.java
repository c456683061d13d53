package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stressflow.engine.processing.EngineRuntime;
import io.stressflow.engine.processing.command.UserTaskCommands;
import io.stressflow.engine.state.UserTask;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/** User tasks: search, get, assignment, unassignment, completion. */
final class UserTaskController {
  private final EngineRuntime runtime;
  private final SearchIndex index;

  UserTaskController(final EngineRuntime runtime, final SearchIndex index) {
    this.index = index;
    this.runtime = runtime;
  }

  private static ObjectNode userTask(
      final io.stressflow.engine.processing.BpmnProcessor p, final UserTask task) {
    return Views.userTask(
        task,
        Names.of(p, task.processDefinitionKey, task.bpmnProcessId),
        Views.root(p, task.processInstanceKey));
  }

  void register(final Router router) {
    router.add("POST", V2Paths.USER_TASK_SEARCH, this::search);
    router.add("GET", V2Paths.USER_TASK, this::get);
    router.add("PATCH", V2Paths.USER_TASK, this::update);
    router.add("GET", V2Paths.USER_TASK_FORM, this::form);
    router.add("POST", V2Paths.USER_TASK_ASSIGNMENT, this::assign);
    router.add("DELETE", V2Paths.USER_TASK_ASSIGNEE, this::unassign);
    router.add("POST", V2Paths.USER_TASK_COMPLETION, this::complete);
    router.add("POST", V2Paths.USER_TASK_VARIABLE_SEARCH, e -> variables(e, false));
    router.add("POST", V2Paths.USER_TASK_EFFECTIVE_VARIABLE_SEARCH, e -> variables(e, true));
  }

  /**
   * The variables a user task sees: those of its own scope and of every scope above it up to its
   * process instance. All of them, innermost first ({@code variables/search}), or each name once
   * with the innermost value ({@code effective-variables/search}), as Camunda 8.9 answers.
   */
  private void variables(final RestExchange exchange, final boolean effective) {
    final long key = exchange.key();
    final boolean truncate = VariableController.truncateValues(exchange);
    final JsonNode request = exchange.json();
    final ObjectNode response =
        runtime.read(
            p -> {
              final UserTask task = p.state().userTasks().get(key);
              if (task == null) {
                return null;
              }
              final List<Long> chain =
                  new java.util.ArrayList<>(p.variables().chain(task.elementInstanceKey));
              if (!chain.contains(task.processInstanceKey)) {
                chain.add(task.processInstanceKey);
              }
              final List<ObjectNode> items =
                  index.items(
                      "user-task-variables/%d/%b/%b".formatted(key, effective, truncate),
                      () -> {
                        final java.util.Set<String> seen = new java.util.HashSet<>();
                        final List<ObjectNode> visible = new java.util.ArrayList<>();
                        for (final long scope : chain) {
                          for (final var variable : p.state().variables().inScope(scope).values()) {
                            if (!effective || seen.add(variable.name)) {
                              visible.add(
                                  Views.variable(
                                      variable, truncate, Views.root(p, task.processInstanceKey)));
                            }
                          }
                        }
                        return visible;
                      });
              return SearchQuery.run(
                  request,
                  items,
                  Map.of(),
                  effective
                      ? SearchSchema.USER_TASK_EFFECTIVE_VARIABLE
                      : SearchSchema.USER_TASK_VARIABLE);
            });
    if (response == null) {
      exchange.problem(404, "NOT_FOUND", "User task with key '%d' not found".formatted(key));
      return;
    }
    exchange.ok(response);
  }

  private void search(final RestExchange exchange) {
    final JsonNode request = exchange.json();
    final ObjectNode response =
        runtime.read(
            p -> {
              final List<ObjectNode> items = index.items("user-tasks", () -> all(p));
              final BiPredicate<ObjectNode, JsonNode> processVariables =
                  (item, condition) ->
                      SearchQuery.variablesMatch(
                          p.state()
                              .variables()
                              .inScope(ProcessInstanceController.keyOf(item, "processInstanceKey")),
                          condition);
              final BiPredicate<ObjectNode, JsonNode> localVariables =
                  (item, condition) ->
                      SearchQuery.variablesMatch(
                          p.state()
                              .variables()
                              .inScope(ProcessInstanceController.keyOf(item, "elementInstanceKey")),
                          condition);
              return SearchQuery.run(
                  request,
                  items,
                  Map.of(
                      "processInstanceVariables",
                      processVariables,
                      "localVariables",
                      localVariables,
                      "candidateGroup",
                      (item, condition) -> SearchQuery.test(item.get("candidateGroups"), condition),
                      "candidateUser",
                      (item, condition) -> SearchQuery.test(item.get("candidateUsers"), condition)),
                  SearchSchema.USER_TASK);
            });
    exchange.ok(response);
  }

  private static List<ObjectNode> all(final io.stressflow.engine.processing.BpmnProcessor p) {
    return p.state().userTasks().view().stream().map(t -> userTask(p, t)).toList();
  }

  /** The task as reads see it: with a search lag, as the lagging copy has it (or not yet). */
  private ObjectNode read(final long key) {
    if (index.lagged()) {
      return runtime.read(p -> index.item("user-tasks", () -> all(p), "userTaskKey", key));
    }
    return runtime.read(
        p -> {
          final UserTask task = p.state().userTasks().get(key);
          return task == null ? null : userTask(p, task);
        });
  }

  private void get(final RestExchange exchange) {
    final long key = exchange.key();
    final ObjectNode task = read(key);
    if (task == null) {
      exchange.problem(404, "NOT_FOUND", "User task with key '%d' not found".formatted(key));
      return;
    }
    exchange.ok(task);
  }

  private void form(final RestExchange exchange) {
    final long key = exchange.key();
    if (read(key) == null || runtime.read(p -> p.state().userTasks().get(key)) == null) {
      exchange.problem(404, "NOT_FOUND", "User task with key '%d' not found".formatted(key));
      return;
    }
    final ObjectNode form =
        runtime.read(
            p -> {
              final UserTask task = p.state().userTasks().get(key);
              if (task == null || task.formKey == null || !task.formKey.matches("\\d+")) {
                return null;
              }
              final var definition = p.state().forms().get(Long.parseLong(task.formKey));
              return definition == null ? null : Views.form(definition);
            });
    if (form == null) {
      exchange.noContent();
      return;
    }
    exchange.ok(form);
  }

  private void update(final RestExchange exchange) {
    final long key = exchange.key();
    final JsonNode changeset = exchange.json().path("changeset");
    final String dueDate = Json.text(changeset, "dueDate", null);
    final String followUpDate = Json.text(changeset, "followUpDate", null);
    final List<String> groups =
        changeset.path("candidateGroups").isArray()
            ? Json.strings(changeset, "candidateGroups")
            : null;
    final List<String> users =
        changeset.path("candidateUsers").isArray()
            ? Json.strings(changeset, "candidateUsers")
            : null;
    final Integer priority =
        changeset.hasNonNull("priority") ? changeset.get("priority").asInt() : null;
    runtime.execute(
        p -> {
          UserTaskCommands.update(p, key, dueDate, followUpDate, groups, users, priority);
          return null;
        });
    exchange.noContent();
  }

  private void assign(final RestExchange exchange) {
    final long key = exchange.key();
    final JsonNode request = exchange.json();
    final String assignee = Json.text(request, "assignee", "");
    if (assignee.isBlank()) {
      throw new InvalidRequestException("Expected an assignee, but none was given");
    }
    final boolean allowOverride = request.path("allowOverride").asBoolean(true);
    runtime.execute(
        p -> {
          UserTaskCommands.assign(p, key, assignee, allowOverride);
          return null;
        });
    exchange.noContent();
  }

  private void unassign(final RestExchange exchange) {
    final long key = exchange.key();
    runtime.execute(
        p -> {
          UserTaskCommands.unassign(p, key);
          return null;
        });
    exchange.noContent();
  }

  private void complete(final RestExchange exchange) {
    final long key = exchange.key();
    final var variables = Json.variables(exchange.json(), "variables");
    runtime.execute(
        p -> {
          UserTaskCommands.complete(p, key, variables);
          return null;
        });
    exchange.noContent();
  }
}

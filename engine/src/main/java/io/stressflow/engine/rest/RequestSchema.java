package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The properties each command accepts, as Camunda 8.9's request schemas list them (they forbid
 * additional properties, and the gateway answers 400 for one it does not know). {@code
 * RequestSchemaContractTest} checks these sets against the generated model of the pinned client.
 */
final class RequestSchema {
  /** By "METHOD template": the top-level properties, and those of a nested {@code changeset}. */
  static final Map<String, Set<String>> TOP =
      Map.ofEntries(
          Map.entry(
              "POST " + V2Paths.PROCESS_INSTANCES,
              Set.of(
                  "processDefinitionId",
                  "processDefinitionKey",
                  "processDefinitionVersion",
                  "variables",
                  "tenantId",
                  "operationReference",
                  "startInstructions",
                  "runtimeInstructions",
                  "awaitCompletion",
                  "fetchVariables",
                  "requestTimeout",
                  "tags",
                  "businessId")),
          Map.entry("POST " + V2Paths.PROCESS_INSTANCE_CANCELLATION, Set.of("operationReference")),
          Map.entry(
              "POST " + V2Paths.MESSAGE_PUBLICATION,
              Set.of("name", "correlationKey", "timeToLive", "messageId", "variables", "tenantId")),
          Map.entry(
              "POST " + V2Paths.MESSAGE_CORRELATION,
              Set.of("name", "correlationKey", "variables", "tenantId")),
          Map.entry(
              "POST " + V2Paths.JOB_ACTIVATION,
              Set.of(
                  "type",
                  "worker",
                  "timeout",
                  "maxJobsToActivate",
                  "fetchVariable",
                  "requestTimeout",
                  "tenantIds",
                  "tenantFilter")),
          Map.entry("POST " + V2Paths.JOB_COMPLETION, Set.of("variables", "result")),
          Map.entry(
              "POST " + V2Paths.JOB_FAILURE,
              Set.of("retries", "errorMessage", "retryBackOff", "variables")),
          Map.entry("POST " + V2Paths.JOB_ERROR, Set.of("errorCode", "errorMessage", "variables")),
          Map.entry("PATCH " + V2Paths.JOB, Set.of("changeset", "operationReference")),
          Map.entry(
              "POST " + V2Paths.USER_TASK_ASSIGNMENT,
              Set.of("assignee", "allowOverride", "action")),
          Map.entry("POST " + V2Paths.USER_TASK_COMPLETION, Set.of("variables", "action")),
          Map.entry("PATCH " + V2Paths.USER_TASK, Set.of("changeset", "action")),
          Map.entry(
              "PUT " + V2Paths.ELEMENT_INSTANCE_VARIABLES,
              Set.of("variables", "local", "operationReference")),
          Map.entry(
              "POST " + V2Paths.SIGNAL_BROADCAST, Set.of("signalName", "variables", "tenantId")),
          Map.entry("POST " + V2Paths.INCIDENT_RESOLUTION, Set.of("operationReference")),
          Map.entry("PUT " + V2Paths.CLOCK, Set.of("timestamp")));

  /** The {@code changeset} of a job or user task update. */
  static final Map<String, Set<String>> CHANGESET =
      Map.of(
          "PATCH " + V2Paths.JOB,
          Set.of("retries", "timeout"),
          "PATCH " + V2Paths.USER_TASK,
          Set.of("dueDate", "followUpDate", "candidateUsers", "candidateGroups", "priority"));

  private RequestSchema() {}

  /** Wraps an endpoint so that a body with a property its schema does not list is a 400. */
  static Endpoint checked(final String method, final String template, final Endpoint endpoint) {
    final Set<String> top = TOP.get(method + " " + template);
    if (top == null) {
      return endpoint;
    }
    final Set<String> changeset = CHANGESET.get(method + " " + template);
    return exchange -> {
      final JsonNode body = exchange.json();
      if (body.isObject()) {
        check(body, top, "");
        if (changeset != null && body.path("changeset").isObject()) {
          check(body.get("changeset"), changeset, "changeset.");
        }
      }
      endpoint.handle(exchange);
    };
  }

  private static void check(final JsonNode body, final Set<String> allowed, final String prefix) {
    for (final Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      final String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidRequestException(
            "Request property [%s%s] is not part of this request; it takes %s"
                .formatted(prefix, name, new java.util.TreeSet<>(allowed)));
      }
    }
  }
}

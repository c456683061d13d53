package io.stressflow.engine.rest;

import java.util.Set;

/**
 * What one search endpoint accepts, as Camunda 8.9's request schemas say: the filter's properties,
 * the sortable fields and whether paging by cursor is allowed. Unknown properties are refused with
 * a 400 (the schemas forbid additional properties), not ignored. {@code SearchSchemaContractTest}
 * checks these sets against the generated model of the pinned Camunda client.
 */
record SearchSchema(String name, Set<String> filter, Set<String> sort, boolean cursors) {

  static final SearchSchema PROCESS_INSTANCE =
      new SearchSchema(
          "process instance",
          Set.of(
              "startDate",
              "endDate",
              "state",
              "hasIncident",
              "tenantId",
              "variables",
              "processInstanceKey",
              "parentProcessInstanceKey",
              "parentElementInstanceKey",
              "batchOperationId",
              "batchOperationKey",
              "errorMessage",
              "hasRetriesLeft",
              "elementInstanceState",
              "elementId",
              "hasElementInstanceIncident",
              "incidentErrorHashCode",
              "tags",
              "businessId",
              "processDefinitionId",
              "processDefinitionName",
              "processDefinitionVersion",
              "processDefinitionVersionTag",
              "processDefinitionKey",
              "$or"),
          Set.of(
              "processInstanceKey",
              "processDefinitionId",
              "processDefinitionName",
              "processDefinitionVersion",
              "processDefinitionVersionTag",
              "processDefinitionKey",
              "parentProcessInstanceKey",
              "parentElementInstanceKey",
              "startDate",
              "endDate",
              "state",
              "hasIncident",
              "tenantId",
              "businessId"),
          true);

  static final SearchSchema USER_TASK =
      new SearchSchema(
          "user task",
          Set.of(
              "state",
              "assignee",
              "priority",
              "elementId",
              "name",
              "candidateGroup",
              "candidateUser",
              "tenantId",
              "processDefinitionId",
              "creationDate",
              "completionDate",
              "followUpDate",
              "dueDate",
              "processInstanceVariables",
              "localVariables",
              "userTaskKey",
              "processDefinitionKey",
              "processInstanceKey",
              "elementInstanceKey",
              "tags"),
          Set.of("creationDate", "completionDate", "followUpDate", "dueDate", "priority", "name"),
          true);

  static final SearchSchema INCIDENT =
      new SearchSchema(
          "incident",
          Set.of(
              "processDefinitionId",
              "errorType",
              "errorMessage",
              "elementId",
              "creationTime",
              "state",
              "tenantId",
              "incidentKey",
              "processDefinitionKey",
              "processInstanceKey",
              "elementInstanceKey",
              "jobKey"),
          Set.of(
              "incidentKey",
              "processDefinitionKey",
              "processDefinitionId",
              "processInstanceKey",
              "errorType",
              "elementId",
              "elementInstanceKey",
              "creationTime",
              "state",
              "jobKey",
              "tenantId"),
          true);

  static final SearchSchema VARIABLE =
      new SearchSchema(
          "variable",
          Set.of(
              "name",
              "value",
              "tenantId",
              "isTruncated",
              "variableKey",
              "scopeKey",
              "processInstanceKey"),
          Set.of("value", "name", "tenantId", "variableKey", "scopeKey", "processInstanceKey"),
          true);

  static final SearchSchema ELEMENT_INSTANCE =
      new SearchSchema(
          "element instance",
          Set.of(
              "processDefinitionId",
              "state",
              "type",
              "elementId",
              "elementName",
              "hasIncident",
              "tenantId",
              "elementInstanceKey",
              "processInstanceKey",
              "processDefinitionKey",
              "incidentKey",
              "startDate",
              "endDate",
              "elementInstanceScopeKey"),
          Set.of(
              "elementInstanceKey",
              "processInstanceKey",
              "processDefinitionKey",
              "processDefinitionId",
              "startDate",
              "endDate",
              "elementId",
              "elementName",
              "type",
              "state",
              "incidentKey",
              "tenantId"),
          true);

  static final SearchSchema PROCESS_DEFINITION =
      new SearchSchema(
          "process definition",
          Set.of(
              "name",
              "isLatestVersion",
              "resourceName",
              "version",
              "versionTag",
              "processDefinitionId",
              "tenantId",
              "processDefinitionKey",
              "hasStartForm"),
          Set.of(
              "processDefinitionKey",
              "name",
              "resourceName",
              "version",
              "versionTag",
              "processDefinitionId",
              "tenantId"),
          true);

  /** A user task's variables: by name only; the effective-variable search pages by offset only. */
  static final SearchSchema USER_TASK_VARIABLE =
      new SearchSchema(
          "user task variable",
          Set.of("name"),
          Set.of("value", "name", "tenantId", "variableKey", "scopeKey", "processInstanceKey"),
          true);

  static final SearchSchema USER_TASK_EFFECTIVE_VARIABLE =
      new SearchSchema(
          "user task effective variable",
          USER_TASK_VARIABLE.filter(),
          USER_TASK_VARIABLE.sort(),
          false);

  /** Job fields: filterable; sortable all but the two timestamps. */
  private static final Set<String> JOB_FIELDS =
      Set.of(
          "deadline",
          "deniedReason",
          "elementId",
          "elementInstanceKey",
          "endTime",
          "errorCode",
          "errorMessage",
          "hasFailedWithRetriesLeft",
          "isDenied",
          "jobKey",
          "kind",
          "listenerEventType",
          "processDefinitionId",
          "processDefinitionKey",
          "processInstanceKey",
          "retries",
          "state",
          "tenantId",
          "type",
          "worker");

  static final SearchSchema JOB =
      new SearchSchema(
          "job", union(JOB_FIELDS, Set.of("creationTime", "lastUpdateTime")), JOB_FIELDS, true);

  private static Set<String> union(final Set<String> a, final Set<String> b) {
    final java.util.Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}

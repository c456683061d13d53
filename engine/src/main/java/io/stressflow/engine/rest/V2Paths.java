package io.stressflow.engine.rest;

import java.util.List;

/** The single list of /v2 paths the engine serves (checked against the pinned client, 8.9.0). */
public final class V2Paths {
  public static final String TOPOLOGY = "/v2/topology";
  public static final String STATUS = "/v2/status";
  public static final String DEPLOYMENTS = "/v2/deployments";
  public static final String PROCESS_INSTANCES = "/v2/process-instances";
  public static final String PROCESS_INSTANCE = "/v2/process-instances/{key}";
  public static final String PROCESS_INSTANCE_SEARCH = "/v2/process-instances/search";
  public static final String PROCESS_INSTANCE_CANCELLATION =
      "/v2/process-instances/{key}/cancellation";
  public static final String JOB_ACTIVATION = "/v2/jobs/activation";
  public static final String JOB = "/v2/jobs/{key}";
  public static final String JOB_SEARCH = "/v2/jobs/search";
  public static final String JOB_COMPLETION = "/v2/jobs/{key}/completion";
  public static final String JOB_FAILURE = "/v2/jobs/{key}/failure";
  public static final String JOB_ERROR = "/v2/jobs/{key}/error";
  public static final String MESSAGE_PUBLICATION = "/v2/messages/publication";
  public static final String MESSAGE_CORRELATION = "/v2/messages/correlation";
  public static final String ELEMENT_INSTANCE_VARIABLES = "/v2/element-instances/{key}/variables";
  public static final String USER_TASK_SEARCH = "/v2/user-tasks/search";
  public static final String USER_TASK = "/v2/user-tasks/{key}";
  public static final String USER_TASK_FORM = "/v2/user-tasks/{key}/form";
  public static final String USER_TASK_ASSIGNMENT = "/v2/user-tasks/{key}/assignment";
  public static final String USER_TASK_ASSIGNEE = "/v2/user-tasks/{key}/assignee";
  public static final String USER_TASK_COMPLETION = "/v2/user-tasks/{key}/completion";
  public static final String USER_TASK_VARIABLE_SEARCH = "/v2/user-tasks/{key}/variables/search";
  public static final String USER_TASK_EFFECTIVE_VARIABLE_SEARCH =
      "/v2/user-tasks/{key}/effective-variables/search";
  public static final String INCIDENT_SEARCH = "/v2/incidents/search";
  public static final String INCIDENT = "/v2/incidents/{key}";
  public static final String INCIDENT_RESOLUTION = "/v2/incidents/{key}/resolution";
  public static final String VARIABLE_SEARCH = "/v2/variables/search";
  public static final String VARIABLE = "/v2/variables/{key}";
  public static final String ELEMENT_INSTANCE_SEARCH = "/v2/element-instances/search";
  public static final String ELEMENT_INSTANCE = "/v2/element-instances/{key}";
  public static final String PROCESS_DEFINITION_SEARCH = "/v2/process-definitions/search";
  public static final String PROCESS_DEFINITION = "/v2/process-definitions/{key}";
  public static final String PROCESS_DEFINITION_XML = "/v2/process-definitions/{key}/xml";
  public static final String SIGNAL_BROADCAST = "/v2/signals/broadcast";
  public static final String CLOCK = "/v2/clock";
  public static final String CLOCK_RESET = "/v2/clock/reset";

  /** All served paths. */
  public static final List<String> ALL =
      List.of(
          TOPOLOGY,
          STATUS,
          DEPLOYMENTS,
          PROCESS_INSTANCES,
          PROCESS_INSTANCE,
          PROCESS_INSTANCE_SEARCH,
          PROCESS_INSTANCE_CANCELLATION,
          JOB_ACTIVATION,
          JOB,
          JOB_SEARCH,
          JOB_COMPLETION,
          JOB_FAILURE,
          JOB_ERROR,
          MESSAGE_PUBLICATION,
          MESSAGE_CORRELATION,
          ELEMENT_INSTANCE_VARIABLES,
          USER_TASK_SEARCH,
          USER_TASK,
          USER_TASK_FORM,
          USER_TASK_ASSIGNMENT,
          USER_TASK_ASSIGNEE,
          USER_TASK_COMPLETION,
          USER_TASK_VARIABLE_SEARCH,
          USER_TASK_EFFECTIVE_VARIABLE_SEARCH,
          INCIDENT_SEARCH,
          INCIDENT,
          INCIDENT_RESOLUTION,
          VARIABLE_SEARCH,
          VARIABLE,
          ELEMENT_INSTANCE_SEARCH,
          ELEMENT_INSTANCE,
          PROCESS_DEFINITION_SEARCH,
          PROCESS_DEFINITION,
          PROCESS_DEFINITION_XML,
          SIGNAL_BROADCAST,
          CLOCK,
          CLOCK_RESET);

  private V2Paths() {}
}

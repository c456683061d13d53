package io.stressflow.engine.model;

/** The element kinds the engine executes, named as in Camunda's API and event records. */
public enum BpmnElementType {
  PROCESS,
  START_EVENT,
  END_EVENT,
  SERVICE_TASK,
  USER_TASK,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  EVENT_BASED_GATEWAY,
  INTERMEDIATE_CATCH_EVENT,
  BOUNDARY_EVENT,
  SUB_PROCESS,
  EVENT_SUB_PROCESS,
  CALL_ACTIVITY,
  MULTI_INSTANCE_BODY,
  SEQUENCE_FLOW
}

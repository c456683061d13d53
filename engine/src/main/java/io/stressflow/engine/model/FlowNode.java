package io.stressflow.engine.model;

import java.util.List;

/**
 * One executable element of a process: a flow node, or the process itself ({@link
 * BpmnElementType#PROCESS}, id = BPMN process id). Kind-specific parts are null when they do not
 * apply.
 *
 * @param id the element id.
 * @param name the element name, or null.
 * @param type the element kind.
 * @param scopeId the id of the enclosing process or sub-process; null for the process itself.
 * @param incoming ids of incoming sequence flows.
 * @param outgoing ids of outgoing sequence flows.
 * @param inputs input mappings.
 * @param outputs output mappings.
 * @param job the job definition of a service task.
 * @param userTask the user task definition.
 * @param trigger the event definition of an event (or event sub-process start).
 * @param attachedToId the activity a boundary event is attached to.
 * @param cancelActivity whether a boundary event (or event sub-process start) interrupts.
 * @param defaultFlowId the default flow of an exclusive gateway.
 * @param boundaryEventIds ids of the boundary events attached to this activity.
 * @param multiInstance loop characteristics, or null.
 * @param calledProcessId the process id a call activity starts.
 * @param propagateAllChildVariables whether a call activity copies all child variables back.
 */
public record FlowNode(
    String id,
    String name,
    BpmnElementType type,
    String scopeId,
    List<String> incoming,
    List<String> outgoing,
    List<Mapping> inputs,
    List<Mapping> outputs,
    JobDefinition job,
    UserTaskDefinition userTask,
    EventTrigger trigger,
    String attachedToId,
    boolean cancelActivity,
    String defaultFlowId,
    List<String> boundaryEventIds,
    MultiInstance multiInstance,
    String calledProcessId,
    boolean propagateAllChildVariables) {

  /** Copies the lists. */
  public FlowNode {
    incoming = List.copyOf(incoming);
    outgoing = List.copyOf(outgoing);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    boundaryEventIds = List.copyOf(boundaryEventIds);
  }

  /**
   * Returns whether this node contains other nodes (process, sub-process, event sub-process).
   *
   * @return true for containers.
   */
  public boolean isContainer() {
    return type == BpmnElementType.PROCESS
        || type == BpmnElementType.SUB_PROCESS
        || type == BpmnElementType.EVENT_SUB_PROCESS;
  }
}

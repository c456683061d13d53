package io.stressflow.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The executable form of one BPMN process, checked at deploy time.
 *
 * @param bpmnProcessId the BPMN process id.
 * @param nodes all nodes by id, including the process itself.
 * @param flows all sequence flows by id.
 */
public record ExecutableProcess(
    String bpmnProcessId, Map<String, FlowNode> nodes, Map<String, SequenceFlow> flows) {

  /** Copies the maps. */
  public ExecutableProcess {
    nodes = Map.copyOf(nodes);
    flows = Map.copyOf(flows);
  }

  /**
   * Returns the node with the given id.
   *
   * @param id the element id.
   * @return the node.
   * @throws IllegalArgumentException if there is no such node.
   */
  public FlowNode node(final String id) {
    final FlowNode node = nodes.get(id);
    if (node == null) {
      throw new IllegalArgumentException(
          "Expected process '%s' to contain element '%s', but it does not"
              .formatted(bpmnProcessId, id));
    }
    return node;
  }

  /**
   * Returns the sequence flow with the given id.
   *
   * @param id the flow id.
   * @return the flow.
   */
  public SequenceFlow flow(final String id) {
    return flows.get(id);
  }

  /**
   * Returns the process node itself.
   *
   * @return the node of kind {@link BpmnElementType#PROCESS}.
   */
  public FlowNode root() {
    return node(bpmnProcessId);
  }

  /**
   * Returns the nodes directly contained in a scope.
   *
   * @param scopeId the id of the process or sub-process.
   * @return the children, in no particular order.
   */
  public List<FlowNode> childrenOf(final String scopeId) {
    return nodes.values().stream().filter(n -> scopeId.equals(n.scopeId())).toList();
  }

  /**
   * Returns the none start event of a scope.
   *
   * @param scopeId the id of the process or sub-process.
   * @return the start event, or empty.
   */
  public Optional<FlowNode> noneStartEvent(final String scopeId) {
    return childrenOf(scopeId).stream()
        .filter(n -> n.type() == BpmnElementType.START_EVENT && n.trigger() == null)
        .findFirst();
  }
}

package io.stressflow.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One activation of a flow node (or of the process itself, whose element instance key equals the
 * process instance key). Removed from the state once completed or terminated.
 *
 * <p>Mutable: only the engine changes it, under the engine lock.
 */
public final class ElementInstance implements Entity {

  /** Lifecycle states of an element instance. */
  public enum State {
    ACTIVATING,
    ACTIVATED,
    COMPLETING,
    COMPLETED,
    TERMINATING,
    TERMINATED
  }

  public long key;
  public long processInstanceKey;
  public long processDefinitionKey;
  public String elementId;
  public String elementType;
  public long flowScopeKey = -1;
  public State state = State.ACTIVATING;

  /** Epoch milliseconds of the activation. */
  public long startDate;

  /** Sequence flows taken towards an element of this scope that has not been activated yet. */
  public int pendingFlows;

  /** Per joining parallel gateway of this scope: taken incoming flow id to count. */
  public Map<String, Map<String, Integer>> joins = new LinkedHashMap<>();

  /** Id of the interrupting boundary event that terminates this instance, if any. */
  public String interruptedBy;

  /** Variables to hand to the interrupting boundary event once this instance is terminated. */
  public Map<String, JsonNode> interruptVariables;

  /** Start event id of an interrupting event sub-process waiting for this scope to be empty. */
  public String pendingEventSubProcess;

  /** Variables for the pending event sub-process start. */
  public Map<String, JsonNode> pendingEventVariables;

  /** For a process: the start event to begin with, or null for the none start event. */
  public String startElementId;

  /** For a process: the variables of the triggering start event, or null. */
  public Map<String, JsonNode> startVariables;

  /** Multi-instance body: number of inner instances created so far. */
  public int loopCounter;

  /** Multi-instance body: number of inner instances completed so far. */
  public int completedInner;

  /** For a call activity: the key of the called process instance. */
  public long calledProcessInstanceKey = -1;

  /** For a multi-instance body: the evaluated input collection. */
  public JsonNode collection;

  /** For a multi-instance body: whether the completion condition was met. */
  public boolean completionConditionMet;

  @Override
  public long key() {
    return key;
  }

  /**
   * Returns whether the instance is still running (neither completed nor terminated).
   *
   * @return true while the instance is active.
   */
  public boolean isActive() {
    return state != State.COMPLETED && state != State.TERMINATED;
  }
}

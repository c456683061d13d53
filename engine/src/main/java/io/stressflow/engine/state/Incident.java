package io.stressflow.engine.state;

/**
 * An incident: a problem that stops a token until someone resolves it.
 *
 * <p>Mutable: only the engine changes it, under the engine lock.
 */
public final class Incident implements Entity {

  /** Incident states as named by Camunda's API. */
  public enum State {
    ACTIVE,
    RESOLVED
  }

  /** Where processing of the element stopped, so resolution can retry that step. */
  public enum Phase {
    ACTIVATE,
    COMPLETE,
    JOB
  }

  public long key;
  public State state = State.ACTIVE;
  public String errorType;
  public String errorMessage;
  public Phase phase;
  public long processInstanceKey;
  public long processDefinitionKey;
  public String bpmnProcessId;
  public String elementId;
  public long elementInstanceKey;
  public long jobKey = -1;
  public long creationTime;
  public String tenantId = "<default>";

  @Override
  public long key() {
    return key;
  }
}

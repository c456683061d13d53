package io.stressflow.engine.state;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job of a service task, handed to workers through activation.
 *
 * <p>Mutable: only the engine changes it, under the engine lock.
 */
public final class Job implements Entity {

  /** Lifecycle states of a job. */
  public enum State {
    /** Waiting for a worker (possibly after a retry back-off, see {@link Job#retryAt}). */
    ACTIVATABLE,
    /** Leased by a worker until {@link Job#deadline}. */
    ACTIVATED,
    /** Failed without retries left; an incident is open. */
    FAILED,
    /** A worker threw a BPMN error that nothing caught; an incident is open. */
    ERROR_THROWN
  }

  public long key;
  public String type;
  public State state = State.ACTIVATABLE;
  public int retries;
  public String worker = "";
  public long deadline = -1;
  public long retryAt;
  public String errorMessage = "";
  public String errorCode = "";
  public long elementInstanceKey;
  public long processInstanceKey;
  public long processDefinitionKey;
  public String bpmnProcessId;
  public int processDefinitionVersion;
  public String elementId;
  public Map<String, String> customHeaders = new LinkedHashMap<>();
  public String tenantId = "<default>";

  @Override
  public long key() {
    return key;
  }
}

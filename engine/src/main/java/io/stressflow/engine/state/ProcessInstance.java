package io.stressflow.engine.state;

/**
 * A process instance as searched and fetched through the API. Its tokens live in {@link
 * ElementInstance}s; this record outlives them so completed instances stay visible.
 *
 * <p>Mutable: only the engine changes it, under the engine lock.
 */
public final class ProcessInstance implements Entity {
  /** Lifecycle state as named by Camunda's API. */
  public enum State {
    ACTIVE,
    COMPLETED,
    TERMINATED
  }

  public long key;
  public long processDefinitionKey;
  public String bpmnProcessId;
  public int version;
  public String tenantId = "<default>";
  public State state = State.ACTIVE;
  public long startDate;
  public long endDate;
  public long parentProcessInstanceKey = -1;
  public long parentElementInstanceKey = -1;
  public long rootProcessInstanceKey;
  public String businessId;
  public java.util.List<String> tags = new java.util.ArrayList<>();

  @Override
  public long key() {
    return key;
  }
}

package io.stressflow.engine.state;

/**
 * An element instance that completed or was terminated, kept (as Camunda's secondary storage keeps
 * it) so that element-instance searches find it, until its process instance is purged after the
 * history retention.
 */
public final class EndedElement implements Entity {
  public long key;
  public long processInstanceKey;
  public long processDefinitionKey;
  public String elementId;
  public String elementType;
  public long flowScopeKey = -1;

  /** {@code COMPLETED} or {@code TERMINATED}. */
  public String state;

  /** Epoch milliseconds. */
  public long startDate;

  /** Epoch milliseconds. */
  public long endDate;

  @Override
  public long key() {
    return key;
  }
}

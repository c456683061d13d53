package io.stressflow.engine.state;

/**
 * A scheduled timer of a catch event, boundary event or (event sub-process / process) start.
 *
 * <p>Mutable: only the engine changes it, under the engine lock.
 */
public final class Timer implements Entity {
  public long key;

  /** Epoch milliseconds at which the timer fires. */
  public long dueDate;

  /** Repetitions left after this one; -1 = unbounded, 0 = none. */
  public int repetitions;

  /** ISO-8601 interval between repetitions, or null. */
  public String interval;

  public long processInstanceKey = -1;

  /** The element instance that owns the timer, or -1 for a process start timer. */
  public long elementInstanceKey = -1;

  public long processDefinitionKey;
  public String catchElementId;
  public boolean interrupting = true;
  public String tenantId = "<default>";

  @Override
  public long key() {
    return key;
  }
}

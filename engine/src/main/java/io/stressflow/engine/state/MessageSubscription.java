package io.stressflow.engine.state;

/**
 * An open wait for a message: by a catch event, a boundary event or an event sub-process start.
 *
 * <p>Mutable: only the engine changes it, under the engine lock.
 */
public final class MessageSubscription implements Entity {
  public long key;
  public String messageName;
  public String correlationKey;
  public long processInstanceKey;

  /** The element instance that owns the subscription: the catching element, or its host. */
  public long elementInstanceKey;

  /** The id of the catching element (catch event, boundary event or start event). */
  public String catchElementId;

  public boolean interrupting = true;
  public String tenantId = "<default>";

  @Override
  public long key() {
    return key;
  }
}

package io.stressflow.engine.state;

/** A piece of durable engine state, identified by its int64 key. */
public interface Entity {

  /**
   * Returns the unique key of this entity.
   *
   * @return the key, a positive int64.
   */
  long key();
}

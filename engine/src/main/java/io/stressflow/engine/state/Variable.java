package io.stressflow.engine.state;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A variable in one scope (the process instance or an element instance).
 *
 * <p>Mutable: only the engine changes it, under the engine lock.
 */
public final class Variable implements Entity {
  public long key;
  public String name;
  public JsonNode value;
  public long scopeKey;
  public long processInstanceKey;
  public String tenantId = "<default>";

  @Override
  public long key() {
    return key;
  }
}

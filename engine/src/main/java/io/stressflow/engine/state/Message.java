package io.stressflow.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A published message, buffered until its time to live runs out.
 *
 * <p>Mutable: only the engine changes it, under the engine lock.
 */
public final class Message implements Entity {
  public long key;
  public String name;
  public String correlationKey;
  public String messageId;
  public long expiresAt;
  public Map<String, JsonNode> variables = new LinkedHashMap<>();

  /**
   * BPMN process ids this message was correlated to: as in Zeebe, a message reaches at most one
   * instance (or starts at most one) per process id.
   */
  public List<String> correlatedProcessIds = new ArrayList<>();

  public String tenantId = "<default>";

  @Override
  public long key() {
    return key;
  }
}

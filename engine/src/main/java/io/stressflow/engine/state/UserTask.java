package io.stressflow.engine.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user task waiting for a person, as searched and worked through the API.
 *
 * <p>Mutable: only the engine changes it, under the engine lock.
 */
public final class UserTask implements Entity {

  /** States as named by Camunda's API. */
  public enum State {
    CREATED,
    COMPLETED,
    CANCELED
  }

  public long key;
  public String name;
  public State state = State.CREATED;
  public String assignee;
  public List<String> candidateGroups = new ArrayList<>();
  public List<String> candidateUsers = new ArrayList<>();
  public String formKey;
  public String dueDate;
  public String followUpDate;
  public int priority = 50;
  public long creationDate;
  public long completionDate;
  public String elementId;
  public long elementInstanceKey;
  public long processInstanceKey;
  public long processDefinitionKey;
  public String bpmnProcessId;
  public int processDefinitionVersion;
  public Map<String, String> customHeaders = new LinkedHashMap<>();
  public String tenantId = "<default>";

  @Override
  public long key() {
    return key;
  }
}

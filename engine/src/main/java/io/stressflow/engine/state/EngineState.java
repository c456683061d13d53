package io.stressflow.engine.state;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All durable engine state, held in memory and written through to the {@link StateStore} at the end
 * of every command. Access only under the engine lock.
 */
public final class EngineState {
  private static final long FIRST_KEY = 2251799813685249L;

  private final Table<ProcessDefinition> definitions =
      new Table<>("definition", ProcessDefinition.class);
  private final Table<FormDefinition> forms = new Table<>("form", FormDefinition.class);
  private final Table<ProcessInstance> processInstances =
      new Table<>("process_instance", ProcessInstance.class);
  private final ElementTable elements = new ElementTable();
  private final JobTable jobs = new JobTable();
  private final VariableTable variables = new VariableTable();
  private final Table<Incident> incidents = new Table<>("incident", Incident.class);
  private final Table<Message> messages = new Table<>("message", Message.class);
  private final Table<MessageSubscription> subscriptions =
      new Table<>("subscription", MessageSubscription.class);
  private final Table<Timer> timers = new Table<>("timer", Timer.class);
  private final Table<UserTask> userTasks = new Table<>("user_task", UserTask.class);
  private final Table<EndedElement> endedElements =
      new Table<>("ended_element", EndedElement.class);
  private final List<Table<?>> all =
      List.of(
          definitions,
          forms,
          processInstances,
          elements,
          jobs,
          variables,
          incidents,
          messages,
          subscriptions,
          timers,
          userTasks,
          endedElements);
  private long nextKey = FIRST_KEY;

  /**
   * Returns a new unique key.
   *
   * @return the key.
   */
  public long nextKey() {
    return nextKey++;
  }

  long peekNextKey() {
    return nextKey;
  }

  void setNextKey(final long nextKey) {
    this.nextKey = Math.max(nextKey, FIRST_KEY);
  }

  List<Table<?>> tables() {
    return all;
  }

  /**
   * Process definitions.
   *
   * @return the table.
   */
  public Table<ProcessDefinition> definitions() {
    return definitions;
  }

  /**
   * Deployed forms.
   *
   * @return the table.
   */
  public Table<FormDefinition> forms() {
    return forms;
  }

  /**
   * Process instances.
   *
   * @return the table.
   */
  public Table<ProcessInstance> processInstances() {
    return processInstances;
  }

  /**
   * Active element instances.
   *
   * @return the table.
   */
  public ElementTable elements() {
    return elements;
  }

  /**
   * Element instances that completed or were terminated.
   *
   * @return the table.
   */
  public Table<EndedElement> endedElements() {
    return endedElements;
  }

  /**
   * Jobs.
   *
   * @return the table.
   */
  public JobTable jobs() {
    return jobs;
  }

  /**
   * Variables.
   *
   * @return the table.
   */
  public VariableTable variables() {
    return variables;
  }

  /**
   * Incidents.
   *
   * @return the table.
   */
  public Table<Incident> incidents() {
    return incidents;
  }

  /**
   * Buffered messages.
   *
   * @return the table.
   */
  public Table<Message> messages() {
    return messages;
  }

  /**
   * Open message subscriptions.
   *
   * @return the table.
   */
  public Table<MessageSubscription> subscriptions() {
    return subscriptions;
  }

  /**
   * Scheduled timers.
   *
   * @return the table.
   */
  public Table<Timer> timers() {
    return timers;
  }

  /**
   * User tasks.
   *
   * @return the table.
   */
  public Table<UserTask> userTasks() {
    return userTasks;
  }

  void clear() {
    all.forEach(Table::clear);
    nextKey = FIRST_KEY;
  }

  /** Element instances, indexed by flow scope. */
  public static final class ElementTable extends Table<ElementInstance> {
    private final Map<Long, Set<Long>> children = new HashMap<>();

    ElementTable() {
      super("element_instance", ElementInstance.class);
    }

    /**
     * Returns the keys of the element instances whose flow scope is the given instance.
     *
     * @param flowScopeKey the key of the scope.
     * @return the child keys, in creation order.
     */
    public List<Long> children(final long flowScopeKey) {
      return List.copyOf(children.getOrDefault(flowScopeKey, Collections.emptySet()));
    }

    @Override
    protected void onPut(final ElementInstance entity) {
      if (entity.flowScopeKey >= 0) {
        children.computeIfAbsent(entity.flowScopeKey, k -> new LinkedHashSet<>()).add(entity.key);
      }
    }

    @Override
    protected void onRemove(final ElementInstance entity) {
      final Set<Long> set = children.get(entity.flowScopeKey);
      if (set != null) {
        set.remove(entity.key);
        if (set.isEmpty()) {
          children.remove(entity.flowScopeKey);
        }
      }
    }
  }

  /** Jobs, with the activatable ones indexed by type. */
  public static final class JobTable extends Table<Job> {
    private final Map<String, Set<Long>> activatable = new HashMap<>();

    JobTable() {
      super("job", Job.class);
    }

    /**
     * Returns the keys of the activatable jobs of a type (including ones still in a retry
     * back-off), oldest first.
     *
     * @param type the job type.
     * @return a live view of the keys; do not change the table while iterating.
     */
    public Collection<Long> activatable(final String type) {
      return Collections.unmodifiableSet(activatable.getOrDefault(type, Collections.emptySet()));
    }

    @Override
    protected void onWrite(final Job entity) {
      if (entity.state == Job.State.ACTIVATABLE) {
        activatable.computeIfAbsent(entity.type, k -> new LinkedHashSet<>()).add(entity.key);
      } else {
        unindex(entity);
      }
    }

    @Override
    protected void onRemove(final Job entity) {
      unindex(entity);
    }

    private void unindex(final Job entity) {
      final Set<Long> set = activatable.get(entity.type);
      if (set != null) {
        set.remove(entity.key);
        if (set.isEmpty()) {
          activatable.remove(entity.type);
        }
      }
    }
  }

  /** Variables, indexed by scope and name. */
  public static final class VariableTable extends Table<Variable> {
    private final Map<Long, Map<String, Variable>> byScope = new HashMap<>();

    VariableTable() {
      super("variable", Variable.class);
    }

    /**
     * Returns the variables of one scope.
     *
     * @param scopeKey the scope key.
     * @return name to variable, in creation order; empty if none.
     */
    public Map<String, Variable> inScope(final long scopeKey) {
      return Collections.unmodifiableMap(byScope.getOrDefault(scopeKey, Collections.emptyMap()));
    }

    @Override
    protected void onPut(final Variable entity) {
      byScope.computeIfAbsent(entity.scopeKey, k -> new LinkedHashMap<>()).put(entity.name, entity);
    }

    @Override
    protected void onRemove(final Variable entity) {
      final Map<String, Variable> scope = byScope.get(entity.scopeKey);
      if (scope != null) {
        scope.remove(entity.name);
        if (scope.isEmpty()) {
          byScope.remove(entity.scopeKey);
        }
      }
    }
  }
}

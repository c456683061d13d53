package io.stressflow.engine.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory copy of one kind of entity, tracking what changed since the last flush.
 *
 * @param <T> the entity type.
 */
public class Table<T extends Entity> {
  private final String kind;
  private final Class<T> type;
  private final Map<Long, T> rows = new LinkedHashMap<>();
  private final Set<Long> changed = new LinkedHashSet<>();

  /** Keys put since the last flush that the database does not hold yet. */
  private final Set<Long> fresh = new HashSet<>();

  Table(final String kind, final Class<T> type) {
    this.kind = kind;
    this.type = type;
  }

  /**
   * Returns the name under which rows of this table are stored.
   *
   * @return the kind, e.g. {@code job}.
   */
  public String kind() {
    return kind;
  }

  Class<T> type() {
    return type;
  }

  /**
   * Returns the entity with the given key, or null.
   *
   * @param key the key.
   * @return the entity or null.
   */
  public T get(final long key) {
    return rows.get(key);
  }

  /**
   * Inserts or marks as changed an entity; it is written at the next flush.
   *
   * @param entity the entity.
   */
  public void put(final T entity) {
    final T previous = rows.put(entity.key(), entity);
    if (previous == null && !changed.contains(entity.key())) {
      // not in memory and not removed since the last flush: not in the database either
      fresh.add(entity.key());
    }
    if (previous != null && previous != entity) {
      onRemove(previous);
    }
    if (previous != entity) {
      onPut(entity);
    }
    onWrite(entity);
    changed.add(entity.key());
  }

  /**
   * Removes an entity; it is deleted at the next flush.
   *
   * @param key the key.
   */
  public void remove(final long key) {
    final T previous = rows.remove(key);
    if (previous != null) {
      onRemove(previous);
    }
    if (fresh.remove(key)) {
      // created and removed between two flushes: nothing to write
      changed.remove(key);
    } else {
      changed.add(key);
    }
  }

  /**
   * Returns a snapshot of all entities, in insertion order.
   *
   * @return the entities.
   */
  public List<T> values() {
    return new ArrayList<>(rows.values());
  }

  /**
   * Returns the live view of all entities; do not modify the table while iterating.
   *
   * @return the entities.
   */
  public Collection<T> view() {
    return rows.values();
  }

  void load(final T entity) {
    rows.put(entity.key(), entity);
    onPut(entity);
    onWrite(entity);
  }

  void clear() {
    rows.values().forEach(this::onRemove);
    rows.clear();
    changed.clear();
    fresh.clear();
  }

  boolean hasChanges() {
    return !changed.isEmpty();
  }

  Set<Long> drainChanged() {
    final Set<Long> result = new LinkedHashSet<>(changed);
    changed.clear();
    fresh.clear();
    return result;
  }

  /**
   * Hook for indexes: called when an entity enters the table.
   *
   * @param entity the entity.
   */
  protected void onPut(final T entity) {}

  /**
   * Hook for indexes on mutable fields: called on every {@link #put}, also of an entity already in
   * the table that was changed in place.
   *
   * @param entity the entity.
   */
  protected void onWrite(final T entity) {}

  /**
   * Hook for indexes: called when an entity leaves the table.
   *
   * @param entity the entity.
   */
  protected void onRemove(final T entity) {}
}

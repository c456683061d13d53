package io.stressflow.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The element lifecycle transitions the engine recorded since it started, in order: the cheapest
 * observability there is, and what engine tests assert on. Kept in memory only, bounded to the most
 * recent entries; a restarted engine starts with an empty log. Thread-safe.
 */
public final class EventLog {
  private final int capacity;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long nextPosition;

  /**
   * Creates an empty log.
   *
   * @param capacity the number of most recent entries kept, at least 1; older ones are dropped.
   */
  public EventLog(final int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "Expected an event log capacity of at least 1, but was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * One recorded transition.
   *
   * @param position the position in the log, from 0 (never reused, even after entries were
   *     dropped).
   * @param processInstanceKey the process instance.
   * @param elementInstanceKey the element instance (the flow id's scope for a sequence flow).
   * @param elementId the element (or sequence flow) id.
   * @param elementType the element kind, e.g. {@code SERVICE_TASK} or {@code SEQUENCE_FLOW}.
   * @param intent the transition.
   * @param timestamp the engine time of the transition.
   */
  public record Entry(
      long position,
      long processInstanceKey,
      long elementInstanceKey,
      String elementId,
      String elementType,
      Intent intent,
      Instant timestamp) {}

  /** Element lifecycle transitions, named as in Zeebe's process instance records. */
  public enum Intent {
    ELEMENT_ACTIVATING,
    ELEMENT_ACTIVATED,
    ELEMENT_COMPLETING,
    ELEMENT_COMPLETED,
    ELEMENT_TERMINATING,
    ELEMENT_TERMINATED,
    SEQUENCE_FLOW_TAKEN
  }

  /**
   * Appends an entry.
   *
   * @param processInstanceKey the process instance.
   * @param elementInstanceKey the element instance.
   * @param elementId the element id.
   * @param elementType the element kind.
   * @param intent the transition.
   * @param timestamp the engine time.
   */
  public synchronized void record(
      final long processInstanceKey,
      final long elementInstanceKey,
      final String elementId,
      final String elementType,
      final Intent intent,
      final Instant timestamp) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.add(
        new Entry(
            nextPosition++,
            processInstanceKey,
            elementInstanceKey,
            elementId,
            elementType,
            intent,
            timestamp));
  }

  /**
   * Returns a snapshot of all entries.
   *
   * @return the entries, oldest first.
   */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /**
   * Returns the entries matching a filter.
   *
   * @param filter the filter.
   * @return the matching entries, oldest first.
   */
  public synchronized List<Entry> entries(final Predicate<Entry> filter) {
    return entries.stream().filter(filter).toList();
  }

  /**
   * Returns the entries of one process instance.
   *
   * @param processInstanceKey the process instance.
   * @return its entries, oldest first.
   */
  public List<Entry> of(final long processInstanceKey) {
    return entries(e -> e.processInstanceKey() == processInstanceKey);
  }

  /**
   * Returns the transitions of one element of one process instance, e.g. to assert {@code
   * [ELEMENT_ACTIVATING, ELEMENT_ACTIVATED, ELEMENT_COMPLETING, ELEMENT_COMPLETED]}.
   *
   * @param processInstanceKey the process instance.
   * @param elementId the element id.
   * @return the intents, oldest first.
   */
  public List<Intent> intents(final long processInstanceKey, final String elementId) {
    return entries(
            e -> e.processInstanceKey() == processInstanceKey && e.elementId().equals(elementId))
        .stream()
        .map(Entry::intent)
        .toList();
  }

  /**
   * Returns the ids of the elements of one process instance that reached an intent, in order.
   *
   * @param processInstanceKey the process instance.
   * @param intent the intent, e.g. {@link Intent#ELEMENT_COMPLETED}.
   * @return the element ids, oldest first.
   */
  public List<String> elementsWith(final long processInstanceKey, final Intent intent) {
    return entries(e -> e.processInstanceKey() == processInstanceKey && e.intent() == intent)
        .stream()
        .map(Entry::elementId)
        .toList();
  }
}

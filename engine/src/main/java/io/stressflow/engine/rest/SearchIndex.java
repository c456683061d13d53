package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What searches see. With no lag, the current state. With a lag, a copy of each search's items that
 * is refreshed when it is older than the lag, as a Camunda 8 cluster's searches read a search
 * engine that its exporter fills and that refreshes about once a second: a search may miss what a
 * command just did, by up to the lag. Filters on variables and the like still read the current
 * state; the items (their presence, state, assignee, dates) are what lags. Gets by key read the
 * same copies ({@link #item}), as Camunda 8.9's gets of process instances, user tasks (and their
 * forms), element instances, incidents and variables read its secondary storage.
 */
final class SearchIndex {
  private record Entry(long refreshedAt, List<ObjectNode> items) {}

  private final long lagNanos;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  SearchIndex(final Duration lag) {
    this.lagNanos = lag.toNanos();
  }

  /**
   * The items of a search.
   *
   * @param kind which search (and for a search scoped to one thing, which thing).
   * @param current computes the items from the current state (called under the engine's lock).
   * @return the items, at most the lag old.
   */
  List<ObjectNode> items(final String kind, final Supplier<List<ObjectNode>> current) {
    if (lagNanos == 0) {
      return current.get();
    }
    final long now = System.nanoTime();
    final Entry entry = entries.get(kind);
    if (entry != null && now - entry.refreshedAt() < lagNanos) {
      return entry.items();
    }
    final List<ObjectNode> items = List.copyOf(current.get());
    entries.put(kind, new Entry(now, items));
    return items;
  }

  /**
   * Whether reads lag the engine's state.
   *
   * @return true when a lag is set.
   */
  boolean lagged() {
    return lagNanos > 0;
  }

  /**
   * One item of a search, as a get by key sees it.
   *
   * @param kind which search.
   * @param current computes the search's items from the current state (under the engine's lock).
   * @param keyField the items' key property.
   * @param key the key.
   * @return the item, at most the lag old, or null when the copy does not hold it (yet).
   */
  ObjectNode item(
      final String kind,
      final Supplier<List<ObjectNode>> current,
      final String keyField,
      final long key) {
    final String wanted = Long.toString(key);
    for (final ObjectNode item : items(kind, current)) {
      if (wanted.equals(item.path(keyField).asText())) {
        return item;
      }
    }
    return null;
  }
}

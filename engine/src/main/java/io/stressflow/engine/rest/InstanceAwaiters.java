package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.processing.EngineRuntime;
import io.stressflow.engine.processing.Signals;
import io.stressflow.engine.state.ProcessInstance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Create-instance requests with {@code awaitCompletion}: parked until the instance ends (200 with
 * its variables) or the request timeout passes (504 problem).
 */
final class InstanceAwaiters {
  private final EngineRuntime runtime;
  private final ScheduledExecutorService scheduler;
  private final Map<Long, List<Waiter>> waiting = new ConcurrentHashMap<>();

  private record Waiter(RestExchange exchange, long instanceKey, List<String> fetchVariables) {}

  InstanceAwaiters(final EngineRuntime runtime, final ScheduledExecutorService scheduler) {
    this.runtime = runtime;
    this.scheduler = scheduler;
  }

  void await(
      final RestExchange exchange,
      final long instanceKey,
      final long timeoutMillis,
      final List<String> fetchVariables) {
    final Waiter waiter = new Waiter(exchange, instanceKey, fetchVariables);
    waiting.computeIfAbsent(instanceKey, k -> new CopyOnWriteArrayList<>()).add(waiter);
    scheduler.schedule(() -> timeout(waiter, timeoutMillis), timeoutMillis, TimeUnit.MILLISECONDS);
    // the instance may have ended before the waiter was registered
    final boolean ended =
        runtime.read(
            p ->
                p.state().processInstances().get(instanceKey).state
                    != ProcessInstance.State.ACTIVE);
    if (ended) {
      finish(instanceKey);
    }
  }

  private void timeout(final Waiter waiter, final long timeoutMillis) {
    if (remove(waiter)) {
      waiter
          .exchange()
          .problem(
              504,
              "DEADLINE_EXCEEDED",
              ("Expected to complete process instance with key '%d' within %d ms, but it did not"
                      + " complete in time")
                  .formatted(waiter.instanceKey(), timeoutMillis));
    }
  }

  private boolean remove(final Waiter waiter) {
    final List<Waiter> list = waiting.get(waiter.instanceKey());
    return list != null && list.remove(waiter);
  }

  void onSignals(final Signals signals) {
    signals.endedInstances().forEach(this::finish);
  }

  private void finish(final long instanceKey) {
    final List<Waiter> list = waiting.remove(instanceKey);
    if (list == null) {
      return;
    }
    for (final Waiter waiter : list) {
      answer(waiter);
    }
  }

  private void answer(final Waiter waiter) {
    final long key = waiter.instanceKey();
    final ProcessInstance instance = runtime.read(p -> p.state().processInstances().get(key));
    if (instance.state != ProcessInstance.State.COMPLETED) {
      waiter
          .exchange()
          .problem(
              409,
              "INVALID_STATE",
              "Expected process instance with key '%d' to complete, but it was %s"
                  .formatted(key, instance.state.name().toLowerCase(java.util.Locale.ROOT)));
      return;
    }
    final Map<String, JsonNode> variables =
        runtime.read(p -> new LinkedHashMap<>(p.variables().visible(key)));
    if (!waiter.fetchVariables().isEmpty()) {
      variables.keySet().retainAll(Set.copyOf(waiter.fetchVariables()));
    }
    waiter.exchange().ok(Views.createdInstance(instance, variables));
  }

  void close() {
    waiting.clear();
  }
}

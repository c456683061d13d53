package io.stressflow.engine.processing;

import io.stressflow.engine.EventLog;
import io.stressflow.engine.processing.command.HistoryCommands;
import io.stressflow.engine.processing.command.MessageCommands;
import io.stressflow.engine.state.EngineState;
import io.stressflow.engine.state.StateStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands one at a time under the engine lock: each command's work is drained and written to
 * H2 in one transaction before its signals go out. Also runs the due work (timers, job lease
 * expiry, message TTL).
 */
public final class EngineRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineRuntime.class);
  private static final long PURGE_INTERVAL_MILLIS = 60_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final EngineState state = new EngineState();
  private final StateStore store;
  private final EngineClock clock;
  private final BpmnProcessor processor;
  private final List<Consumer<Signals>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService commandThread =
      Executors.newSingleThreadExecutor(
          runnable -> {
            final Thread thread = new Thread(runnable, "engine-commands");
            thread.setDaemon(true);
            return thread;
          });
  private final long retentionMillis;
  private long lastDueCheck;
  private long nextPurge;

  /**
   * Opens the store and recovers the state.
   *
   * @param store the open store.
   * @param clock the engine clock.
   * @param log the event log.
   * @param historyRetention how long ended process instances are kept.
   */
  public EngineRuntime(
      final StateStore store,
      final EngineClock clock,
      final EventLog log,
      final java.time.Duration historyRetention) {
    this.retentionMillis = historyRetention.toMillis();
    this.store = store;
    this.clock = clock;
    this.processor = new BpmnProcessor(state, clock, log);
    store.load(state);
    lastDueCheck = clock.millis();
  }

  /**
   * The engine clock.
   *
   * @return the clock.
   */
  public EngineClock clock() {
    return clock;
  }

  /**
   * Registers a listener for the signals of each command, called after it is durable.
   *
   * @param listener the listener.
   */
  public void onSignals(final Consumer<Signals> listener) {
    listeners.add(listener);
  }

  /**
   * Runs a command: all its work, then one write of the changed state. Commands run one at a time
   * on the engine's own thread, which is never interrupted: an interrupt during H2 file I/O would
   * close the database file under the engine.
   *
   * @param command the command; it must not call {@code execute} itself.
   * @param <T> the result type.
   * @return the command's result.
   * @throws CommandRejectedException if the command was rejected (nothing changed).
   */
  public <T> T execute(final Function<BpmnProcessor, T> command) {
    final Future<Outcome<T>> future = commandThread.submit(() -> executeHere(command));
    final Outcome<T> outcome;
    try {
      outcome = future.get();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Expected to wait for an engine command, but the thread was interrupted", e);
    } catch (final ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
    if (!outcome.signals().isEmpty()) {
      for (final Consumer<Signals> listener : listeners) {
        listener.accept(outcome.signals());
      }
    }
    return outcome.result();
  }

  private <T> Outcome<T> executeHere(final Function<BpmnProcessor, T> command) {
    lock.lock();
    try {
      final T result;
      try {
        result = command.apply(processor);
        processor.drain();
        store.flush(state);
      } catch (final CommandRejectedException e) {
        processor.discardWork();
        store.flush(state);
        throw e;
      } catch (final RuntimeException e) {
        LOG.error("Command failed; reloading the last durable state", e);
        store.load(state);
        processor.reset();
        throw e;
      }
      return new Outcome<>(result, processor.takeSignals());
    } finally {
      lock.unlock();
    }
  }

  private record Outcome<T>(T result, Signals signals) {}

  /**
   * Reads the state under the engine lock.
   *
   * @param query the query.
   * @param <T> the result type.
   * @return the query's result.
   */
  public <T> T read(final Function<BpmnProcessor, T> query) {
    lock.lock();
    try {
      return query.apply(processor);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Fires due timers, gives back expired job leases, drops expired messages and, once a minute,
   * deletes process instances that ended longer ago than the history retention.
   */
  public synchronized void runDueWork() {
    final long now = clock.millis();
    if (now < lastDueCheck) {
      // the clock was reset (or pinned) backwards
      lastDueCheck = now - 1;
    }
    if (now >= nextPurge || nextPurge - now > PURGE_INTERVAL_MILLIS) {
      nextPurge = now + PURGE_INTERVAL_MILLIS;
      execute(
          p -> {
            HistoryCommands.purge(p, p.now() - retentionMillis);
            return null;
          });
    }
    final long previousCheck = lastDueCheck;
    final boolean due =
        read(
            p -> {
              final long at = p.now();
              return p.events().anyTimerDue()
                  || p.state().messages().view().stream().anyMatch(m -> m.expiresAt <= at)
                  || p.state().jobs().view().stream()
                      .anyMatch(
                          j ->
                              (j.deadline >= 0 && j.deadline <= at)
                                  || (j.retryAt > previousCheck && j.retryAt <= at));
            });
    if (!due) {
      lastDueCheck = now;
      return;
    }
    lastDueCheck =
        execute(
            p -> {
              p.events().fireDueTimers();
              p.jobs().expireLeases(previousCheck);
              MessageCommands.expire(p);
              return p.now();
            });
  }

  @Override
  public void close() {
    commandThread.shutdown();
    try {
      if (!commandThread.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Engine commands still running after 10 s; closing the database anyway");
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      store.close();
    } finally {
      lock.unlock();
    }
  }
}

package io.stressflow.engine.processing;

import io.stressflow.engine.EventLog;
import io.stressflow.engine.processing.command.HistoryCommands;
import io.stressflow.engine.processing.command.MessageCommands;
import io.stressflow.engine.state.EngineState;
import io.stressflow.engine.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands one at a time under the engine lock, in batches with one H2 commit each (group
 * commit): the commands queued while the previous batch was being written run next, then the
 * changed state is written in one transaction, and only then are their callers answered and their
 * signals published. Also runs the due work (timers, job lease expiry, message TTL).
 */
public final class EngineRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineRuntime.class);
  private static final long PURGE_INTERVAL_MILLIS = 60_000;

  /** The most commands in one transaction; bounds the latency a batch adds to its first command. */
  private static final int MAX_BATCH = 256;

  private final ReentrantLock lock = new ReentrantLock();
  private final EngineState state = new EngineState();
  private final StateStore store;
  private final EngineClock clock;
  private final BpmnProcessor processor;
  private final List<Consumer<Signals>> listeners = new CopyOnWriteArrayList<>();
  private final List<BatchListener> batchListeners = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Command<?>> queue = new LinkedBlockingQueue<>();
  private final Thread commandThread;
  private volatile boolean closed;
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
    commandThread = new Thread(this::runCommands, "engine-commands");
    commandThread.setDaemon(true);
    commandThread.start();
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
   * Work that joins every batch's transaction, e.g. handing new jobs to parked activation requests
   * in the same commit that created them.
   */
  public interface BatchListener {
    /**
     * Called under the engine lock after a batch's commands ran, before its commit; may change the
     * state (the changes are committed with the batch) but must not throw.
     *
     * @param processor the processor.
     * @param signals the batch's signals.
     * @return what to do once the batch committed or was rolled back, or null for nothing.
     */
    AfterBatch beforeCommit(BpmnProcessor processor, Signals signals);
  }

  /** The second half of a {@link BatchListener}, run outside the engine lock. */
  public interface AfterBatch {
    /** The batch (with the listener's changes) is durable. */
    void committed();

    /** The batch was not written; the state was reloaded from the last commit. */
    void rolledBack();
  }

  /**
   * Registers work that joins every batch's transaction.
   *
   * @param listener the listener.
   */
  public void onBatch(final BatchListener listener) {
    batchListeners.add(listener);
  }

  /**
   * Runs a command: all its work, then (together with the other commands of its batch) one write of
   * the changed state. Returns only after that write committed. Commands run one at a time on the
   * engine's own thread, which is never interrupted: an interrupt during H2 file I/O would close
   * the database file under the engine.
   *
   * @param command the command; it must not call {@code execute} itself.
   * @param <T> the result type.
   * @return the command's result.
   * @throws CommandRejectedException if the command was rejected (nothing changed).
   */
  public <T> T execute(final Function<BpmnProcessor, T> command) {
    final Command<T> queued = new Command<>(command);
    if (closed) {
      throw new IllegalStateException("Expected a running engine, but it is closed");
    }
    queue.add(queued);
    final Outcome<T> outcome;
    try {
      // uninterruptibly: the command runs anyway, and this caller may have to finish its batch
      // (answer parked requests, publish signals); the batch is never left waiting for long
      outcome = queued.outcome.join();
    } catch (final CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
    for (final AfterBatch after : outcome.afterBatch()) {
      after.committed();
    }
    if (!outcome.signals().isEmpty()) {
      for (final Consumer<Signals> listener : listeners) {
        listener.accept(outcome.signals());
      }
    }
    if (outcome.error() != null) {
      throw outcome.error();
    }
    return outcome.result();
  }

  private void runCommands() {
    final List<Command<?>> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        final Command<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
      } catch (final InterruptedException e) {
        // never interrupted on purpose; keep serving until closed
        continue;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      try {
        runBatch(batch);
      } catch (final Throwable e) {
        LOG.error("Engine command batch failed", e);
        for (final Command<?> command : batch) {
          command.outcome.completeExceptionally(e);
        }
      }
      batch.clear();
    }
  }

  /**
   * Runs a batch and commits it. A command that fails unexpectedly (a bug) leaves half its work in
   * memory: the last durable state is reloaded and the batch's other commands run again without it.
   */
  private void runBatch(final List<Command<?>> batch) {
    lock.lock();
    try {
      List<Command<?>> pending = batch;
      while (true) {
        final Signals signals = Signals.collect();
        final Command<?> failed = runAll(pending, signals);
        if (failed == null) {
          final List<AfterBatch> afterBatch = new ArrayList<>();
          for (final BatchListener listener : batchListeners) {
            final AfterBatch after = listener.beforeCommit(processor, signals);
            if (after != null) {
              afterBatch.add(after);
            }
          }
          try {
            store.flush(state);
          } catch (final RuntimeException e) {
            afterBatch.forEach(AfterBatch::rolledBack);
            throw e;
          }
          // the first command's caller finishes the batch's work and publishes its signals, once
          for (int i = 0; i < pending.size(); i++) {
            if (i == 0) {
              pending.get(i).complete(signals, afterBatch);
            } else {
              pending.get(i).complete(Signals.collect(), List.of());
            }
          }
          return;
        }
        store.load(state);
        processor.reset();
        final List<Command<?>> rest = new ArrayList<>(pending);
        rest.remove(failed);
        pending = rest;
      }
    } catch (final RuntimeException e) {
      LOG.error("Failed to write the engine state; reloading the last durable state", e);
      store.load(state);
      processor.reset();
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /** Runs the commands; returns the first that failed unexpectedly (then stops), else null. */
  private Command<?> runAll(final List<Command<?>> commands, final Signals signals) {
    for (final Command<?> command : commands) {
      try {
        command.run(processor);
        processor.drain();
        final Signals own = processor.takeSignals();
        signals.jobTypes().addAll(own.jobTypes());
        signals.endedInstances().addAll(own.endedInstances());
      } catch (final CommandRejectedException e) {
        processor.discardWork();
        command.reject(e);
      } catch (final RuntimeException e) {
        LOG.error("Command failed; reloading the last durable state", e);
        command.outcome.complete(new Outcome<>(null, e, Signals.collect(), List.of()));
        return command;
      }
    }
    return null;
  }

  /** A queued command and, once its batch committed, its outcome. */
  private static final class Command<T> {
    private final Function<BpmnProcessor, T> function;
    private final CompletableFuture<Outcome<T>> outcome = new CompletableFuture<>();
    private T result;
    private RuntimeException rejection;

    Command(final Function<BpmnProcessor, T> function) {
      this.function = function;
    }

    void run(final BpmnProcessor processor) {
      result = function.apply(processor);
      rejection = null;
    }

    void reject(final CommandRejectedException e) {
      result = null;
      rejection = e;
    }

    void complete(final Signals signals, final List<AfterBatch> afterBatch) {
      outcome.complete(new Outcome<>(result, rejection, signals, afterBatch));
    }
  }

  private record Outcome<T>(
      T result, RuntimeException error, Signals signals, List<AfterBatch> afterBatch) {}

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
    closed = true;
    try {
      commandThread.join(10_000);
      if (commandThread.isAlive()) {
        LOG.warn("Engine commands still running after 10 s; closing the database anyway");
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Command<?> late;
    while ((late = queue.poll()) != null) {
      late.outcome.completeExceptionally(
          new IllegalStateException("Expected a running engine, but it was closed"));
    }
    lock.lock();
    try {
      store.close();
    } finally {
      lock.unlock();
    }
  }
}

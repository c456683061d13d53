package io.stressflow.workflows.sampling;

import io.stressflow.workflows.sampling.ModuleProbe.ModuleSilentException;
import io.stressflow.workflows.sampling.cmis.Cmis;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads and decodes the modules of a round on a few threads: a real probe waits on I2C or a host
 * board for each module, and the simulated fleet is CPU work, so a round of a thousand modules
 * should not read them one after another. Each module's read is timestamped when it is taken. A
 * module found powering up or down (CMIS ModulePwrUp/PwrDn) is read again, up to {@code
 * stressflow.modules.ready-retries} times {@code stressflow.modules.ready-retry-delay} apart,
 * before its read is judged.
 */
@Component
class ModuleReader implements DisposableBean {

  /** Below this many modules per thread a round is read on the caller's thread. */
  private static final int MIN_PER_THREAD = 64;

  private final ModuleProbe probe;
  private final Clock clock;
  private final int threads;
  private final int readyRetries;
  private final Duration readyRetryDelay;
  private final ExecutorService pool;

  ModuleReader(
      ModuleProbe probe,
      Clock clock,
      @Value("${stressflow.modules.read-threads:0}") int threads,
      @Value("${stressflow.modules.ready-retries:3}") int readyRetries,
      @Value("${stressflow.modules.ready-retry-delay:PT0.5S}") Duration readyRetryDelay) {
    this.probe = probe;
    this.clock = clock;
    this.readyRetries = Math.max(0, readyRetries);
    this.readyRetryDelay = readyRetryDelay;
    this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            this.threads,
            r -> {
              Thread t = new Thread(r, "module-read-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Reads modules and hands each read to {@code then} on the reading thread (judging is pure and
   * cheap, so it runs there too).
   *
   * @param serials the modules, in order.
   * @param then what to make of one read.
   * @param <T> the result of one read.
   * @return the results, in the order of {@code serials}.
   */
  <T> List<T> read(List<String> serials, Function<Read, T> then) {
    if (serials.size() < 2 * MIN_PER_THREAD) {
      return readAll(serials, then);
    }
    try {
      return readAsync(serials, then).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * Reads modules on the pool, split across its threads.
   *
   * @param serials the modules, in order.
   * @param then what to make of one read.
   * @param <T> the result of one read.
   * @return the results, in the order of {@code serials}, when all are read.
   */
  <T> CompletableFuture<List<T>> readAsync(List<String> serials, Function<Read, T> then) {
    int parts = Math.min(threads, Math.max(1, serials.size() / MIN_PER_THREAD));
    List<CompletableFuture<List<T>>> futures = new ArrayList<>();
    int size = Math.max(1, (serials.size() + parts - 1) / parts);
    for (int from = 0; from < serials.size(); from += size) {
      List<String> part = serials.subList(from, Math.min(serials.size(), from + size));
      futures.add(CompletableFuture.supplyAsync(() -> readAll(part, then), pool));
    }
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              List<T> all = new ArrayList<>(serials.size());
              futures.forEach(f -> all.addAll(f.join()));
              return all;
            });
  }

  private <T> List<T> readAll(List<String> serials, Function<Read, T> then) {
    List<T> out = new ArrayList<>(serials.size());
    for (String serial : serials) {
      Instant at = clock.instant();
      ModuleDiagnostics d = readOnce(serial);
      // a module powering up or down is in transit: give it a moment to reach a terminal state
      for (int retry = 0; retry < readyRetries && d != null && transient_(d); retry++) {
        pause();
        at = clock.instant();
        d = readOnce(serial);
      }
      out.add(then.apply(new Read(serial, at, d)));
    }
    return out;
  }

  private ModuleDiagnostics readOnce(String serial) {
    try {
      return Cmis.decode(probe.read(serial));
    } catch (ModuleSilentException e) {
      return null;
    }
  }

  private static boolean transient_(ModuleDiagnostics d) {
    return d.state() == ModuleState.POWERING_UP || d.state() == ModuleState.POWERING_DOWN;
  }

  private void pause() {
    if (readyRetryDelay.isZero() || readyRetryDelay.isNegative()) {
      return;
    }
    try {
      Thread.sleep(readyRetryDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void destroy() {
    pool.shutdownNow();
  }

  /**
   * One module read.
   *
   * @param serial the module.
   * @param at when it was read.
   * @param diagnostics what it said, or null if it did not answer.
   */
  record Read(String serial, Instant at, ModuleDiagnostics diagnostics) {}
}

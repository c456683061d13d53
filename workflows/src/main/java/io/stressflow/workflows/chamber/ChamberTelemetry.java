package io.stressflow.workflows.chamber;

import io.stressflow.chamber.Chamber;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.ChamberState;
import io.stressflow.workflows.time.TimeScale;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the chamber at the telemetry interval, stores the readings (every one while a profile runs
 * on the chamber, one per {@code stressflow.telemetry.idle-interval} otherwise), and tells waiters
 * when a reading satisfies their condition.
 *
 * <p>Job workers that wait for a setpoint to be reached register a condition here instead of
 * polling Modbus themselves, so waiting costs no reads beyond the telemetry interval. (A profile
 * run reads the chamber once per tick itself: its guaranteed-soak decisions need a reading of that
 * tick, not the last telemetry one.)
 */
public class ChamberTelemetry {

  private static final Logger log = LoggerFactory.getLogger(ChamberTelemetry.class);
  private static final Duration MIN_WALL_INTERVAL = Duration.ofMillis(100);

  private final String id;
  private final Chamber chamber;
  private final Duration telemetryInterval;
  private final TelemetryRepository repository;
  private final TimeScale timeScale;
  private final Clock clock;
  private final AtomicReference<ChamberState> latest = new AtomicReference<>();
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
  private final AtomicLong missedReads = new AtomicLong();
  private final List<java.util.function.Consumer<ChamberState>> listeners =
      new CopyOnWriteArrayList<>();
  private volatile ScheduledExecutorService executor;
  private volatile boolean lastReadFailed;
  private Instant lastStored;

  ChamberTelemetry(
      String id,
      Chamber chamber,
      Duration telemetryInterval,
      TelemetryRepository repository,
      TimeScale timeScale,
      Clock clock) {
    this.id = id;
    this.chamber = chamber;
    this.telemetryInterval = telemetryInterval;
    this.repository = repository;
    this.timeScale = timeScale;
    this.clock = clock;
  }

  /** The chamber's name. */
  public String chamberId() {
    return id;
  }

  /** The last reading, if any read has succeeded yet. */
  public Optional<ChamberState> latest() {
    return Optional.ofNullable(latest.get());
  }

  /** Whether the last read failed (the chamber does not answer now). */
  public boolean lastReadFailed() {
    return lastReadFailed;
  }

  /** Reads that failed (timeout, connection lost, rejected) since start. */
  public long missedReads() {
    return missedReads.get();
  }

  /**
   * Completes with the first reading, from now on, that satisfies {@code condition}.
   *
   * @param condition the condition on a reading.
   * @return a stage completed by the telemetry thread; cancel it to stop waiting.
   */
  public CompletionStage<ChamberState> await(Predicate<ChamberState> condition) {
    Waiter waiter = new Waiter(condition, new CompletableFuture<>());
    waiters.add(waiter);
    waiter.future().whenComplete((s, e) -> waiters.remove(waiter));
    return waiter.future();
  }

  /**
   * Calls {@code listener} with every reading, on the telemetry thread; keep it short.
   *
   * @param listener the listener.
   */
  public void addListener(java.util.function.Consumer<ChamberState> listener) {
    listeners.add(listener);
  }

  void poll() {
    try {
      pollOnce();
    } catch (RuntimeException e) {
      // never let an exception escape: the executor would silently cancel all further polls
      log.error("Telemetry of chamber '{}' failed", id, e);
    }
  }

  private void pollOnce() {
    ChamberState state;
    try {
      state = chamber.read();
    } catch (ChamberException e) {
      missedReads.incrementAndGet();
      if (!lastReadFailed) {
        // log the transition only: a chamber that is gone for an hour must not flood the log
        log.warn("Chamber '{}' did not answer: {}", id, e.getMessage());
      }
      lastReadFailed = true;
      return;
    }
    if (lastReadFailed) {
      log.info("Chamber '{}' answers again", id);
      lastReadFailed = false;
    }
    latest.set(state);
    Instant now = clock.instant();
    if (shouldStore(now)) {
      repository.insert(id, now, state);
      lastStored = now;
    }
    for (java.util.function.Consumer<ChamberState> listener : listeners) {
      listener.accept(state);
    }
    for (Waiter waiter : waiters) {
      if (waiter.condition().test(state)) {
        waiter.future().complete(state);
      }
    }
  }

  /**
   * Whether this reading is stored: always while a profile runs on the chamber, otherwise at most
   * once per {@code stressflow.telemetry.idle-interval} (an idle chamber at 1 Hz was 31.5 million
   * rows a year). Waiters and listeners see every reading either way.
   */
  private boolean shouldStore(Instant now) {
    Duration idle = repository.idleInterval();
    return lastStored == null
        || idle.isZero()
        || !now.isBefore(lastStored.plus(idle))
        || repository.profileActive(id);
  }

  /** The wall-clock poll period: the telemetry interval at the time scale, at least 100 ms. */
  Duration wallInterval() {
    Duration wall = timeScale.toWall(telemetryInterval);
    return wall.compareTo(MIN_WALL_INTERVAL) < 0 ? MIN_WALL_INTERVAL : wall;
  }

  /** Starts polling. */
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "telemetry-" + id);
              t.setDaemon(true);
              return t;
            });
    long period = wallInterval().toMillis();
    executor.scheduleAtFixedRate(this::poll, 0, period, TimeUnit.MILLISECONDS);
    log.info("Polling chamber '{}' every {} ms (wall), started {}", id, period, Instant.now(clock));
  }

  /** Stops polling; a poll under way finishes first. */
  public synchronized void stop() {
    ScheduledExecutorService e = executor;
    if (e != null) {
      // no interrupt while a poll is writing: an interrupted H2 file write closes the database file
      e.shutdown();
      try {
        if (!e.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
          e.shutdownNow();
        }
      } catch (InterruptedException ie) {
        e.shutdownNow();
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
    waiters.forEach(w -> w.future().cancel(false));
  }

  /** Whether it polls. */
  public boolean isRunning() {
    return executor != null;
  }

  private record Waiter(
      Predicate<ChamberState> condition, CompletableFuture<ChamberState> future) {}
}

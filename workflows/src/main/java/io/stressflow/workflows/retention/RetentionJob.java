package io.stressflow.workflows.retention;

import io.stressflow.workflows.system.ConfigurationProblem;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link TelemetryRetention} and {@link InSituRetention} every {@code
 * stressflow.retention.interval} (default 1 h), first one interval after start. The windows are
 * {@code stressflow.telemetry.retention} and {@code stressflow.sampling.in-situ-retention} (default
 * 30 days each); the settings are checked at start and a bad one stops the application with a
 * message naming it.
 */
@Component
public class RetentionJob implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  /** The shortest window: a minute (or day) must be over before it is summarised. */
  static final Duration MIN_WINDOW = Duration.ofHours(1);

  private final TelemetryRetention telemetry;
  private final InSituRetention inSitu;
  private final Clock clock;
  private final Duration telemetryWindow;
  private final Duration inSituWindow;
  private final Duration interval;
  private ScheduledExecutorService executor;
  private volatile boolean running;

  RetentionJob(
      TelemetryRetention telemetry,
      InSituRetention inSitu,
      Clock clock,
      @Value("${stressflow.telemetry.retention:30d}") Duration telemetryWindow,
      @Value("${stressflow.sampling.in-situ-retention:30d}") Duration inSituWindow,
      @Value("${stressflow.retention.interval:1h}") Duration interval) {
    this.telemetry = telemetry;
    this.inSitu = inSitu;
    this.clock = clock;
    this.telemetryWindow = requireAtLeast("stressflow.telemetry.retention", telemetryWindow);
    this.inSituWindow = requireAtLeast("stressflow.sampling.in-situ-retention", inSituWindow);
    if (interval.isNegative()) {
      throw new ConfigurationProblem(
          "stressflow.retention.interval",
          "expected 0 (off) or a positive interval, but was " + interval,
          "Set stressflow.retention.interval to a duration such as 1h, or 0s to turn retention off.",
          null);
    }
    this.interval = interval;
  }

  private static Duration requireAtLeast(String property, Duration window) {
    if (window.compareTo(MIN_WINDOW) < 0) {
      throw new ConfigurationProblem(
          property,
          "expected a window of at least %s, but was %s".formatted(MIN_WINDOW, window),
          "Set %s to a duration of at least 1h, such as 30d (the default).".formatted(property),
          null);
    }
    return window;
  }

  /** One retention pass over telemetry and in-situ samples; never throws. */
  public void runOnce() {
    try {
      long started = System.nanoTime();
      long rows = telemetry.run(clock.instant(), telemetryWindow);
      long samples = inSitu.run(clock.instant(), inSituWindow);
      if (rows + samples > 0) {
        log.info(
            "Retention: {} telemetry rows folded into minutes, {} in-situ samples into days,"
                + " in {} ms",
            rows,
            samples,
            (System.nanoTime() - started) / 1_000_000);
      }
    } catch (RuntimeException e) {
      // never let an exception escape: the executor would silently cancel all further runs
      log.error("Retention failed; retried in {}", interval, e);
    }
  }

  @Override
  public void start() {
    running = true;
    if (interval.isZero()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "retention");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    running = false;
    ScheduledExecutorService e = executor;
    if (e != null) {
      executor = null;
      e.shutdown();
      try {
        // no interrupt while it writes: an interrupted H2 file write closes the database
        if (!e.awaitTermination(30, TimeUnit.SECONDS)) {
          e.shutdownNow();
        }
      } catch (InterruptedException ie) {
        e.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}

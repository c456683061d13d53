package io.stressflow.workflows.sampling;

import io.stressflow.workflows.profile.ProfileRunner;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Measures the modules when a run reports a read point reached (after its recovery, or in situ),
 * off the profile's tick thread (not a read point measured as a lab task: lab staff test those
 * modules on the lab's station and record it through the campaign's task), then tells the run it
 * may go back to stress. A round that fails (the database briefly gone) is tried again with
 * back-off; a round is taken once per label, so a repeated request (a restart, the workflow's own
 * sampling job) reads nothing twice.
 *
 * <p>Read points are measured in the order they were reached: a request measures every earlier read
 * point of its leg still unmeasured first. A crash between the tick that reached a read point and
 * its sampling loses the request, so at start-up, and after each pass of the outbox relay, the
 * sampler looks for read points reached and not measured (of runs still running or paused) and
 * measures them, in order.
 */
@Component
class ReadPointSampler {

  private static final Logger log = LoggerFactory.getLogger(ReadPointSampler.class);
  private static final long MAX_BACKOFF_MS = 60_000;

  private final SamplingService sampling;
  private final ProfileRunner runner;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "read-point-sampler");
            t.setDaemon(true);
            return t;
          });

  private final java.util.concurrent.atomic.AtomicBoolean sweepQueued =
      new java.util.concurrent.atomic.AtomicBoolean();

  ReadPointSampler(
      SamplingService sampling,
      ProfileRunner runner,
      io.stressflow.workflows.outbox.Outbox outbox) {
    this.sampling = sampling;
    this.runner = runner;
    outbox.afterEachPass(this::sweepSoon);
  }

  /** At start-up: read points a crash left reached and unmeasured are measured, in order. */
  @EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void resume() {
    sweepSoon();
  }

  /** Queues one sweep (not more while one waits). */
  void sweepSoon() {
    if (!executor.isShutdown() && sweepQueued.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              sweepQueued.set(false);
              sweep();
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        sweepQueued.set(false);
      }
    }
  }

  private void sweep() {
    java.util.Set<String> failedLegs = new java.util.HashSet<>();
    for (ProfileRunner.ReadPointReached p : runner.unmeasuredReadPoints(null, null)) {
      String leg = p.campaignId() + "/" + p.legId();
      if (failedLegs.contains(leg)) {
        continue; // a later read point of a leg waits for the earlier one
      }
      log.info("Read point {} of {} reached but not measured: measuring it now", p.label(), leg);
      try {
        measure(p);
      } catch (RuntimeException ex) {
        failedLegs.add(leg);
        log.warn("Read point {} of {} not measured: {}", p.label(), leg, ex.getMessage());
      }
    }
  }

  private void measure(ProfileRunner.ReadPointReached e) {
    Round round = sampling.readPoint(e.campaignId(), e.legId(), e.label(), e.hours(), e.cycles());
    runner.readPointMeasured(e.campaignId(), e.legId(), e.label(), round.read(), round.failed());
  }

  @EventListener
  void on(ProfileRunner.ReadPointReached event) {
    if (event.labTask()) {
      // lab staff take the modules to the lab's station and record it in the campaign's task
      return;
    }
    executor.execute(() -> take(event, 0));
  }

  private void take(ProfileRunner.ReadPointReached e, int attempt) {
    try {
      // the leg's earlier read points still unmeasured first: read points in the order reached
      for (ProfileRunner.ReadPointReached earlier :
          runner.unmeasuredReadPoints(e.campaignId(), e.legId())) {
        if (earlier.label().equals(e.label())) {
          break;
        }
        measure(earlier);
      }
      measure(e);
    } catch (RuntimeException ex) {
      long backoff = Math.min(MAX_BACKOFF_MS, 1000L << Math.min(attempt, 6));
      log.warn(
          "Read point {} of {}/{} not measured (attempt {}), trying again in {} ms: {}",
          e.label(),
          e.campaignId(),
          e.legId(),
          attempt + 1,
          backoff,
          ex.getMessage());
      if (!executor.isShutdown()) {
        executor.schedule(() -> take(e, attempt + 1), backoff, TimeUnit.MILLISECONDS);
      }
    }
  }

  @PreDestroy
  void stop() {
    // a round under way finishes its chunk: an interrupted H2 file write closes the database file
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}

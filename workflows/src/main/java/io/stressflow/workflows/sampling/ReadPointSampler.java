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

  ReadPointSampler(SamplingService sampling, ProfileRunner runner) {
    this.sampling = sampling;
    this.runner = runner;
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
      SamplingService.Round round =
          sampling.readPoint(e.campaignId(), e.legId(), e.label(), e.hours(), e.cycles());
      runner.readPointMeasured(e.campaignId(), e.legId(), e.label(), round.read(), round.failed());
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

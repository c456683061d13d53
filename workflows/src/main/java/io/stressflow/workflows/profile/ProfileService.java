package io.stressflow.workflows.profile;

import io.stressflow.chamber.Chamber;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.Setpoint;
import io.stressflow.workflows.campaign.CampaignLog;
import io.stressflow.workflows.chamber.ChamberTelemetry;
import io.stressflow.workflows.chamber.TelemetryRepository;
import io.stressflow.workflows.chamber.TelemetryRepository.Sample;
import io.stressflow.workflows.time.TimeScale;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Runs profile segments on the chamber: write a setpoint and wait until the chamber has reached it,
 * or hold for a soak time. The public API of the profile feature; job workers call it.
 *
 * <p>Waiting never blocks a thread: reaching a setpoint is a condition registered with {@link
 * ChamberTelemetry}, and a soak is a scheduled completion at the time scale.
 */
@Service
public class ProfileService implements DisposableBean {

  private final Chamber chamber;
  private final ChamberTelemetry telemetry;
  private final TelemetryRepository history;
  private final CampaignLog campaignLog;
  private final TimeScale timeScale;
  private final Clock clock;
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "profile-timers");
            t.setDaemon(true);
            return t;
          });

  ProfileService(
      Chamber chamber,
      ChamberTelemetry telemetry,
      TelemetryRepository history,
      CampaignLog campaignLog,
      TimeScale timeScale,
      Clock clock) {
    this.chamber = chamber;
    this.telemetry = telemetry;
    this.history = history;
    this.campaignLog = campaignLog;
    this.timeScale = timeScale;
    this.clock = clock;
  }

  /**
   * Writes a temperature setpoint and completes when the chamber air is within {@code tolerance} of
   * it.
   *
   * @param campaignId the campaign this segment belongs to (for its logbook).
   * @param setpoint the setpoint to write.
   * @param tolerance how close the air temperature must come, K, &gt; 0.
   * @return the first reading inside the band; fails with {@link ChamberException} if the setpoint
   *     cannot be written.
   */
  public CompletionStage<SetpointReached> rampTo(
      String campaignId, Setpoint setpoint, double tolerance) {
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("Expected tolerance > 0 K, but was " + tolerance);
    }
    Instant start = clock.instant();
    double from = telemetry.latest().map(ChamberState::airTemperature).orElse(Double.NaN);
    try {
      ChamberControl.writeAndRun(chamber, setpoint, null);
    } catch (ChamberException e) {
      return CompletableFuture.failedFuture(e);
    }
    double target = setpoint.temperature();
    campaignLog.record(
        campaignId,
        "SETPOINT_WRITTEN",
        "setpoint %.1f °C written to chamber '%s' (air %.1f °C)"
            .formatted(target, telemetry.chamberId(), from));
    return telemetry
        .await(s -> Math.abs(s.airTemperature() - target) <= tolerance)
        .thenApply(
            s -> {
              Duration took = timeScale.toSimulated(Duration.between(start, clock.instant()));
              campaignLog.record(
                  campaignId,
                  "SETPOINT_REACHED",
                  "air %.1f °C reached %.1f ± %.1f °C after %s (profile time)"
                      .formatted(s.airTemperature(), target, tolerance, minutes(took)));
              return new SetpointReached(target, s.airTemperature(), took);
            });
  }

  /**
   * Holds the current setpoint for a soak time (profile time, scaled to the wall clock), then
   * reports the band the air temperature stayed in.
   *
   * @param campaignId the campaign this segment belongs to.
   * @param duration the soak time in profile time, &gt; 0.
   * @return the soak's result.
   */
  public CompletionStage<SoakCompleted> soak(String campaignId, Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("Expected a soak duration > 0, but was " + duration);
    }
    Instant start = clock.instant();
    campaignLog.record(
        campaignId,
        "SOAK_STARTED",
        "soak for %s (profile time) in chamber '%s'"
            .formatted(minutes(duration), telemetry.chamberId()));
    CompletableFuture<SoakCompleted> done = new CompletableFuture<>();
    timers.schedule(
        () -> {
          try {
            List<Sample> samples = history.history(telemetry.chamberId(), start, clock.instant());
            DoubleSummaryStatistics air =
                samples.stream().mapToDouble(Sample::airTemperature).summaryStatistics();
            SoakCompleted result =
                new SoakCompleted(duration, samples.size(), air.getMin(), air.getMax());
            campaignLog.record(
                campaignId,
                "SOAK_COMPLETED",
                "soak of %s done: air stayed within %.1f…%.1f °C over %d readings"
                    .formatted(minutes(duration), air.getMin(), air.getMax(), samples.size()));
            done.complete(result);
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        },
        timeScale.toWall(duration).toMillis(),
        TimeUnit.MILLISECONDS);
    return done;
  }

  private static String minutes(Duration d) {
    return "%.1f min".formatted(d.toMillis() / 60000.0);
  }

  @Override
  public void destroy() {
    timers.shutdownNow();
  }

  /**
   * A setpoint was reached.
   *
   * @param target the setpoint, degC.
   * @param airTemperature the air temperature of the first reading inside the band, degC.
   * @param took how long it took, profile time.
   */
  public record SetpointReached(double target, double airTemperature, Duration took) {}

  /**
   * A soak ended.
   *
   * @param duration the soak time, profile time.
   * @param readings how many telemetry readings fell into it.
   * @param minAir the lowest air temperature read, degC.
   * @param maxAir the highest air temperature read, degC.
   */
  public record SoakCompleted(Duration duration, int readings, double minAir, double maxAir) {}
}

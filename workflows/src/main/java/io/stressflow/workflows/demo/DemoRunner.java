package io.stressflow.workflows.demo;

import io.stressflow.chamber.ChamberState;
import io.stressflow.workflows.campaign.Campaign;
import io.stressflow.workflows.campaign.CampaignEvent;
import io.stressflow.workflows.campaign.CampaignService;
import io.stressflow.workflows.chamber.ChamberTelemetry;
import io.stressflow.workflows.chamber.TelemetryRepository;
import io.stressflow.workflows.chamber.TelemetryRepository.Sample;
import io.stressflow.workflows.time.TimeScale;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code ./stressflow demo}: runs one campaign (ramp to 40 °C, soak, back to 23 °C) against the
 * simulated chamber at the demo's time scale, prints what happens as it happens, and returns.
 */
@Component
@Profile("demo")
class DemoRunner implements ApplicationRunner {

  private final CampaignService campaigns;
  private final ChamberTelemetry telemetry;
  private final TelemetryRepository history;
  private final TimeScale timeScale;
  private final Clock clock;
  private final Duration timeout;
  private final PrintStream out = System.out;
  private volatile Instant start;
  private volatile String campaignId;

  DemoRunner(
      CampaignService campaigns,
      ChamberTelemetry telemetry,
      TelemetryRepository history,
      TimeScale timeScale,
      Clock clock,
      @Value("${stressflow.demo.timeout:5m}") Duration timeout) {
    this.campaigns = campaigns;
    this.telemetry = telemetry;
    this.history = history;
    this.timeScale = timeScale;
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    out.printf(
        "Stressflow demo: one campaign on simulated chamber '%s' at time scale %.0fx%n"
            + "(1 s on the wall clock is %.0f s of profile time)%n%n",
        telemetry.chamberId(), timeScale.factor(), timeScale.factor());
    start = clock.instant();
    Campaign campaign = campaigns.launch(Map.of());
    campaignId = campaign.id();
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
    progress.scheduleAtFixedRate(this::printProgress, 2, 2, TimeUnit.SECONDS);
    Campaign ended;
    try {
      ended = campaigns.awaitEnd(campaign.id(), timeout);
    } finally {
      progress.shutdownNow();
    }
    printSummary(ended);
    if (!"COMPLETED".equals(ended.state())) {
      throw new IllegalStateException("Campaign " + ended.id() + " ended " + ended.state());
    }
  }

  @EventListener
  void on(CampaignEvent event) {
    if (start != null) {
      out.printf("%s  %-17s %s%n", stamp(event.at()), event.kind(), event.message());
    }
  }

  private void printProgress() {
    telemetry
        .latest()
        .ifPresent(
            (ChamberState s) ->
                out.printf(
                    "%s  %-17s air %.1f °C, setpoint %.1f °C, load %s%n",
                    stamp(clock.instant()),
                    "chamber",
                    s.airTemperature(),
                    s.airSetpoint(),
                    s.loadTemperature() == null
                        ? "n/a"
                        : "%.1f °C".formatted(s.loadTemperature())));
  }

  private void printSummary(Campaign c) {
    List<Sample> samples = history.history(telemetry.chamberId(), start, clock.instant());
    DoubleSummaryStatistics air =
        samples.stream().mapToDouble(Sample::airTemperature).summaryStatistics();
    Duration wall = Duration.between(start, clock.instant());
    out.printf(
        "%nCampaign %s %s in %.1f s wall clock (%s of profile time).%n"
            + "Chamber air ranged %.1f…%.1f °C over %d telemetry readings.%n%n"
            + "Where to look next:%n"
            + "  - the logbook and telemetry are in the H2 database under ./data (stressflow.mv.db:"
            + " tables campaign, campaign_event, chamber_sample)%n"
            + "  - ./stressflow run starts the service: REST API on http://localhost:8080/api/campaigns%n"
            + "  - README.md explains how to point Stressflow at a Camunda 8 cluster and real"
            + " chambers%n",
        c.id(),
        c.state(),
        wall.toMillis() / 1000.0,
        hms(timeScale.toSimulated(wall)),
        air.getMin(),
        air.getMax(),
        samples.size());
  }

  private String stamp(Instant at) {
    Duration wall = Duration.between(start, at);
    return "[wall %5.1f s | profile %s]"
        .formatted(wall.toMillis() / 1000.0, hms(timeScale.toSimulated(wall)));
  }

  private static String hms(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return "%d:%02d:%02d".formatted(s / 3600, (s % 3600) / 60, s % 60);
  }
}

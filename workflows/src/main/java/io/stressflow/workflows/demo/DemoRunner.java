package io.stressflow.workflows.demo;

import io.stressflow.workflows.campaign.Campaign;
import io.stressflow.workflows.campaign.CampaignLauncher;
import io.stressflow.workflows.campaign.CampaignReports;
import io.stressflow.workflows.campaign.CampaignService;
import io.stressflow.workflows.campaign.CampaignView;
import io.stressflow.workflows.chamber.Lab;
import io.stressflow.workflows.logbook.CampaignEvent;
import io.stressflow.workflows.security.UserStore;
import io.stressflow.workflows.task.TaskService;
import io.stressflow.workflows.time.TimeScale;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.stereotype.Component;

/**
 * {@code ./stressflow demo}: one campaign end to end on the embedded defaults — temperature cycling
 * then damp heat on a simulated chamber and module fleet, with a seeded bad module that fails at a
 * read point, is verified and confirmed in failure analysis, and fails the campaign. Lab staff and
 * analysts are played by {@link DemoLab} through the same task API people use. It prints the
 * logbook and progress as they happen, then the verdict and where to look next.
 */
@Component
@Profile("demo")
class DemoRunner implements ApplicationRunner {

  private static final Set<String> QUIET = Set.of("CYCLE_COMPLETED", "SOAK_COMPLETED");

  private final CampaignService campaigns;
  private final CampaignLauncher launcher;
  private final CampaignReports reports;
  private final TaskService tasks;
  private final UserStore users;
  private final AuthenticationManager login;
  private final Lab chambers;
  private final TimeScale timeScale;
  private final Clock clock;
  private final Duration timeout;
  private final String planResource;
  private final Path dataDir;
  private final PrintStream out = System.out;
  private volatile Instant start;
  private volatile String campaignId;

  DemoRunner(
      CampaignService campaigns,
      CampaignLauncher launcher,
      CampaignReports reports,
      TaskService tasks,
      UserStore users,
      AuthenticationManager localAuthenticationManager,
      Lab chambers,
      TimeScale timeScale,
      Clock clock,
      @Value("${stressflow.demo.timeout:5m}") Duration timeout,
      @Value("${stressflow.demo.plan:demo/campaign.yaml}") String planResource,
      @Value("${stressflow.data-dir}") Path dataDir) {
    this.campaigns = campaigns;
    this.launcher = launcher;
    this.reports = reports;
    this.tasks = tasks;
    this.users = users;
    this.login = localAuthenticationManager;
    this.chambers = chambers;
    this.timeScale = timeScale;
    this.clock = clock;
    this.timeout = timeout;
    this.planResource = planResource;
    this.dataDir = dataDir;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    out.printf(
        "Stressflow demo: one qualification campaign in a lab of simulated chambers %s at time"
            + " scale %.0fx%n(1 s on the wall clock is %s of profile time). Plan: %s%n%n",
        chambers.ids(),
        timeScale.factor(),
        hms(timeScale.toSimulated(Duration.ofSeconds(1))),
        planResource);
    start = clock.instant();
    // the lab's people log in; lab.tech launches the campaign
    DemoLab lab = new DemoLab(tasks, users, login, s -> print(clock.instant(), "lab", s));
    String plan = plan();
    Campaign campaign = lab.as("lab.tech", () -> launcher.launch(plan));
    campaignId = campaign.id();
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextProgress = 0;
    while (!campaigns.refresh(campaignId).ended()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "The demo campaign " + campaignId + " did not end within " + timeout);
      }
      lab.work(campaignId);
      if (System.nanoTime() > nextProgress) {
        printProgress(campaigns.view(campaignId));
        nextProgress = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      }
      Thread.sleep(250);
    }
    printSummary(campaigns.view(campaignId));
  }

  private String plan() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(planResource)) {
      if (in == null) {
        throw new IOException("stressflow.demo.plan: no resource '" + planResource + "'");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @EventListener
  void on(CampaignEvent event) {
    if (start != null && !QUIET.contains(event.kind())) {
      print(
          event.at(),
          event.kind(),
          "system".equals(event.actor())
              ? event.message()
              : event.actor() + ": " + event.message());
    }
  }

  private void printProgress(CampaignView v) {
    List<String> current =
        v.currentLeg() == null ? List.of() : List.of(v.currentLeg().split(",\\s*"));
    // the legs of a wave run at once, each in its chamber: one part per leg under way
    List<String> legs =
        v.legs().stream()
            .filter(l -> current.contains(l.id()))
            .map(
                l ->
                    "leg %s %.0f%% (%d cycles, %.1f h at condition) in %s"
                        .formatted(
                            l.id(),
                            l.progressPercent(),
                            l.cyclesDone(),
                            l.hoursDone(),
                            chamberReading(l.chamber())))
            .toList();
    print(
        clock.instant(),
        "progress",
        "%.0f%% done, ETA %s; %s; %d failure(s)%s"
            .formatted(
                v.progressPercent(),
                v.eta() == null ? "-" : "+" + hms(Duration.between(clock.instant(), v.eta())),
                legs.isEmpty() ? "no leg under stress" : String.join("; ", legs),
                v.failures().size(),
                v.openTasks().isEmpty() ? "" : "; waiting for " + v.openTasks()));
  }

  /** {@code chamber-1 air 85.0 °C, 85 %RH}, or the chamber's id when it has no reading yet. */
  private String chamberReading(String chamberId) {
    if (chamberId == null || !chambers.has(chamberId)) {
      return "chamber n/a";
    }
    return chambers
        .telemetry(chamberId)
        .latest()
        .map(
            s ->
                "%s air %.1f °C%s"
                    .formatted(
                        chamberId,
                        s.airTemperature(),
                        s.humidity() == null ? "" : ", %.0f %%RH".formatted(s.humidity())))
        .orElse(chamberId);
  }

  private void printSummary(CampaignView v) throws IOException {
    Campaign c = v.campaign();
    Duration wall = Duration.between(start, clock.instant());
    out.printf(
        "%nCampaign %s %s in %.1f s wall clock: verdict %s (%s).%n",
        c.id(), c.state(), wall.toMillis() / 1000.0, c.verdict(), c.outcome());
    for (CampaignView.LegView l : v.legs()) {
      out.printf(
          "  leg %-3s %-9s in %-10s %6.1f h, %3d cycles, %d modules, read points %s%n",
          l.id(),
          l.state(),
          l.chamber() == null ? "-" : l.chamber(),
          l.hoursDone(),
          l.cyclesDone(),
          l.samples(),
          l.readPoints().stream().map(CampaignView.ReadPointView::label).toList());
    }
    out.printf("  read points, measured after recovery (not credited to stress):%n");
    for (CampaignView.ReadPointView p : campaigns.readPoints(c.id())) {
      out.printf(
          "    %-3s %-9s load %s °C, air %s °C, %s, after %s h of recovery; %s modules read%s%n",
          p.leg(),
          p.label(),
          p.loadTemperature() == null ? "-" : "%.1f".formatted(p.loadTemperature()),
          p.airTemperature() == null ? "-" : "%.1f".formatted(p.airTemperature()),
          p.humidity() == null ? "humidity n/a" : "%.0f %%RH".formatted(p.humidity()),
          p.recoveryHours() == null ? "-" : "%.1f".formatted(p.recoveryHours()),
          p.modulesRead() == null ? "-" : p.modulesRead().toString(),
          p.failed() == null ? "" : ", failed " + p.failed());
    }
    for (CampaignView.FailureView f : v.failures()) {
      out.printf(
          "  FAILED %s in leg %s: %s; lanes %s; credited %.1f h to read point %s; analysis %s%n",
          f.serial(),
          f.leg(),
          f.criteria(),
          f.lanes(),
          f.creditedHours(),
          f.lastGoodReadPoint(),
          f.analysisOutcome());
    }
    out.printf("%nWhere to look next (the demo's service has exited):%n");
    Path report = writeReport(c.id());
    if (report != null) {
      out.printf(
          "  - the campaign's report: %s (and as PDF: %s)%n",
          report, report.resolveSibling(report.getFileName().toString().replace(".md", ".pdf")));
    }
    out.printf(
        "  - serve the demo's data (REST API, OpenAPI on http://localhost:8080/swagger-ui.html):%n"
            + "      ./stressflow run --stressflow.data-dir=%s%n"
            + "    then: ./stressflow cli campaign show %s (./stressflow cli --help for more);"
            + " a plain ./stressflow run uses ./data, and the next demo starts %s afresh%n"
            + "  - bpmn/ holds the process models (open them in Camunda Modeler); README.md explains"
            + " how to point Stressflow at a Camunda 8 cluster (Operate, Tasklist) and real"
            + " chambers%n",
        dataDir, c.id(), dataDir);
    if (!"COMPLETED".equals(c.state())) {
      throw new IllegalStateException("Campaign " + c.id() + " ended " + c.state());
    }
  }

  /**
   * Writes the campaign's report into the demo's data folder, where it outlives the demo: the
   * Markdown and the PDF that {@code GET /api/campaigns/{id}/report} serves (with its plots,
   * signatures and who did what).
   *
   * @return the Markdown file, or null if the campaign has no report.
   */
  private Path writeReport(String id) throws IOException {
    if (campaigns.report(id).isEmpty()) {
      return null;
    }
    Path file = dataDir.resolve("report-" + id + ".md");
    Files.writeString(file, reports.markdown(id), StandardCharsets.UTF_8);
    Files.write(dataDir.resolve("report-" + id + ".pdf"), reports.pdf(id));
    return file.toAbsolutePath().normalize();
  }

  private void print(Instant at, String kind, String message) {
    out.printf("%s  %-18s %s%n", stamp(at), kind, message);
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

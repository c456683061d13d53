package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code campaign …}: start, list, show, watch, pause, resume, abort, report. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = StressflowCli.Version.class,
    name = "campaign",
    description = "Start a campaign from a plan, follow it, pause, resume or abort it.",
    subcommands = {
      CampaignCommand.Start.class,
      CampaignCommand.ListCampaigns.class,
      CampaignCommand.Show.class,
      CampaignCommand.Watch.class,
      CampaignCommand.Pause.class,
      CampaignCommand.Resume.class,
      CampaignCommand.Abort.class,
      CampaignCommand.Report.class,
      CampaignCommand.Export.class,
      CampaignCommand.ReadPoints.class,
      CampaignCommand.Retry.class
    })
class CampaignCommand {

  static String path(String id) {
    return "/api/campaigns/" + Api.segment(id);
  }

  static CampaignWatch watcher(ApiCommand command, Api api) {
    return new CampaignWatch(
        api, command.out(), command.interactive(), Clock.system(ZoneId.systemDefault()));
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "start",
      description = {
        "Launch a campaign from a plan file (YAML). The plan is validated first: a plan with"
            + " problems is not launched, and every problem is printed with its field path (exit 2)."
            + " A module on test in another active campaign is a conflict (exit 3)."
      })
  static class Start extends ApiCommand {
    @Parameters(paramLabel = "<plan.yaml>", description = "The campaign plan.")
    Path plan;

    @Option(names = "--watch", description = "Then follow it until it ends (as campaign watch).")
    boolean watch;

    @Option(
        names = "--interval",
        defaultValue = "2s",
        converter = PollIntervalConverter.class,
        description = "With --watch: time between polls, at least 1s (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Override
    int run(Api api) throws InterruptedException {
      String yaml;
      try {
        yaml = Files.readString(plan);
      } catch (IOException e) {
        err().println("Cannot read the plan " + plan + ": " + e);
        return INVALID;
      }
      JsonNode view = api.postYaml("/api/campaigns", yaml);
      JsonNode campaign = view.path("campaign");
      String id = campaign.path("id").asText();
      out().printf("Launched campaign %s: %s%n", id, campaign.path("title").asText());
      for (JsonNode leg : view.path("legs")) {
        out().printf("  leg %s%n", legSummary(leg));
      }
      if (!watch) {
        out().printf("Follow it: ./stressflow cli campaign watch %s%n", id);
        return OK;
      }
      out().flush();
      return watcher(this, api).watch(id, interval);
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "list",
      description = "All campaigns, newest first.")
  static class ListCampaigns extends ApiCommand {
    @Override
    int run(Api api) throws InterruptedException {
      Table table = new Table("ID", "TITLE", "STATE", "VERDICT", "CHAMBER", "STARTED");
      for (JsonNode c : api.get("/api/campaigns")) {
        table.row(
            c.path("id").asText(),
            Formats.orDash(c.path("title")),
            Formats.orDash(c.path("state")),
            Formats.orDash(c.path("verdict")),
            Formats.orDash(c.path("chamber")),
            Formats.dateTime(c.path("startedAt"), ZoneId.systemDefault()));
      }
      if (table.isEmpty()) {
        out().println("No campaigns yet.");
      } else {
        table.print(out());
      }
      return OK;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "show",
      description = "Where a campaign stands: legs, read points, failures, open tasks, verdict.")
  static class Show extends ApiCommand {
    @Parameters(paramLabel = "<id>", description = "The campaign id, e.g. C-20261125-1a2b3c.")
    String id;

    @Override
    int run(Api api) throws InterruptedException {
      JsonNode view = api.get(path(id));
      ZoneId zone = ZoneId.systemDefault();
      JsonNode c = view.path("campaign");
      out().printf("Campaign %s: %s%n", c.path("id").asText(), c.path("title").asText());
      out()
          .printf(
              "  state %s, verdict %s%s%n",
              c.path("state").asText(),
              c.path("verdict").asText(),
              c.hasNonNull("outcome") ? ", outcome " + c.get("outcome").asText() : "");
      out()
          .printf(
              "  product %s, lots %s, chamber %s%n",
              Formats.orDash(c.path("product")),
              Formats.orDash(c.path("lots")),
              Formats.orDash(c.path("chamber")));
      out()
          .printf(
              "  started %s, ended %s%n",
              Formats.dateTime(c.path("startedAt"), zone),
              Formats.dateTime(c.path("endedAt"), zone));
      out().println("  " + Formats.progressLine(view, java.time.Instant.now(), zone));
      out().println("Legs:");
      for (JsonNode leg : view.path("legs")) {
        out()
            .printf(
                "  %s  %s  %s%% (%s h at condition%s)%n",
                legSummary(leg),
                leg.path("state").asText(),
                Formats.number(leg.path("progressPercent").asDouble()),
                Formats.number(leg.path("hoursDone").asDouble()),
                leg.path("cycles").asLong() > 0
                    ? ", " + leg.path("cyclesDone").asLong() + " cycles"
                    : "");
        for (JsonNode rp : leg.path("readPoints")) {
          out().println("    " + readPointLine(rp, zone));
        }
      }
      JsonNode failures = view.path("failures");
      out().println(failures.isEmpty() ? "Failures: none" : "Failures:");
      for (JsonNode f : failures) {
        out()
            .printf(
                "  %s in leg %s: %s (lanes %s), credited %s h to %s, analysis %s%n",
                f.path("serial").asText(),
                f.path("leg").asText(),
                Formats.orDash(f.path("criteria")),
                Formats.orDash(f.path("lanes")),
                Formats.number(f.path("creditedHours").asDouble()),
                Formats.orDash(f.path("lastGoodReadPoint")),
                f.hasNonNull("analysisOutcome")
                    ? f.get("analysisOutcome").asText()
                    : f.hasNonNull("analysisInstanceKey") ? "open" : "not started");
      }
      JsonNode incidents = view.path("incidents");
      if (!incidents.isEmpty()) {
        out()
            .println(
                "Open incidents (fix the cause, then: ./stressflow cli campaign retry "
                    + id
                    + " <incident>):");
        for (JsonNode i : incidents) {
          out()
              .printf(
                  "  %s at %s: %s (%s)%n",
                  i.path("key").asText(),
                  i.path("elementId").asText(),
                  i.path("message").asText(),
                  i.path("errorType").asText());
        }
      }
      if (view.path("waitingForChamber").isTextual()) {
        out().println("Waiting for " + view.path("waitingForChamber").asText());
      }
      JsonNode tasks = view.path("openTasks");
      if (tasks.isEmpty()) {
        out().println("Open tasks: none");
      } else {
        out().println("Open tasks (./stressflow cli tasks --campaign " + id + "):");
        tasks.forEach(t -> out().println("  " + t.asText()));
      }
      return OK;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "watch",
      description = {
        "Follow a campaign live until it ends: a progress line (%%, ETA, current leg, cycles and"
            + " hours, failures, waiting tasks) and the logbook's events as they arrive.",
        "Exits 0 if the verdict is PASS, 1 if FAIL or ABORTED."
      })
  static class Watch extends ApiCommand {
    @Parameters(paramLabel = "<id>", description = "The campaign id.")
    String id;

    @Option(
        names = "--interval",
        defaultValue = "2s",
        converter = PollIntervalConverter.class,
        description = "Time between polls, at least 1s, e.g. 2s, 1m (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Override
    int run(Api api) throws InterruptedException {
      return watcher(this, api).watch(id, interval);
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "pause",
      description = "Pause the leg under stress: the chamber holds, nothing is credited.")
  static class Pause extends ApiCommand {
    @Parameters(paramLabel = "<id>", description = "The campaign id.")
    String id;

    @Override
    int run(Api api) throws InterruptedException {
      JsonNode view = api.postJson(path(id) + "/pause", null);
      out().printf("Paused %s: leg %s%n", id, Formats.orDash(view.path("currentLeg")));
      return OK;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "resume",
      description = "Resume the paused leg.")
  static class Resume extends ApiCommand {
    @Parameters(paramLabel = "<id>", description = "The campaign id.")
    String id;

    @Override
    int run(Api api) throws InterruptedException {
      JsonNode view = api.postJson(path(id) + "/resume", null);
      out().printf("Resumed %s: leg %s%n", id, Formats.orDash(view.path("currentLeg")));
      return OK;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "abort",
      description =
          "Abort a campaign: the workflow stops the profile, puts the chamber in its safe state"
              + " and ends with verdict ABORTED.")
  static class Abort extends ApiCommand {
    @Parameters(paramLabel = "<id>", description = "The campaign id.")
    String id;

    @Option(names = "--reason", required = true, description = "Why, for the logbook.")
    String reason;

    @Override
    int run(Api api) throws InterruptedException {
      api.postJson(path(id) + "/abort", Map.of("reason", reason));
      out()
          .printf(
              "Abort requested for %s; follow it with: ./stressflow cli campaign watch %s%n",
              id, id);
      return OK;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "report",
      description =
          "The campaign's report, once generated: Markdown (default), HTML or PDF (-o needed).")
  static class Report extends ApiCommand {
    @Parameters(paramLabel = "<id>", description = "The campaign id.")
    String id;

    @Option(
        names = "--format",
        defaultValue = "md",
        description = "md, html or pdf (default ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "<file>",
        description = "Write it to this file instead of the terminal.")
    Path output;

    @Override
    int run(Api api) throws InterruptedException {
      if (!List.of("md", "html", "pdf").contains(format)) {
        err().println("--format: must be one of md, html, pdf, but was '" + format + "'");
        return INVALID;
      }
      if (format.equals("pdf") && output == null) {
        err().println("--format pdf: give a file with -o (a PDF is not text for the terminal)");
        return INVALID;
      }
      String accept =
          switch (format) {
            case "pdf" -> "application/pdf";
            case "html" -> "text/html";
            default -> "text/markdown";
          };
      byte[] body = api.getBytes(path(id) + "/report?format=" + format, accept);
      return write(this, body, output);
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "export",
      description =
          "The campaign's data for analysis: JSON (everything) or CSV (one data set: modules,"
              + " readings, deviations, events).")
  static class Export extends ApiCommand {
    @Parameters(paramLabel = "<id>", description = "The campaign id.")
    String id;

    @Option(
        names = "--format",
        defaultValue = "json",
        description = "json or csv (default ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--data",
        description = "modules, readings, deviations or events (CSV default: readings).")
    String data;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "<file>",
        description = "Write it to this file instead of the terminal.")
    Path output;

    @Override
    int run(Api api) throws InterruptedException {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("format", format);
      params.put("data", data);
      String query = Api.query(params);
      byte[] body =
          api.getBytes(
              path(id) + "/export" + query, format.equals("csv") ? "text/csv" : "application/json");
      return write(this, body, output);
    }
  }

  /** Writes an answer to a file (saying so) or, as text, to the terminal. */
  static int write(ApiCommand command, byte[] body, Path output) {
    if (output == null) {
      String text = new String(body, StandardCharsets.UTF_8);
      command.out().print(text.endsWith("\n") ? text : text + "\n");
      return ApiCommand.OK;
    }
    try {
      Files.write(output, body);
    } catch (IOException e) {
      command.err().println("Cannot write " + output + ": " + e.getMessage());
      return ApiCommand.FAILED;
    }
    command.out().printf("Wrote %s (%,d bytes)%n", output, body.length);
    return ApiCommand.OK;
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "read-points",
      description =
          "Each read point of a campaign: when, the chamber's condition when the modules were"
              + " measured (after recovery, or in situ), how long it recovered, modules read,"
              + " failures.")
  static class ReadPoints extends ApiCommand {
    @Parameters(paramLabel = "<id>", description = "The campaign id.")
    String id;

    @Override
    int run(Api api) throws InterruptedException {
      JsonNode points = api.get(path(id) + "/read-points");
      ZoneId zone = ZoneId.systemDefault();
      if (points.isEmpty()) {
        out().println("No read point reached yet.");
      }
      for (JsonNode rp : points) {
        out().println(rp.path("leg").asText() + " " + readPointLine(rp, zone));
      }
      return OK;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "retry",
      description =
          "Retry an open incident of a campaign (a step that failed every retry): fix the cause"
              + " first; the step runs again.")
  static class Retry extends ApiCommand {
    @Parameters(index = "0", paramLabel = "<id>", description = "The campaign id.")
    String id;

    @Parameters(index = "1", paramLabel = "<incident>", description = "The incident key.")
    String incident;

    @Override
    int run(Api api) throws InterruptedException {
      api.postJson(path(id) + "/incidents/" + incident + "/retry", Map.of());
      out().printf("Incident %s of %s retried%n", incident, id);
      return OK;
    }
  }

  /**
   * {@code read point 168 h: 2026-11-25 10:00, at 23.1 °C load / 23.0 °C air, humidity 40 %RH,
   * after 1.6 h of recovery; 11 modules read, failed: S-05}; a lab task also says when the modules
   * were out and back and the station record.
   */
  static String readPointLine(JsonNode rp, ZoneId zone) {
    StringBuilder b = new StringBuilder("read point ").append(rp.path("label").asText());
    b.append(": ").append(Formats.dateTime(rp.path("reachedAt"), zone));
    if (rp.hasNonNull("airTemperature")) {
      b.append(", at ");
      if (rp.hasNonNull("loadTemperature")) {
        b.append(Formats.number(rp.get("loadTemperature").asDouble())).append(" °C load / ");
      }
      b.append(Formats.number(rp.get("airTemperature").asDouble())).append(" °C air");
      b.append(
          rp.hasNonNull("humidity")
              ? ", " + Formats.number(rp.get("humidity").asDouble()) + " %RH"
              : ", humidity off");
    }
    if ("IN_SITU".equals(rp.path("mode").asText())) {
      b.append(", in situ");
    } else if (rp.hasNonNull("recoveryHours")) {
      b.append(", after ")
          .append(Formats.number(rp.get("recoveryHours").asDouble()))
          .append(" h of recovery");
    }
    boolean lab = "LAB_TASK".equals(rp.path("mode").asText());
    if (lab && rp.hasNonNull("stationRecord")) {
      b.append("; at the lab station, modules out ")
          .append(Formats.dateTime(rp.path("modulesOutAt"), zone))
          .append(", back ")
          .append(Formats.dateTime(rp.path("modulesBackAt"), zone))
          .append(", station record ")
          .append(rp.get("stationRecord").asText());
      if (rp.hasNonNull("measuredBy")) {
        b.append(", by ").append(rp.get("measuredBy").asText());
      }
    }
    b.append("; ")
        .append(
            rp.hasNonNull("modulesRead")
                ? rp.path("modulesRead").asInt() + " modules read"
                : lab ? "out at the lab station (task: Measure at the lab station)" : "measuring");
    if (rp.hasNonNull("failed")) {
      b.append(", failed: ").append(rp.get("failed").asText());
    }
    return b.toString();
  }

  /** {@code tc: 250 h, 500 cycles, 11 samples}. */
  static String legSummary(JsonNode leg) {
    return leg.path("id").asText()
        + ": "
        + Formats.number(leg.path("hours").asDouble())
        + " h"
        + (leg.path("cycles").asLong() > 0 ? ", " + leg.path("cycles").asLong() + " cycles" : "")
        + ", "
        + leg.path("samples").asInt()
        + " samples";
  }
}

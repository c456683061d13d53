package io.stressflow.workflows.api;

import io.stressflow.workflows.campaign.Campaign;
import io.stressflow.workflows.campaign.CampaignLauncher;
import io.stressflow.workflows.campaign.CampaignReports;
import io.stressflow.workflows.campaign.CampaignService;
import io.stressflow.workflows.campaign.CampaignView;
import io.stressflow.workflows.campaign.InvalidFieldException;
import io.stressflow.workflows.logbook.CampaignEvent;
import io.stressflow.workflows.plan.PlanBounds;
import io.stressflow.workflows.report.CampaignExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/campaigns}: launch campaigns from plans and track them. Errors are problem+json. */
@RestController
@RequestMapping("/api/campaigns")
@Tag(name = "Campaigns", description = "Launch a campaign from a plan, track it, pause, abort")
class CampaignController {

  /** An abort reason: 500 characters, so the logbook's 1,000-character entry holds it. */
  static final int MAX_REASON = 500;

  private final CampaignService campaigns;
  private final CampaignLauncher launcher;
  private final CampaignReports reports;
  private final CampaignExport export;

  CampaignController(
      CampaignService campaigns,
      CampaignLauncher launcher,
      CampaignReports reports,
      CampaignExport export) {
    this.launcher = launcher;
    this.campaigns = campaigns;
    this.reports = reports;
    this.export = export;
  }

  @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
  @Operation(
      summary = "Launch a campaign from a plan",
      description =
          "The body is the plan (YAML, README 'Campaign plans'). It is validated first; a plan"
              + " with problems is answered 422 with every problem and its field path, and nothing"
              + " is launched. A module already on test in another active campaign is a 409.")
  @ApiResponse(responseCode = "201", description = "Launched; Location names the campaign")
  @ApiResponse(responseCode = "422", description = "The plan has problems (problem+json)")
  @ApiResponse(responseCode = "409", description = "A module is on test elsewhere")
  ResponseEntity<CampaignView> launch(@RequestBody String plan) {
    Campaign campaign = launcher.launch(plan);
    return ResponseEntity.created(URI.create("/api/campaigns/" + campaign.id()))
        .body(campaigns.view(campaign.id()));
  }

  @GetMapping
  @Operation(summary = "All campaigns, newest first")
  List<Campaign> list() {
    return campaigns.list().stream().map(c -> c.ended() ? c : campaigns.refresh(c.id())).toList();
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "Where a campaign stands",
      description =
          "State, verdict, progress % and ETA (nominal profile time at the time scale), each leg"
              + " with its read points, the failures with their analysis outcome, and the user"
              + " tasks it waits for.")
  CampaignView get(@Parameter(example = "C-20261125-1a2b3c") @PathVariable String id) {
    return campaigns.view(id);
  }

  @GetMapping("/{id}/events")
  @Operation(summary = "The campaign's logbook, oldest first")
  List<CampaignEvent> events(@PathVariable String id) {
    campaigns.refresh(id);
    return campaigns.events(id);
  }

  @GetMapping("/{id}/read-points")
  @Operation(
      summary = "Each read point: leg, label, when, the chamber at measurement, recovery, results",
      description =
          "Read points are measured after a recovery at the plan's recovery condition (default"
              + " 23 ± 2 °C on the load, humidity off, 1 h dwell) unless the plan measures them in"
              + " situ: airTemperature, loadTemperature and humidity are the chamber when the"
              + " modules were measured, recoveryHours how long it recovered first (not"
              + " credited to stress).")
  List<CampaignView.ReadPointView> readPoints(@PathVariable String id) {
    return campaigns.readPoints(id);
  }

  @GetMapping("/{id}/failures")
  @Operation(summary = "The modules that failed, with lanes, credited time and analysis outcome")
  List<CampaignView.FailureView> failures(@PathVariable String id) {
    return campaigns.view(id).failures();
  }

  @GetMapping(
      path = "/{id}/report",
      produces = {"text/markdown", "text/html", "application/pdf"})
  @Operation(
      summary = "The campaign's report (Markdown, HTML or PDF), once generated",
      description =
          "With each module's and lane's drift from its baseline at the read points, its"
              + " statistics (demonstrated LTPD, failure-rate and MTTF bounds at the plan's use"
              + " condition, Weibull and lognormal fits), signed decisions (who signed, when, the meaning stated, what each"
              + " supersedes) and who did what (the logbook entries people made). format=md (the"
              + " default), html (a page rendered from the same Markdown, with plots as SVG) or pdf"
              + " (A4, with the same plots). The plots: per chamber leg the temperature and humidity"
              + " achieved against the setpoint, each lane's drift from its baseline with the"
              + " leg's limits, and the failures against their credited time.")
  @ApiResponse(
      responseCode = "200",
      description = "The report",
      content = {
        @Content(mediaType = "text/markdown", schema = @Schema(type = "string")),
        @Content(mediaType = "text/html", schema = @Schema(type = "string")),
        @Content(
            mediaType = "application/pdf",
            schema = @Schema(type = "string", format = "binary"))
      })
  ResponseEntity<byte[]> report(
      @PathVariable String id,
      @Parameter(description = "md (default), html or pdf") @RequestParam(defaultValue = "md")
          String format) {
    if (!List.of("md", "html", "pdf").contains(format)) {
      throw new InvalidParameterException(
          "format", "must be one of md, html, pdf, but was '%s'".formatted(clip(format)));
    }
    return switch (format) {
      case "html" ->
          ResponseEntity.ok()
              .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
              .body(reports.html(id).getBytes(StandardCharsets.UTF_8));
      case "pdf" ->
          ResponseEntity.ok()
              .contentType(MediaType.APPLICATION_PDF)
              .header(
                  HttpHeaders.CONTENT_DISPOSITION,
                  ContentDisposition.inline().filename(id + "-report.pdf").build().toString())
              .body(reports.pdf(id));
      default ->
          ResponseEntity.ok()
              .contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
              .body(reports.markdown(id).getBytes(StandardCharsets.UTF_8));
    };
  }

  @GetMapping(
      path = "/{id}/export",
      produces = {"application/json", "text/csv"})
  @Operation(
      summary = "The campaign's data for analysis (JSON or CSV)",
      description =
          "Its modules (lot, leg, state, credited time), every sample with its lane readings"
              + " (bias mA, Tx and Rx power mW), the chambers' deviations and interruptions with"
              + " their cause, and the logbook. format=json (the default) gives them all in one"
              + " object, or the one named by data; format=csv gives one data set (data=modules,"
              + " readings (the default), deviations or events). Times are UTC, ISO-8601.")
  @ApiResponse(
      responseCode = "200",
      description = "The data",
      content = {
        @Content(mediaType = "application/json", schema = @Schema(type = "object")),
        @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
      })
  void export(
      @PathVariable String id,
      @Parameter(description = "json (default) or csv") @RequestParam(defaultValue = "json")
          String format,
      @Parameter(description = "modules, readings, deviations or events")
          @RequestParam(required = false)
          String data,
      HttpServletResponse response)
      throws IOException {
    if (!format.equals("json") && !format.equals("csv")) {
      throw new InvalidParameterException(
          "format", "must be one of json, csv, but was '%s'".formatted(clip(format)));
    }
    CampaignExport.Data one = null;
    if (data != null) {
      one = CampaignExport.Data.of(data);
      if (one == null) {
        throw new InvalidParameterException(
            "data",
            "must be one of modules, readings, deviations, events, but was '%s'"
                .formatted(clip(data)));
      }
    }
    campaigns.report(id); // an unknown campaign is a 404 before anything is written
    boolean csv = format.equals("csv");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType(csv ? "text/csv" : MediaType.APPLICATION_JSON_VALUE);
    if (csv) {
      CampaignExport.Data set = one == null ? CampaignExport.Data.READINGS : one;
      response.setHeader(
          HttpHeaders.CONTENT_DISPOSITION,
          ContentDisposition.attachment()
              .filename(id + "-" + set.key() + ".csv")
              .build()
              .toString());
      export.csv(id, set, response.getWriter());
    } else {
      export.json(
          id,
          one == null ? List.of(CampaignExport.Data.values()) : List.of(one),
          response.getWriter());
    }
  }

  /** A refused value as the problem quotes it: at most 40 characters. */
  private static String clip(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }

  @PostMapping("/{id}/incidents/{key}/retry")
  @Operation(
      summary = "Retry an open incident of the campaign",
      description =
          "A step that failed every retry stands as an incident (listed in the campaign's"
              + " 'incidents'). Fix the cause first (e.g. clear the chamber's alarm), then retry:"
              + " the job gets one more try and the incident is resolved.")
  CampaignView retryIncident(@PathVariable String id, @PathVariable String key) {
    campaigns.retryIncident(id, key);
    return campaigns.view(id);
  }

  @PostMapping("/{id}/pause")
  @Operation(summary = "Pause the leg under stress (the chamber holds, nothing is credited)")
  CampaignView pause(@PathVariable String id) {
    campaigns.pause(id);
    return campaigns.view(id);
  }

  @PostMapping("/{id}/resume")
  @Operation(summary = "Resume the paused leg")
  CampaignView resume(@PathVariable String id) {
    campaigns.resume(id);
    return campaigns.view(id);
  }

  @PostMapping(path = "/{id}/abort", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Abort a campaign",
      description =
          "Body {\"reason\": \"...\"}, required (at most 500 characters; a missing or blank"
              + " reason is a 422). The workflow stops the profile, puts the chamber in its safe"
              + " state and ends with verdict ABORTED.")
  @ApiResponse(responseCode = "202", description = "Abort requested; the campaign as it stands")
  @ApiResponse(responseCode = "409", description = "The campaign has already ended")
  ResponseEntity<CampaignView> abort(
      @PathVariable String id, @RequestBody(required = false) Map<String, String> body) {
    String reason = body == null ? null : body.get("reason");
    if (reason == null || reason.isBlank()) {
      throw new InvalidFieldException(
          "reason", "is required: say why the campaign is aborted (it goes in the logbook)");
    }
    String problem = PlanBounds.lengthProblem(reason, MAX_REASON);
    if (problem != null) {
      throw new InvalidFieldException("reason", problem);
    }
    campaigns.abort(id, reason);
    return ResponseEntity.accepted().body(campaigns.view(id));
  }
}

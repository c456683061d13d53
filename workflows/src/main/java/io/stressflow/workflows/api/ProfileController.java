package io.stressflow.workflows.api;

import io.stressflow.workflows.campaign.CampaignLauncher;
import io.stressflow.workflows.campaign.ChamberReservations;
import io.stressflow.workflows.campaign.InvalidFieldException;
import io.stressflow.workflows.campaign.PlanRejectedException;
import io.stressflow.workflows.plan.CampaignPlan;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PlanBounds;
import io.stressflow.workflows.plan.PlanReader;
import io.stressflow.workflows.plan.PlanReport;
import io.stressflow.workflows.plan.PlanService;
import io.stressflow.workflows.profile.ProfileRun;
import io.stressflow.workflows.profile.ProfileRunner;
import io.stressflow.workflows.security.Actors;
import io.stressflow.workflows.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/profile-runs}: run one leg's profile on the chamber outside a campaign
 * (commissioning), follow it, pause and resume it. A plan with problems is refused with 422 and
 * every problem's field path; a run that would touch a campaign's modules (its campaign id is a
 * launched campaign's, or a module is on test in a running campaign) with 409.
 */
@RestController
@RequestMapping("/api/profile-runs")
@Tag(name = "Profile runs", description = "Run one leg's profile outside a campaign")
class ProfileController {

  private final ProfileRunner runner;
  private final PlanService plans;
  private final CampaignLauncher launcher;
  private final ChamberReservations reservations;

  ProfileController(
      ProfileRunner runner,
      PlanService plans,
      CampaignLauncher launcher,
      ChamberReservations reservations) {
    this.runner = runner;
    this.plans = plans;
    this.launcher = launcher;
    this.reservations = reservations;
  }

  /**
   * Start request.
   *
   * @param campaignId the id the run is recorded under (its modules' state is kept under it); not
   *     the id of a campaign launched here.
   * @param plan the plan, YAML.
   * @param leg the id of the leg to run.
   */
  record StartRequest(String campaignId, String plan, String leg) {}

  /**
   * A run as the API shows it.
   *
   * @param id run id.
   * @param campaignId campaign.
   * @param leg leg id.
   * @param chamber chamber.
   * @param state RUNNING, PAUSED or COMPLETED.
   * @param step index of the current step.
   * @param cycles cycles completed.
   * @param hoursAtCondition soak time credited, h (profile time).
   * @param deviations closed deviations.
   */
  record RunView(
      String id,
      String campaignId,
      String leg,
      String chamber,
      String state,
      long step,
      long cycles,
      double hoursAtCondition,
      List<ProfileRun.DeviationRecord> deviations) {}

  @PostMapping
  @Operation(
      summary = "Run one leg's profile outside a campaign (commissioning a chamber)",
      description =
          "Body {\"campaignId\", \"plan\" (YAML), \"leg\"}. A plan with problems is a 422 with"
              + " every problem's path; a campaign id of a launched campaign, or a leg whose"
              + " modules are on test in a running campaign, is a 409. Lab staff only on a chamber"
              + " reserved for that campaign, an admin on any.")
  @ApiResponse(responseCode = "201", description = "Started; Location names the run")
  @ApiResponse(responseCode = "409", description = "The run would touch a campaign's modules")
  ResponseEntity<?> start(@RequestBody StartRequest request) {
    List<Map<String, String>> missing = new ArrayList<>();
    for (String[] field :
        new String[][] {
          {"campaignId", request == null ? null : request.campaignId()},
          {"plan", request == null ? null : request.plan()},
          {"leg", request == null ? null : request.leg()}
        }) {
      if (blank(field[1])) {
        missing.add(Map.of("field", field[0], "message", "is required"));
      }
    }
    if (!missing.isEmpty()) {
      ProblemDetail p =
          ApiProblems.problem(
              HttpStatus.UNPROCESSABLE_ENTITY,
              "INVALID_FIELD",
              "campaignId, plan and leg are required; missing: "
                  + missing.stream().map(m -> m.get("field")).toList());
      p.setProperty("problems", missing);
      return ResponseEntity.unprocessableEntity().body(p);
    }
    String campaignProblem = PlanBounds.idProblem(request.campaignId());
    if (campaignProblem != null) {
      throw new InvalidFieldException("campaignId", campaignProblem);
    }
    String legProblem = PlanBounds.idProblem(request.leg());
    if (legProblem != null) {
      throw new InvalidFieldException("leg", legProblem);
    }
    PlanReport report = plans.validate(request.plan());
    if (!report.valid()) {
      throw new PlanRejectedException(report);
    }
    CampaignPlan plan = PlanReader.read(request.plan(), plans.presets());
    Leg leg =
        plan.legs().stream().filter(l -> request.leg().equals(l.id())).findFirst().orElse(null);
    if (leg == null) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "INVALID_ARGUMENT",
          "leg: the plan has no leg '%s'; its legs are %s"
              .formatted(request.leg(), plan.legs().stream().map(Leg::id).toList()),
          "leg");
    }
    if (leg.outsideChamber()) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "INVALID_ARGUMENT",
          "leg: '%s' is an external leg (%s): it runs at a station, not on the chamber"
              .formatted(leg.id(), leg.external().test()),
          "leg");
    }
    launcher.refuseProfileRunConflicts(request.campaignId(), leg.samples());
    String chamber = leg.chamber() != null ? leg.chamber() : leg.chamberPool().get(0);
    // lab staff run a profile only on a chamber reserved for that campaign; admin on any
    if (!Actors.has(Roles.ADMIN)
        && !request.campaignId().equals(reservations.holder(chamber).orElse(null))) {
      throw new AccessDeniedException(
          "Chamber '%s' is not reserved for campaign %s: only an admin runs a profile on it"
              .formatted(chamber, request.campaignId()));
    }
    String id = runner.start(request.campaignId(), leg, chamber);
    return ResponseEntity.created(URI.create("/api/profile-runs/" + id)).body(view(id));
  }

  @GetMapping("/{id}")
  @Operation(summary = "A profile run: step, cycles, hours at condition, deviations")
  RunView get(@PathVariable String id) {
    return view(id);
  }

  @PostMapping("/{id}/pause")
  @Operation(summary = "Pause a profile run (the chamber holds)")
  RunView pause(@PathVariable String id) {
    runner.pause(id);
    return view(id);
  }

  @PostMapping("/{id}/resume")
  @Operation(summary = "Resume a paused profile run")
  RunView resume(@PathVariable String id) {
    runner.resume(id);
    return view(id);
  }

  private RunView view(String id) {
    ProfileRun run =
        runner
            .find(id)
            .orElseThrow(() -> new NoSuchElementException("No profile run '" + id + "'"));
    return new RunView(
        run.id(),
        run.campaignId(),
        run.legId(),
        run.chamber(),
        run.state(),
        run.progress().step(),
        run.progress().cycles(),
        run.progress().stressSeconds() / 3600,
        runner.deviations(id));
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String title, String detail, String field) {
    ProblemDetail p = ApiProblems.problem(status, title, detail);
    p.setProperty("problems", List.of(Map.of("field", field, "message", detail)));
    return ResponseEntity.status(status).body(p);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

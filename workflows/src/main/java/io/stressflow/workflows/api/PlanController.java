package io.stressflow.workflows.api;

import io.stressflow.workflows.campaign.PlanRejectedException;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PlanReport;
import io.stressflow.workflows.plan.PlanService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/plans}: validate a plan before launch, and list the presets. A plan with problems is
 * answered 422 (problem+json) with every problem and its field path.
 */
@RestController
@RequestMapping("/api/plans")
@Tag(name = "Plans", description = "Validate a campaign plan; the leg presets")
class PlanController {

  private final PlanService plans;

  PlanController(PlanService plans) {
    this.plans = plans;
  }

  @PostMapping(
      path = "/validation",
      consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
  @Operation(
      summary = "Validate a plan without launching it",
      description =
          "The body is the plan (YAML, README 'Campaign plans'). A valid plan is answered 200 with"
              + " each leg's hours, cycles and LTPD; a plan with problems 422 (problem+json,"
              + " title PLAN_INVALID) with every problem and its field path in 'problems'.")
  @ApiResponse(responseCode = "200", description = "Valid: what each leg amounts to")
  @ApiResponse(responseCode = "422", description = "The plan has problems")
  PlanReport validate(@RequestBody String yaml) {
    PlanReport report = plans.validate(yaml);
    if (!report.valid()) {
      throw new PlanRejectedException(report);
    }
    return report;
  }

  @GetMapping("/presets")
  @Operation(summary = "The leg presets (GR-468 and kin), with their sources")
  Map<String, Leg> presets() {
    return plans.presets();
  }
}

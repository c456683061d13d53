package io.stressflow.workflows.api;

import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PlanReport;
import io.stressflow.workflows.plan.PlanService;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/plans}: validate a plan before launch, and list the presets. A plan with problems is
 * answered 422 with every problem and its field path.
 */
@RestController
@RequestMapping("/api/plans")
class PlanController {

  private final PlanService plans;

  PlanController(PlanService plans) {
    this.plans = plans;
  }

  @PostMapping(
      path = "/validation",
      consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
  ResponseEntity<PlanReport> validate(@RequestBody String yaml) {
    PlanReport report = plans.validate(yaml);
    return ResponseEntity.status(report.valid() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY)
        .body(report);
  }

  @GetMapping("/presets")
  Map<String, Leg> presets() {
    return plans.presets();
  }
}

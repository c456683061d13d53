package io.stressflow.workflows.plan;

import java.util.List;

/**
 * The result of validating a plan.
 *
 * @param problems what must be fixed; empty when the plan is valid.
 * @param legs what each leg amounts to.
 */
public record PlanReport(List<PlanProblem> problems, List<LegSummary> legs) {

  public PlanReport {
    problems = List.copyOf(problems);
    legs = List.copyOf(legs);
  }

  /** Whether the plan can be launched. */
  public boolean valid() {
    return problems.isEmpty();
  }

  /**
   * What one leg amounts to.
   *
   * @param id the leg id.
   * @param hours its profile time, h.
   * @param cycles its cycle count (0 for a steady stress).
   * @param samples how many modules it stresses.
   * @param ltpd the lot tolerance percent defective its acceptance rule demonstrates at 90 %
   *     confidence, as a fraction; NaN without an acceptance rule.
   */
  public record LegSummary(String id, double hours, long cycles, int samples, double ltpd) {}
}

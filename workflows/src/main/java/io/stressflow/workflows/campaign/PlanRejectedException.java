package io.stressflow.workflows.campaign;

import io.stressflow.workflows.plan.PlanReport;

/**
 * A campaign was not launched because its plan has problems; the report lists each with its path.
 */
public class PlanRejectedException extends RuntimeException {

  private final transient PlanReport report;

  /**
   * Creates the exception.
   *
   * @param report the validation report, with at least one problem.
   */
  public PlanRejectedException(PlanReport report) {
    super(
        "The plan has %d problem(s): %s"
            .formatted(report.problems().size(), report.problems().get(0)));
    this.report = report;
  }

  /** The validation report. */
  public PlanReport report() {
    return report;
  }
}

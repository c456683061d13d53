package io.stressflow.workflows.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan that cannot be read; carries every problem with its field path. */
public class PlanException extends RuntimeException {

  private final List<PlanProblem> problems;

  /**
   * Creates the exception.
   *
   * @param problems what is wrong, at least one.
   */
  public PlanException(List<PlanProblem> problems) {
    super(problems.stream().map(PlanProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  /** The problems, each with its field path. */
  public List<PlanProblem> problems() {
    return problems;
  }
}

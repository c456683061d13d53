package io.stressflow.workflows.plan;

/**
 * One thing wrong with a plan.
 *
 * @param path where, as a field path such as {@code legs[0].profile.segments[3].ramp.rate}.
 * @param message what is wrong, and what would be right.
 */
public record PlanProblem(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}

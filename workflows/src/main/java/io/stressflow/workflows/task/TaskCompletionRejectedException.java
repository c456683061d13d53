package io.stressflow.workflows.task;

import java.util.List;
import java.util.stream.Collectors;

/** Form data that does not fit the task's form; nothing was sent to the engine. */
public class TaskCompletionRejectedException extends RuntimeException {

  private final transient List<FieldProblem> problems;

  /**
   * Creates the exception.
   *
   * @param taskName the task's name, for the message.
   * @param problems what is wrong, at least one.
   */
  public TaskCompletionRejectedException(String taskName, List<FieldProblem> problems) {
    super(
        "The data for task '%s' was refused and the task stays open: %s"
            .formatted(
                taskName,
                problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; "))));
    this.problems = List.copyOf(problems);
  }

  /** What is wrong, field by field. */
  public List<FieldProblem> problems() {
    return problems;
  }
}

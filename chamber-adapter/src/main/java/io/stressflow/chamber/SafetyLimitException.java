package io.stressflow.chamber;

/**
 * A command would take the chamber outside its limits. Thrown before any I/O; nothing was written.
 * Unchecked, like any other bad argument: the caller should have validated the plan.
 */
public class SafetyLimitException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which limit, the limit's value and the refused value.
   */
  public SafetyLimitException(String message) {
    super(message);
  }
}

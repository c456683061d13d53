package io.stressflow.workflows.campaign;

/** A request field that cannot be accepted; nothing was stored. Answered 400 naming the field. */
public class InvalidFieldException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param field the field, e.g. {@code serial}.
   * @param problem what is wrong with it.
   */
  public InvalidFieldException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The field. */
  public String field() {
    return field;
  }

  /** What is wrong with it. */
  public String problem() {
    return problem;
  }
}

package io.stressflow.workflows.api;

/** A path or query parameter whose value is not acceptable: 400 naming the parameter. */
class InvalidParameterException extends IllegalArgumentException {

  private final String parameter;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param parameter the parameter's name.
   * @param problem what is wrong with its value, e.g. "must be before to".
   */
  InvalidParameterException(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = parameter;
    this.problem = problem;
  }

  String parameter() {
    return parameter;
  }

  String problem() {
    return problem;
  }
}

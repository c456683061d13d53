package io.stressflow.engine.model.parse;

/** A resource cannot be deployed: malformed XML or BPMN outside the supported subset. */
public final class DeploymentRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the element id and kind.
   */
  public DeploymentRejectedException(final String message) {
    super(message);
  }
}

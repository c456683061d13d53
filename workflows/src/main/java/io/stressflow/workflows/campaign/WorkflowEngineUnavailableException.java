package io.stressflow.workflows.campaign;

/**
 * The workflow engine did not do what was asked (unreachable, or it refused), and nothing was kept
 * of the request: it can be made again once the engine is back. Answered as 503 by the API.
 */
public class WorkflowEngineUnavailableException extends RuntimeException {

  /**
   * A request the engine did not carry out.
   *
   * @param message what was not done, and what to do.
   * @param cause the engine's error.
   */
  public WorkflowEngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

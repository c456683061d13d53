package io.stressflow.workflows.campaign;

/**
 * A campaign step that cannot succeed as things stand. With an error code it is a business outcome
 * the process model handles (a BPMN error, e.g. {@code PLAN_INVALID}); without one it is a
 * condition that may pass (a chamber still in alarm, a chamber held by another campaign), so the
 * job is retried after a back-off.
 */
public class WorkflowStepException extends RuntimeException {

  private final String errorCode;

  /**
   * Creates the exception.
   *
   * @param errorCode the BPMN error code, or null for a retryable condition.
   * @param message what is wrong and what to do, for the incident or the logbook.
   */
  public WorkflowStepException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  /** The BPMN error code, or null for a retryable condition. */
  public String errorCode() {
    return errorCode;
  }
}

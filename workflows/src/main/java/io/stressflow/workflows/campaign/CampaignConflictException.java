package io.stressflow.workflows.campaign;

/**
 * A request conflicts with the state of a campaign or of its resources: a module already on test
 * elsewhere, a campaign that has ended, a leg that is not running. Answered 409.
 */
public class CampaignConflictException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message what conflicts, and what to do.
   */
  public CampaignConflictException(String message) {
    super(message);
  }
}

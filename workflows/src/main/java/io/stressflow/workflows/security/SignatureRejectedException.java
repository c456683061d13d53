package io.stressflow.workflows.security;

/** A signature whose signer could not be re-authenticated; nothing was decided. */
public class SignatureRejectedException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message why, for people.
   */
  public SignatureRejectedException(String message) {
    super(message);
  }
}

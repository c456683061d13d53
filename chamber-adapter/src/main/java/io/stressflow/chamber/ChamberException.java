package io.stressflow.chamber;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An expected chamber fault: the chamber did not answer, could not be reached, or refused a
 * request. Checked, because a chamber going away is part of normal operation.
 */
public class ChamberException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, in the "Expected to ..., but ..." form.
   */
  public ChamberException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, in the "Expected to ..., but ..." form.
   * @param cause the underlying exception.
   */
  public ChamberException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Finds the {@link ChamberException} inside the wrappers a {@code CompletionStage} adds.
   *
   * @param failure a failure as seen by a stage callback or {@code Future.get}.
   * @return the typed exception, or a {@link ChamberException} wrapping anything unexpected.
   */
  public static ChamberException unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ChamberException ce) {
      return ce;
    }
    return new ChamberException("Expected a chamber answer, but the request failed: " + t, t);
  }
}

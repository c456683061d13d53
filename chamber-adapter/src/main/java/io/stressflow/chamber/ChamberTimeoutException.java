package io.stressflow.chamber;

/** The chamber did not answer within the request timeout. */
public class ChamberTimeoutException extends ChamberException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what timed out and after how long.
   * @param cause the underlying exception, or {@code null}.
   */
  public ChamberTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.stressflow.chamber;

/** The chamber could not be reached: no connection, or the connection was lost. */
public class ChamberConnectException extends ChamberException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which chamber could not be reached, and why.
   * @param cause the underlying exception, or {@code null}.
   */
  public ChamberConnectException(String message, Throwable cause) {
    super(message, cause);
  }
}

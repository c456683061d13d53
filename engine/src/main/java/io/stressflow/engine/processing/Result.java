package io.stressflow.engine.processing;

/** The outcome of a lifecycle step of an element handler. */
public sealed interface Result permits Result.Ok, Result.Failed {

  /**
   * Returns success.
   *
   * @return the shared success value.
   */
  static Result ok() {
    return Ok.INSTANCE;
  }

  /**
   * Returns a failure that becomes an incident.
   *
   * @param message the message, "Expected to …, but …".
   * @param type the incident type.
   * @return the failure.
   */
  static Result failed(final String message, final ErrorType type) {
    return new Failed(new Failure(message, type));
  }

  /** Success. */
  enum Ok implements Result {
    INSTANCE
  }

  /**
   * Failure.
   *
   * @param failure what failed.
   */
  record Failed(Failure failure) implements Result {}
}

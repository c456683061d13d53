package io.stressflow.engine.rest;

/** A request that cannot be understood: answered with 400 INVALID_ARGUMENT. */
final class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InvalidRequestException(final String message) {
    super(message);
  }
}

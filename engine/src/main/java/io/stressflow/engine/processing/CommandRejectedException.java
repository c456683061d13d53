package io.stressflow.engine.processing;

/** A command was rejected before it changed any state (unknown key, wrong state, bad argument). */
public final class CommandRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The rejection type. */
  private final RejectionType type;

  /** The command intent, e.g. {@code COMPLETE}. */
  private final String intent;

  /**
   * Creates the rejection.
   *
   * @param intent the command intent, e.g. {@code COMPLETE}.
   * @param type the rejection type.
   * @param message the reason.
   */
  public CommandRejectedException(
      final String intent, final RejectionType type, final String message) {
    super(message);
    this.intent = intent;
    this.type = type;
  }

  /**
   * Returns the rejection type.
   *
   * @return the type.
   */
  public RejectionType type() {
    return type;
  }

  /**
   * Returns the command intent.
   *
   * @return the intent.
   */
  public String intent() {
    return intent;
  }
}

package io.stressflow.workflows.system;

/**
 * A setting that stops the application from starting, with the property to change and how.
 *
 * <p>Thrown while beans are created; {@link ConfigurationProblemAnalyzer} turns it into Spring
 * Boot's "APPLICATION FAILED TO START" report so an operator reads what to change, not a stack
 * trace.
 */
public class ConfigurationProblem extends RuntimeException {

  private final String property;
  private final String action;

  /**
   * Creates a problem report.
   *
   * @param property the configuration property at fault, e.g. {@code stressflow.chamber.port}.
   * @param problem what is wrong with it.
   * @param action what to change.
   * @param cause the underlying failure, or null.
   */
  public ConfigurationProblem(String property, String problem, String action, Throwable cause) {
    super(property + ": " + problem, cause);
    this.property = property;
    this.action = action;
  }

  /** The property at fault. */
  public String property() {
    return property;
  }

  /** What the operator should change. */
  public String action() {
    return action;
  }
}

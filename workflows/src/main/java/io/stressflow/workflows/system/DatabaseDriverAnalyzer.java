package io.stressflow.workflows.system;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Reports a database URL whose JDBC driver is not on the class path (a MySQL URL: Stressflow ships
 * the H2 and PostgreSQL drivers only) as a description and an action naming {@code
 * spring.datasource.url}, instead of a {@code ClassNotFoundException} trace.
 */
class DatabaseDriverAnalyzer implements FailureAnalyzer {

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String driver = driver(t);
      if (driver != null) {
        return new FailureAnalysis(
            "spring.datasource.url: the JDBC driver "
                + driver
                + " for this database is not part"
                + " of Stressflow's build.",
            "Use the embedded H2 database (leave spring.datasource.url unset) or PostgreSQL"
                + " (jdbc:postgresql://host:5432/database, README \"PostgreSQL\"). Another"
                + " database needs its driver's dependency in workflows/pom.xml, a build, and"
                + " migrations of its own (db/migration/{vendor}).",
            failure);
      }
    }
    return null;
  }

  /** The driver class a failure could not load, or null if it is not such a failure. */
  private static String driver(Throwable t) {
    String message = t.getMessage();
    if (message == null) {
      return null;
    }
    if (t instanceof IllegalStateException && message.startsWith("Cannot load driver class: ")) {
      return message.substring("Cannot load driver class: ".length()).trim();
    }
    if (t instanceof ClassNotFoundException && message.endsWith("Driver")) {
      return message.trim();
    }
    return null;
  }
}

package io.stressflow.workflows.chamber;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Telemetry repositories for tests outside this package. */
public final class TelemetryRepositories {

  private TelemetryRepositories() {}

  /** A repository on {@code jdbc} that stores every idle reading. */
  public static TelemetryRepository of(JdbcClient jdbc) {
    return new TelemetryRepository(jdbc, Duration.ZERO);
  }
}

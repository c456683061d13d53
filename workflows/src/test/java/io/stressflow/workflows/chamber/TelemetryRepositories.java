package io.stressflow.workflows.chamber;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Telemetry repositories for tests outside this package. */
public final class TelemetryRepositories {

  private TelemetryRepositories() {}

  /** Stores one reading through the product's repository. */
  public static void insert(
      TelemetryRepository repository,
      String chamber,
      java.time.Instant at,
      io.stressflow.chamber.ChamberState state) {
    repository.insert(chamber, at, state);
  }

  /** A repository on {@code jdbc} that stores every idle reading. */
  public static TelemetryRepository of(JdbcClient jdbc) {
    return new TelemetryRepository(jdbc, Duration.ZERO);
  }
}

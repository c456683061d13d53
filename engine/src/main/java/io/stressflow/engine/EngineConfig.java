package io.stressflow.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Configuration of an embedded {@link Engine}.
 *
 * @param bindAddress the address the REST API binds to, e.g. {@code 127.0.0.1}.
 * @param port the TCP port, range [0, 65535]; 0 picks a free port.
 * @param jdbcUrl the H2 JDBC URL of the engine state, e.g. {@code jdbc:h2:file:./data/engine}.
 * @param clock the engine's time source (timers, job leases, message TTL).
 * @param defaultRequestTimeout how long a job activation long poll waits when the request says 0.
 * @param dueWorkInterval how often the engine checks for due timers, expired job leases and
 *     messages; also the timer resolution.
 * @param eventLogCapacity how many of the most recent lifecycle transitions the event log keeps.
 * @param historyRetention how long completed and terminated process instances (with their
 *     variables, incidents and user tasks) stay searchable before they are deleted.
 * @param testEndpoints whether to serve the test-only endpoints ({@code PUT /v2/clock}, {@code POST
 *     /v2/clock/reset}: moving engine time); off unless a test turns it on.
 * @param searchLag how stale searches may be: zero (the default) answers every search from the
 *     current state; a positive lag answers from a copy refreshed at most that often, as a Camunda
 *     8 cluster's searches lag behind its commands (its exporter and the search engine's refresh),
 *     so that clients can be tested under eventual consistency.
 */
public record EngineConfig(
    String bindAddress,
    int port,
    String jdbcUrl,
    Clock clock,
    Duration defaultRequestTimeout,
    Duration dueWorkInterval,
    int eventLogCapacity,
    Duration historyRetention,
    boolean testEndpoints,
    Duration searchLag) {

  /** Validates the configuration. */
  public EngineConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(defaultRequestTimeout, "defaultRequestTimeout");
    Objects.requireNonNull(dueWorkInterval, "dueWorkInterval");
    Objects.requireNonNull(historyRetention, "historyRetention");
    Objects.requireNonNull(searchLag, "searchLag");
    if (searchLag.isNegative()) {
      throw new IllegalArgumentException(
          "Expected a searchLag of zero or more, but was " + searchLag);
    }
    if (eventLogCapacity < 1) {
      throw new IllegalArgumentException(
          "Expected eventLogCapacity of at least 1, but was %d".formatted(eventLogCapacity));
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "Expected port within [0, 65535], but was %d".formatted(port));
    }
    if (dueWorkInterval.isNegative() || dueWorkInterval.isZero()) {
      throw new IllegalArgumentException(
          "Expected a positive dueWorkInterval, but was " + dueWorkInterval);
    }
  }

  /**
   * Creates a configuration from the defaults, changed by a customizer.
   *
   * @param customizer changes the builder's public fields.
   * @return the configuration.
   */
  public static EngineConfig create(final Consumer<Builder> customizer) {
    final Builder builder = new Builder();
    customizer.accept(builder);
    return builder.build();
  }

  /** Mutable builder with defaults; see {@link EngineConfig} for the meaning of each field. */
  public static final class Builder {
    /** Default {@code 127.0.0.1}. */
    public String bindAddress = "127.0.0.1";

    /** Default 0: pick a free port. */
    public int port = 0;

    /** Default {@code jdbc:h2:file:./data/engine}. */
    public String jdbcUrl = "jdbc:h2:file:./data/engine";

    /** Default {@link Clock#systemUTC()}. */
    public Clock clock = Clock.systemUTC();

    /** Default 10 s, as Camunda's gateway. */
    public Duration defaultRequestTimeout = Duration.ofSeconds(10);

    /** Default 50 ms. */
    public Duration dueWorkInterval = Duration.ofMillis(50);

    /** Default 100,000 entries. */
    public int eventLogCapacity = 100_000;

    /** Default 7 days. */
    public Duration historyRetention = Duration.ofDays(7);

    /** Default false: no test-only endpoints. */
    public boolean testEndpoints = false;

    /** Default zero: searches see every committed change at once. */
    public Duration searchLag = Duration.ZERO;

    Builder() {}

    EngineConfig build() {
      return new EngineConfig(
          bindAddress,
          port,
          jdbcUrl,
          clock,
          defaultRequestTimeout,
          dueWorkInterval,
          eventLogCapacity,
          historyRetention,
          testEndpoints,
          searchLag);
    }
  }
}

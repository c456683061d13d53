package io.stressflow.engine;

import io.stressflow.engine.processing.EngineClock;
import io.stressflow.engine.processing.EngineRuntime;
import io.stressflow.engine.rest.RestServer;
import io.stressflow.engine.state.StateStore;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded BPMN engine: executes the supported BPMN subset with Zeebe's semantics, keeps its
 * state in H2, and serves the part of Camunda 8's /v2 REST API that the Camunda Java client uses.
 *
 * <pre>{@code
 * try (Engine engine = Engine.start(EngineConfig.create(c -> c.jdbcUrl = "jdbc:h2:file:./data/engine"))) {
 *   CamundaClient client = CamundaClient.newClientBuilder()
 *       .restAddress(engine.restAddress()).preferRestOverGrpc(true).build();
 * }
 * }</pre>
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final EngineConfig config;
  private final EventLog eventLog;
  private final EngineRuntime runtime;
  private final RestServer rest;
  private final ScheduledExecutorService dueWork;

  private Engine(
      final EngineConfig config,
      final EventLog eventLog,
      final EngineRuntime runtime,
      final RestServer rest) {
    this.config = config;
    this.eventLog = eventLog;
    this.runtime = runtime;
    this.rest = rest;
    this.dueWork =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread thread = new Thread(r, "engine-due-work");
              thread.setDaemon(true);
              return thread;
            });
    final long interval = config.dueWorkInterval().toMillis();
    dueWork.scheduleWithFixedDelay(this::runDueWork, interval, interval, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens (or creates) the state database, recovers the state, and binds the REST API.
   *
   * @param config the configuration.
   * @return the running engine.
   * @throws IllegalStateException if the database cannot be opened or the port is in use.
   */
  public static Engine start(final EngineConfig config) {
    final EventLog eventLog = new EventLog(config.eventLogCapacity());
    final StateStore store = StateStore.open(config.jdbcUrl());
    final EngineRuntime runtime;
    final RestServer rest;
    try {
      runtime =
          new EngineRuntime(
              store, new EngineClock(config.clock()), eventLog, config.historyRetention());
      rest =
          RestServer.start(
              config.bindAddress(),
              config.port(),
              runtime,
              config.defaultRequestTimeout(),
              config.testEndpoints(),
              config.searchLag());
    } catch (final RuntimeException e) {
      store.close();
      throw e;
    }
    final Engine engine = new Engine(config, eventLog, runtime, rest);
    LOG.info("Embedded engine serving {} (state in {})", engine.restAddress(), config.jdbcUrl());
    return engine;
  }

  private void runDueWork() {
    try {
      runtime.runDueWork();
    } catch (final RuntimeException e) {
      LOG.error("Due work failed; will retry", e);
    }
  }

  /**
   * Returns the bound port.
   *
   * @return the port.
   */
  public int port() {
    return rest.port();
  }

  /**
   * Returns the address to give the Camunda client as {@code restAddress} (it appends /v2).
   *
   * @return e.g. {@code http://127.0.0.1:8080}.
   */
  public URI restAddress() {
    return URI.create("http://%s:%d".formatted(config.bindAddress(), port()));
  }

  /**
   * Returns the log of element lifecycle transitions recorded since this engine started.
   *
   * @return the event log.
   */
  public EventLog eventLog() {
    return eventLog;
  }

  /** Stops serving, finishes the due work and closes the database. */
  @Override
  public void close() {
    // no shutdownNow: interrupting a thread inside H2 file I/O closes the database file
    dueWork.shutdown();
    try {
      dueWork.awaitTermination(5, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rest.close();
    runtime.close();
  }
}

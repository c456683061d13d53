package io.stressflow.engine.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stressflow.engine.model.parse.DeploymentRejectedException;
import io.stressflow.engine.processing.CommandRejectedException;
import io.stressflow.engine.processing.EngineRuntime;
import io.stressflow.engine.processing.RejectionType;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the /v2 API on the JDK's HTTP server. Handlers run on a cached pool; long polls park their
 * exchange and are answered from a notifier or a timeout, so they hold no thread.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService scheduler;
  private final Router router = new Router();
  private final JobActivations activations;
  private final InstanceAwaiters awaiters;

  private RestServer(
      final HttpServer server, final EngineRuntime runtime, final Duration defaultRequestTimeout) {
    this.server = server;
    this.handlers = Executors.newCachedThreadPool(threads("engine-http"));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("engine-poll"));
    this.activations = new JobActivations(runtime, scheduler, defaultRequestTimeout);
    this.awaiters = new InstanceAwaiters(runtime, scheduler);
    runtime.onBatch(activations);
    runtime.onSignals(awaiters::onSignals);
    new TopologyController().register(router);
    new DeploymentController(runtime).register(router);
    new ProcessInstanceController(runtime, awaiters).register(router);
    new JobController(runtime, activations).register(router);
    new MessageController(runtime).register(router);
    new UserTaskController(runtime).register(router);
    new IncidentController(runtime).register(router);
    new VariableController(runtime).register(router);
    new ClockController(runtime).register(router);
    new ProcessDefinitionController(runtime).register(router);
    new ElementInstanceController(runtime).register(router);
    new SignalController(runtime).register(router);
    server.setExecutor(handlers);
    server.createContext("/", this::dispatch);
  }

  /**
   * Binds and starts the server.
   *
   * @param bindAddress the address.
   * @param port the port; 0 picks a free one.
   * @param runtime the engine runtime.
   * @param defaultRequestTimeout the long-poll timeout when a request says 0.
   * @return the running server.
   * @throws IllegalStateException if the port is in use.
   */
  public static RestServer start(
      final String bindAddress,
      final int port,
      final EngineRuntime runtime,
      final Duration defaultRequestTimeout) {
    // small responses are written as headers + body; without TCP_NODELAY, Nagle's algorithm and
    // delayed ACKs add ~40 ms to every request. Read once by the JDK when its first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    final HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bindAddress, port), 128);
    } catch (final BindException e) {
      throw new IllegalStateException(
          "Expected to bind the engine's REST API to %s:%d, but %s:%d is in use (%s)"
              .formatted(bindAddress, port, bindAddress, port, e.getMessage()),
          e);
    } catch (final IOException e) {
      throw new IllegalStateException(
          "Expected to bind the engine's REST API to %s:%d, but: %s"
              .formatted(bindAddress, port, e.getMessage()),
          e);
    }
    final RestServer rest = new RestServer(server, runtime, defaultRequestTimeout);
    server.start();
    return rest;
  }

  /**
   * Returns the bound port.
   *
   * @return the port.
   */
  public int port() {
    return server.getAddress().getPort();
  }

  private void dispatch(final HttpExchange http) {
    RestExchange exchange = null;
    try {
      final byte[] body;
      try (InputStream in = http.getRequestBody()) {
        body = in.readAllBytes();
      }
      final String path = http.getRequestURI().getPath();
      final Optional<Router.Match> match = router.match(http.getRequestMethod(), path);
      exchange = new RestExchange(http, match.map(Router.Match::parameters).orElse(null), body);
      if (match.isEmpty()) {
        final boolean known = router.knowsPath(path);
        exchange.problem(
            known ? 405 : 404,
            known ? "METHOD_NOT_ALLOWED" : "NOT_FOUND",
            "Expected a supported /v2 operation, but %s %s is not served by the embedded engine"
                .formatted(http.getRequestMethod(), path));
        return;
      }
      match.get().endpoint().handle(exchange);
    } catch (final RuntimeException | IOException e) {
      answerFailure(exchange, http, e);
    }
  }

  private static void answerFailure(
      final RestExchange exchange, final HttpExchange http, final Exception e) {
    if (exchange == null) {
      LOG.error("Failed to read request {} {}", http.getRequestMethod(), http.getRequestURI(), e);
      http.close();
      return;
    }
    if (e instanceof CommandRejectedException rejection) {
      exchange.problem(
          status(rejection.type()),
          rejection.type().name(),
          "Command '%s' rejected with code '%s': %s"
              .formatted(rejection.intent(), rejection.type(), rejection.getMessage()));
    } else if (e instanceof InvalidRequestException || e instanceof DeploymentRejectedException) {
      exchange.problem(400, "INVALID_ARGUMENT", e.getMessage());
    } else {
      LOG.error("Failed to handle {} {}", http.getRequestMethod(), http.getRequestURI(), e);
      exchange.problem(500, "INTERNAL_ERROR", String.valueOf(e.getMessage()));
    }
  }

  static int status(final RejectionType type) {
    return switch (type) {
      case NOT_FOUND -> 404;
      case INVALID_STATE, ALREADY_EXISTS -> 409;
      case INVALID_ARGUMENT -> 400;
    };
  }

  private static ThreadFactory threads(final String prefix) {
    final AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      final Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    activations.close();
    awaiters.close();
    server.stop(0);
    scheduler.shutdownNow();
    handlers.shutdownNow();
    try {
      handlers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

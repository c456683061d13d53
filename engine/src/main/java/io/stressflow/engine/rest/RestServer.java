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

  /**
   * The largest request body served: 4 MiB, Camunda's default maximum message size, which bounds a
   * deployment's resources and a request's variables alike. Larger bodies are answered 413 after
   * reading at most this much again, so a client that sends them still gets the answer.
   */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService scheduler;
  private final Router router = new Router();
  private final JobActivations activations;
  private final InstanceAwaiters awaiters;

  private RestServer(
      final HttpServer server,
      final EngineRuntime runtime,
      final Duration defaultRequestTimeout,
      final boolean testEndpoints,
      final Duration searchLag) {
    this.server = server;
    final SearchIndex index = new SearchIndex(searchLag);
    this.handlers = Executors.newCachedThreadPool(threads("engine-http"));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("engine-poll"));
    this.activations = new JobActivations(runtime, scheduler, defaultRequestTimeout);
    this.awaiters = new InstanceAwaiters(runtime, scheduler);
    runtime.onBatch(activations);
    runtime.onSignals(awaiters::onSignals);
    new TopologyController().register(router);
    new DeploymentController(runtime).register(router);
    new ProcessInstanceController(runtime, awaiters, index).register(router);
    new JobController(runtime, activations, index).register(router);
    new MessageController(runtime).register(router);
    new UserTaskController(runtime, index).register(router);
    new IncidentController(runtime, index).register(router);
    new VariableController(runtime, index).register(router);
    if (testEndpoints) {
      // moves engine time: tests only, never in a production engine
      new ClockController(runtime).register(router);
    }
    new ProcessDefinitionController(runtime, index).register(router);
    new ElementInstanceController(runtime, index).register(router);
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
   * @param testEndpoints whether to serve the test-only clock endpoints.
   * @param searchLag how stale searches may be (zero: not at all).
   * @return the running server.
   * @throws IllegalStateException if the port is in use.
   */
  public static RestServer start(
      final String bindAddress,
      final int port,
      final EngineRuntime runtime,
      final Duration defaultRequestTimeout,
      final boolean testEndpoints,
      final Duration searchLag) {
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
    final RestServer rest =
        new RestServer(server, runtime, defaultRequestTimeout, testEndpoints, searchLag);
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
        body = readBody(http, in);
      }
      final String path = http.getRequestURI().getPath();
      if (body == null) {
        new RestExchange(http, null, new byte[0])
            .problem(
                413,
                "PAYLOAD_TOO_LARGE",
                "Expected a request body of at most %d bytes (4 MiB), but %s %s sent more"
                    .formatted(MAX_BODY_BYTES, http.getRequestMethod(), path));
        return;
      }
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

  /** The body, or null when it is longer than {@link #MAX_BODY_BYTES}. */
  private static byte[] readBody(final HttpExchange http, final InputStream in) throws IOException {
    final String declared = http.getRequestHeaders().getFirst("Content-Length");
    long length;
    try {
      length = declared == null ? -1 : Long.parseLong(declared.trim());
    } catch (final NumberFormatException e) {
      length = -1; // the JDK server has judged the header already; read as for a chunked body
    }
    if (length > 2L * MAX_BODY_BYTES) {
      // too much to read just to answer: the JDK server closes the connection after the answer
      return null;
    }
    final byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length <= MAX_BODY_BYTES) {
      return body;
    }
    // read what follows up to another limit's worth, so the client is not cut off mid-send
    long left = length < 0 ? MAX_BODY_BYTES : Math.min(MAX_BODY_BYTES, length - body.length);
    final byte[] sink = new byte[8192];
    int n;
    while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
      left -= n;
    }
    return null;
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

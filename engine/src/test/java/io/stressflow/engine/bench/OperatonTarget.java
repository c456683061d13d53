package io.stressflow.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.operaton.bpm.dmn.engine.DmnEngineConfiguration;
import org.operaton.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.operaton.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.rest.impl.FetchAndLockContextListener;
import org.operaton.bpm.engine.rest.impl.OperatonRestResources;

/**
 * Operaton (Apache-2.0) embedded on an H2 file with the same durability setting as ours ({@code
 * WRITE_DELAY=0}), its REST API on Jersey over Grizzly on loopback (the JDK HTTP server container
 * cannot suspend the long-polling fetchAndLock), and external-task workers that long-poll {@code
 * fetchAndLock} and {@code complete} over HTTP.
 */
final class OperatonTarget implements BenchmarkTarget {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngine engine;
  private final HttpServer server;
  private final FetchAndLockContextListener longPolling = new FetchAndLockContextListener();
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int workerThreads;
  private final int maxTasks;
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running;

  OperatonTarget(final Path dir, final int workerThreads, final int maxTasks) {
    this.workerThreads = workerThreads;
    this.maxTasks = maxTasks;
    final ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl)
            ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
    // no DMN or CMMN here; Operaton's DMN would look for its Scala FEEL engine, which is left off
    // this classpath (it brings a second feel-engine next to ours), so give it the JUEL one
    configuration.setDmnEnabled(false);
    configuration.setCmmnEnabled(false);
    final DefaultDmnEngineConfiguration dmn =
        (DefaultDmnEngineConfiguration)
            DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    dmn.setFeelEngineFactory(new FeelEngineFactoryImpl());
    configuration.setDmnEngineConfiguration(dmn);
    engine =
        configuration
            .setJdbcUrl(
                "jdbc:h2:file:" + dir.resolve("operaton").toAbsolutePath() + ";WRITE_DELAY=0")
            .setJdbcDriver("org.h2.Driver")
            .setJdbcUsername("sa")
            .setJdbcPassword("")
            .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
            .setJobExecutorActivate(false)
            // default "audit"; -Dbench.operatonHistory=none shows what history costs it
            .setHistory(
                System.getProperty(
                    "bench.operatonHistory", ProcessEngineConfiguration.HISTORY_DEFAULT))
            .buildProcessEngine();
    OperatonEngineProvider.set(engine);
    final ResourceConfig rest = new ResourceConfig();
    rest.registerClasses(OperatonRestResources.getResourceClasses());
    rest.registerClasses(OperatonRestResources.getConfigurationClasses());
    base = URI.create("http://127.0.0.1:" + freePort() + "/engine-rest");
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create(base + "/"), rest, true);
    // what a servlet container would do: start the long-polling fetchAndLock handler
    longPolling.contextInitialized(new ServletContextEvent(emptyServletContext()));
  }

  @Override
  public void deploy(final String processId, final int tasks) {
    final StringBuilder xml =
        new StringBuilder(
            """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:operaton="http://operaton.org/schema/1.0/bpmn" targetNamespace="bench">
              <process id="%s" isExecutable="true" operaton:historyTimeToLive="P7D">
                <startEvent id="start"/>
            """
                .formatted(processId));
    String previous = "start";
    for (int t = 1; t <= tasks; t++) {
      xml.append(
          """
              <sequenceFlow id="f%d" sourceRef="%s" targetRef="t%d"/>
              <serviceTask id="t%d" operaton:type="external" operaton:topic="%s"/>
          """
              .formatted(t, previous, t, t, processId));
      previous = "t" + t;
    }
    xml.append(
        """
            <sequenceFlow id="fend" sourceRef="%s" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """
            .formatted(previous));
    engine
        .getRepositoryService()
        .createDeployment()
        .addString(processId + ".bpmn", xml.toString())
        .deploy();
  }

  @Override
  public void startWorkers(
      final String processId, final int tasks, final LatencyRecorder recorder) {
    running = true;
    final String last = "t" + tasks;
    for (int w = 0; w < workerThreads; w++) {
      final String workerId = "worker-" + w;
      final Thread thread =
          new Thread(() -> work(processId, workerId, last, recorder), "operaton-" + workerId);
      thread.setDaemon(true);
      thread.start();
      workers.add(thread);
    }
  }

  private void work(
      final String topic, final String workerId, final String last, final LatencyRecorder rec) {
    final ObjectNode fetch = JSON.createObjectNode();
    fetch.put("workerId", workerId);
    fetch.put("maxTasks", maxTasks);
    fetch.put("usePriority", false);
    fetch.put("asyncResponseTimeout", Long.getLong("bench.operatonLongPoll", 1000));
    final ObjectNode topicNode = fetch.putArray("topics").addObject();
    topicNode.put("topicName", topic);
    topicNode.put("lockDuration", 300_000);
    topicNode.putArray("variables").add("i");
    final String complete = JSON.createObjectNode().put("workerId", workerId).toString();
    while (running) {
      try {
        final JsonNode tasks = JSON.readTree(post("/external-task/fetchAndLock", fetch.toString()));
        for (final JsonNode task : (ArrayNode) tasks) {
          post("/external-task/" + task.get("id").asText() + "/complete", complete);
          if (task.get("activityId").asText().equals(last)) {
            rec.completed(task.path("variables").path("i").path("value").asInt(-1));
          }
        }
      } catch (final IOException e) {
        if (running) {
          System.err.println("operaton worker: " + e);
        }
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private String post(final String path, final String body)
      throws IOException, InterruptedException {
    final HttpResponse<String> response =
        http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException(
          "Expected a 2xx from POST %s, but got %d: %s"
              .formatted(path, response.statusCode(), response.body()));
    }
    return response.body();
  }

  private HttpRequest request(final String path, final String body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  @Override
  public void stopWorkers() {
    running = false;
    for (final Thread thread : workers) {
      try {
        thread.join(5_000);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.clear();
  }

  @Override
  public CompletableFuture<?> create(final String processId, final int i) {
    final String body = "{\"variables\":{\"i\":{\"value\":%d,\"type\":\"Integer\"}}}".formatted(i);
    return http.sendAsync(
            request("/process-definition/key/" + processId + "/start", body),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException(
                    "Expected 200 from start, but got %d: %s"
                        .formatted(response.statusCode(), response.body()));
              }
              return response;
            });
  }

  @Override
  public void close() {
    stopWorkers();
    longPolling.contextDestroyed(null);
    server.shutdownNow();
    engine.close();
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (final IOException e) {
      throw new IllegalStateException("Expected a free port, but: " + e, e);
    }
  }

  /** A servlet context without init parameters: the long-polling handler's defaults apply. */
  private static ServletContext emptyServletContext() {
    return (ServletContext)
        Proxy.newProxyInstance(
            OperatonTarget.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) -> {
              if (method.getReturnType() == boolean.class) {
                return false;
              }
              if (method.getReturnType() == int.class) {
                return 0;
              }
              return null;
            });
  }

  @Override
  public String toString() {
    return "operaton (%d worker threads)".formatted(workerThreads);
  }
}

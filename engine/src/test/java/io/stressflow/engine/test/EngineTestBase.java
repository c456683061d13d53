package io.stressflow.engine.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import io.stressflow.engine.EventLog;
import io.stressflow.engine.EventLog.Intent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts one engine on a temporary H2 file and one real Camunda client per test class, talking over
 * HTTP on loopback only.
 *
 * <p>With the environment variable {@value #REST_ADDRESS_ENV} set (e.g. {@code
 * http://localhost:8080}), no engine is started: the client talks to that Camunda 8 REST address
 * instead (the client's own {@code CAMUNDA_*} environment variables apply, e.g. for credentials),
 * so the same suite checks a real cluster. Tests that need the embedded engine's in-process event
 * log or configuration are then skipped with a message saying so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineTestBase {
  /** The usual element lifecycle of an element that completes. */
  public static final List<Intent> COMPLETED =
      List.of(
          Intent.ELEMENT_ACTIVATING,
          Intent.ELEMENT_ACTIVATED,
          Intent.ELEMENT_COMPLETING,
          Intent.ELEMENT_COMPLETED);

  /** The lifecycle of an element that was activated and then terminated. */
  public static final List<Intent> TERMINATED =
      List.of(
          Intent.ELEMENT_ACTIVATING,
          Intent.ELEMENT_ACTIVATED,
          Intent.ELEMENT_TERMINATING,
          Intent.ELEMENT_TERMINATED);

  /** Names the Camunda 8 REST address to run the suite against instead of the embedded engine. */
  public static final String REST_ADDRESS_ENV = "STRESSFLOW_CONFORMANCE_REST_ADDRESS";

  protected Path dataDir;

  /** The embedded engine; null when running against {@value #REST_ADDRESS_ENV}. */
  protected Engine engine;

  protected CamundaClient client;

  /** The REST address the client talks to (the client appends /v2). */
  protected URI restAddress;

  @BeforeAll
  void startEngine(@TempDir final Path dir) {
    dataDir = dir;
    final String external = System.getenv(REST_ADDRESS_ENV);
    if (external != null && !external.isBlank()) {
      restAddress = URI.create(external.strip());
      client =
          CamundaClient.newClientBuilder()
              .restAddress(restAddress)
              .preferRestOverGrpc(true)
              .defaultJobWorkerStreamEnabled(false)
              .build();
      return;
    }
    engine =
        Engine.start(
            EngineConfig.create(
                c -> {
                  c.jdbcUrl = jdbcUrl();
                  // the tests move engine time through PUT /v2/clock
                  c.testEndpoints = true;
                  configure(c);
                }));
    restAddress = engine.restAddress();
    client = newClient(engine);
  }

  @AfterAll
  void stopEngine() {
    // engine first: it answers parked long polls, so the client need not wait for them
    if (engine != null) {
      engine.close();
    }
    if (client != null) {
      client.close();
    }
  }

  /** Hook to change this class's engine configuration. */
  protected void configure(final EngineConfig.Builder config) {}

  /** The JDBC URL of this class's engine state. */
  protected String jdbcUrl() {
    return "jdbc:h2:file:" + dataDir.resolve("engine").toAbsolutePath();
  }

  /** Builds a client for an engine, REST only, no environment overrides. */
  public static CamundaClient newClient(final Engine engine) {
    return CamundaClient.newClientBuilder()
        .restAddress(engine.restAddress())
        .preferRestOverGrpc(true)
        .defaultJobWorkerStreamEnabled(false)
        .applyEnvironmentVariableOverrides(false)
        .build();
  }

  /** A fresh process id, so tests in one class never share definitions. */
  protected static String processId() {
    return "p-" + UUID.randomUUID().toString().substring(0, 8);
  }

  protected DeploymentEvent deploy(final BpmnModelInstance model) {
    return client
        .newDeployResourceCommand()
        .addResourceStringUtf8(Bpmn.convertToString(model), "process.bpmn")
        .send()
        .join();
  }

  protected long createInstance(final String processId) {
    return createInstance(processId, Map.of());
  }

  protected long createInstance(final String processId, final Map<String, Object> variables) {
    final ProcessInstanceEvent event =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(variables)
            .send()
            .join();
    return event.getProcessInstanceKey();
  }

  /** Activates the one job of a type, waiting up to 5 s for it. */
  protected ActivatedJob activateJob(final String type) {
    final List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).as("a job of type '%s'", type).hasSize(1);
    return jobs.get(0);
  }

  /** The incidents of a process instance. */
  protected List<Incident> incidentsOf(final long instanceKey) {
    return client
        .newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(instanceKey))
        .send()
        .join()
        .items();
  }

  /** Skips the calling test unless it runs against the embedded engine. */
  protected void assumeEmbedded(final String need) {
    Assumptions.assumeTrue(
        engine != null,
        () ->
            "needs the embedded engine (%s); skipped against %s=%s"
                .formatted(need, REST_ADDRESS_ENV, restAddress));
  }

  /** The embedded engine's event log; skips the test when running against another address. */
  protected EventLog log() {
    assumeEmbedded("its in-process event log");
    return engine.eventLog();
  }

  /** Waits until an element of an instance reached an intent. */
  protected void awaitIntent(final long instanceKey, final String elementId, final Intent intent) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> log().intents(instanceKey, elementId).contains(intent));
  }

  /**
   * Waits until an instance's process completed: from the event log, or, against another address,
   * by asking for the instance until its state is COMPLETED (search data may lag there).
   */
  protected void awaitCompleted(final long instanceKey, final String processId) {
    if (engine != null) {
      awaitIntent(instanceKey, processId, Intent.ELEMENT_COMPLETED);
      return;
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                client.newProcessInstanceGetRequest(instanceKey).send().join().getState()
                    == ProcessInstanceState.COMPLETED);
  }
}

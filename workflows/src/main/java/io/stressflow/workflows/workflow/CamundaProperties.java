package io.stressflow.workflows.workflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the workflow engine is, bound from {@code stressflow.camunda.*}.
 *
 * <p>With no {@code rest-address} the application starts the embedded engine and talks to it over
 * loopback HTTP exactly as it would to Camunda 8. With a {@code rest-address} it talks to that
 * cluster; credentials then come from Camunda's own environment variables ({@code
 * CAMUNDA_CLIENT_ID}, {@code CAMUNDA_CLIENT_SECRET}, {@code CAMUNDA_AUTHORIZATION_SERVER_URL},
 * {@code CAMUNDA_TOKEN_AUDIENCE}, or {@code CAMUNDA_BASIC_AUTH_USERNAME}/{@code _PASSWORD}).
 *
 * @param restAddress a Camunda 8 REST address, e.g. {@code https://camunda.example:8080}; empty for
 *     the embedded engine.
 * @param engine the embedded engine's settings (ignored with a {@code rest-address}).
 * @param workerTimeout how long a job worker holds a job before the engine may hand it out again
 *     (after a crash, how long until another worker gets it). Campaign steps take seconds.
 * @param retryBackoff how long a failed campaign step waits before its next try (a chamber that
 *     dropped off the network often comes back; a chamber alarm must be cleared first).
 * @param tenantId the Camunda tenant of this lab's application: its deployments, instances,
 *     messages and job workers stay in it, so several labs' applications on one multi-tenant
 *     cluster never take each other's jobs; empty for the default tenant.
 * @param visibilityTimeout how long a read waits for a change this application just made to show (a
 *     cluster's reads trail its commands, by about a second): a claimed task is read until it shows
 *     its assignee.
 */
@ConfigurationProperties("stressflow.camunda")
public record CamundaProperties(
    @DefaultValue("") String restAddress,
    @DefaultValue EmbeddedEngine engine,
    @DefaultValue("5m") Duration workerTimeout,
    @DefaultValue("30s") Duration retryBackoff,
    @DefaultValue("") String tenantId,
    @DefaultValue("10s") Duration visibilityTimeout) {

  /** Whether to start and use the embedded engine. */
  public boolean embedded() {
    return restAddress == null || restAddress.isBlank();
  }

  /**
   * The embedded engine.
   *
   * @param port its HTTP port on 127.0.0.1; 0 picks a free port.
   * @param jdbcUrl where it keeps its state.
   * @param searchLag how stale its searches may be (default 0: current); a positive lag makes them
   *     trail commands as a Camunda 8 cluster's do, to test the application under eventual
   *     consistency.
   */
  public record EmbeddedEngine(
      @DefaultValue("8088") int port,
      @DefaultValue("jdbc:h2:file:./data/engine") String jdbcUrl,
      @DefaultValue("0s") Duration searchLag) {}
}

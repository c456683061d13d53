package io.stressflow.workflows.workflow;

import io.camunda.client.CamundaClient;
import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import io.stressflow.workflows.system.ConfigurationProblem;
import java.net.URI;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The Camunda client, and the embedded engine behind it when no Camunda 8 address is set. The rest
 * of the application only ever sees {@link CamundaClient}: it cannot tell which engine it talks to.
 */
@Configuration(proxyBeanMethods = false)
class CamundaConfiguration {

  @Bean(destroyMethod = "close")
  @Conditional(EmbeddedEngineCondition.class)
  Engine embeddedEngine(CamundaProperties properties, Clock clock) {
    try {
      return Engine.start(
          EngineConfig.create(
              b -> {
                b.port = properties.engine().port();
                b.jdbcUrl = properties.engine().jdbcUrl();
                b.clock = clock;
              }));
    } catch (IllegalStateException e) {
      if (e.getMessage() != null && e.getMessage().contains("database")) {
        throw new ConfigurationProblem(
            "stressflow.camunda.engine.jdbc-url",
            "the embedded workflow engine cannot open its state: " + e.getMessage(),
            "Set stressflow.data-dir (or stressflow.camunda.engine.jdbc-url) to a writable"
                + " folder, written as an absolute path or starting with ./",
            e);
      }
      throw new ConfigurationProblem(
          "stressflow.camunda.engine.port",
          "the embedded workflow engine cannot start: " + e.getMessage(),
          "Set stressflow.camunda.engine.port to a free port (0 picks one), or set"
              + " stressflow.camunda.rest-address to use a Camunda 8 cluster instead.",
          e);
    }
  }

  /** Camunda's tenant ids: letters, digits, '_', '.', '-', up to 31 characters. */
  private static final java.util.regex.Pattern TENANT =
      java.util.regex.Pattern.compile("[\\w.-]{1,31}");

  @Bean(destroyMethod = "close")
  CamundaClient camundaClient(CamundaProperties properties, ObjectProvider<Engine> engine) {
    return withTenant(client(properties, engine), properties.tenantId()).build();
  }

  /**
   * Scopes every command and job worker to the lab's tenant, when one is set: on a multi-tenant
   * cluster several labs' applications then never take each other's jobs or messages.
   */
  static io.camunda.client.CamundaClientBuilder withTenant(
      io.camunda.client.CamundaClientBuilder builder, String tenantId) {
    if (tenantId == null || tenantId.isBlank()) {
      return builder;
    }
    String t = tenantId.trim();
    if (!TENANT.matcher(t).matches()) {
      throw new ConfigurationProblem(
          "stressflow.camunda.tenant-id",
          "'" + t + "' is not a Camunda tenant id",
          "Use letters, digits, '_', '.' or '-', up to 31 characters, as the tenant is named in"
              + " the cluster's Identity; or leave it empty for the default tenant.",
          null);
    }
    return builder.defaultTenantId(t).defaultJobWorkerTenantIds(java.util.List.of(t));
  }

  private static io.camunda.client.CamundaClientBuilder client(
      CamundaProperties properties, ObjectProvider<Engine> engine) {
    if (properties.embedded()) {
      return CamundaClient.newClientBuilder()
          .restAddress(engine.getObject().restAddress())
          .preferRestOverGrpc(true)
          .defaultJobWorkerStreamEnabled(false)
          // campaign steps talk to chambers and modules: a slow one must not hold up the rest
          .numJobWorkerExecutionThreads(4)
          // the embedded engine is ours: a stray CAMUNDA_REST_ADDRESS must not redirect it
          .applyEnvironmentVariableOverrides(false);
    }
    URI address;
    try {
      address = URI.create(properties.restAddress());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationProblem(
          "stressflow.camunda.rest-address",
          "'" + properties.restAddress() + "' is not a URI: " + e.getMessage(),
          "Set it to the cluster's REST address, e.g. http://localhost:8080.",
          e);
    }
    return CamundaClient.newClientBuilder()
        .restAddress(address)
        .preferRestOverGrpc(true)
        .defaultJobWorkerStreamEnabled(false)
        // campaign steps talk to chambers and modules: a slow one must not hold up the rest
        .numJobWorkerExecutionThreads(4);
  }
}

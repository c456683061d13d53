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
                b.searchLag = properties.engine().searchLag();
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
    ShutdownRaceFilter.install();
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
    return cluster(address, System::getenv);
  }

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(CamundaConfiguration.class);

  /** Client settings from the environment that would replace the ones configured here. */
  private static final java.util.List<String> IGNORED_ENVIRONMENT =
      java.util.List.of(
          "CAMUNDA_REST_ADDRESS",
          "ZEEBE_REST_ADDRESS",
          "CAMUNDA_GRPC_ADDRESS",
          "ZEEBE_GRPC_ADDRESS",
          "CAMUNDA_PREFER_REST",
          "ZEEBE_PREFER_REST");

  /**
   * The client of a Camunda 8 cluster at {@code address}. The client's own environment overrides
   * are off: {@code CAMUNDA_REST_ADDRESS} or {@code CAMUNDA_PREFER_REST} in the environment would
   * otherwise silently replace {@code stressflow.camunda.rest-address} and the REST preference
   * (they are ignored, with a warning). Credentials still come from the client's documented
   * environment variables: OAuth ({@code CAMUNDA_CLIENT_ID}, {@code CAMUNDA_CLIENT_SECRET}, {@code
   * CAMUNDA_AUTHORIZATION_SERVER_URL}, {@code CAMUNDA_TOKEN_AUDIENCE}, {@code CAMUNDA_TOKEN_SCOPE})
   * or basic ({@code CAMUNDA_BASIC_AUTH_USERNAME}, {@code CAMUNDA_BASIC_AUTH_PASSWORD}), and a CA
   * certificate from {@code CAMUNDA_CA_CERTIFICATE_PATH}.
   */
  static io.camunda.client.CamundaClientBuilder cluster(
      URI address, java.util.function.Function<String, String> environment) {
    java.util.function.Function<String, String> env =
        name -> {
          String v = environment.apply(name);
          return v == null || v.isBlank() ? null : v.trim();
        };
    for (String name : IGNORED_ENVIRONMENT) {
      if (env.apply(name) != null) {
        LOG.warn(
            "{} is set in the environment and is ignored: Stressflow talks REST to"
                + " stressflow.camunda.rest-address ({})",
            name,
            address);
      }
    }
    io.camunda.client.CamundaClientBuilder builder =
        CamundaClient.newClientBuilder()
            .restAddress(address)
            .preferRestOverGrpc(true)
            .applyEnvironmentVariableOverrides(false)
            .defaultJobWorkerStreamEnabled(false)
            // campaign steps talk to chambers and modules: a slow one must not hold up the rest
            .numJobWorkerExecutionThreads(4);
    String caCertificate = env.apply("CAMUNDA_CA_CERTIFICATE_PATH");
    if (caCertificate != null) {
      builder.caCertificatePath(caCertificate);
    }
    String clientId = first(env, "CAMUNDA_CLIENT_ID", "ZEEBE_CLIENT_ID");
    String user = env.apply("CAMUNDA_BASIC_AUTH_USERNAME");
    if (clientId != null) {
      var oauth =
          io.camunda.client.CredentialsProvider.newCredentialsProviderBuilder()
              .applyEnvironmentOverrides(false)
              .clientId(clientId)
              .clientSecret(first(env, "CAMUNDA_CLIENT_SECRET", "ZEEBE_CLIENT_SECRET"));
      String server =
          first(env, "CAMUNDA_AUTHORIZATION_SERVER_URL", "ZEEBE_AUTHORIZATION_SERVER_URL");
      if (server == null) {
        throw new ConfigurationProblem(
            "CAMUNDA_AUTHORIZATION_SERVER_URL",
            "CAMUNDA_CLIENT_ID is set but no token URL is",
            "Set CAMUNDA_AUTHORIZATION_SERVER_URL to the identity provider's token endpoint"
                + " (and CAMUNDA_TOKEN_AUDIENCE), or unset CAMUNDA_CLIENT_ID.",
            null);
      }
      oauth.authorizationServerUrl(server);
      String audience = first(env, "CAMUNDA_TOKEN_AUDIENCE", "ZEEBE_TOKEN_AUDIENCE");
      if (audience != null) {
        oauth.audience(audience);
      }
      String scope = first(env, "CAMUNDA_TOKEN_SCOPE", "ZEEBE_TOKEN_SCOPE");
      if (scope != null) {
        oauth.scope(scope);
      }
      builder.credentialsProvider(oauth.build());
    } else if (user != null) {
      builder.credentialsProvider(
          io.camunda.client.CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
              .applyEnvironmentOverrides(false)
              .username(user)
              .password(env.apply("CAMUNDA_BASIC_AUTH_PASSWORD"))
              .build());
    }
    return builder;
  }

  private static String first(java.util.function.Function<String, String> env, String... names) {
    for (String name : names) {
      String v = env.apply(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}

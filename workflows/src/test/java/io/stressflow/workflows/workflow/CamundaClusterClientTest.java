package io.stressflow.workflows.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.client.CamundaClient;
import io.camunda.client.impl.basicauth.BasicAuthCredentialsProvider;
import io.camunda.client.impl.oauth.OAuthCredentialsProvider;
import io.stressflow.workflows.system.ConfigurationProblem;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: on a real cluster the configured address and REST preference hold whatever the
 * client's environment variables say; credentials still come from the client's documented ones.
 */
class CamundaClusterClientTest {

  private static final URI CONFIGURED = URI.create("http://camunda.lab.example:8080");

  @Test
  void shouldKeepTheConfiguredAddressAndRestWhateverTheEnvironmentSays() {
    Map<String, String> env =
        Map.of(
            "CAMUNDA_REST_ADDRESS", "http://elsewhere:9999",
            "ZEEBE_REST_ADDRESS", "http://elsewhere:9998",
            "CAMUNDA_PREFER_REST", "false");
    try (CamundaClient client = CamundaConfiguration.cluster(CONFIGURED, env::get).build()) {
      assertThat(client.getConfiguration().getRestAddress()).isEqualTo(CONFIGURED);
      assertThat(client.getConfiguration().preferRestOverGrpc()).isTrue();
      // no credentials in the environment: none (a cluster without authentication)
      assertThat(client.getConfiguration().getCredentialsProvider()).isNull();
    }
  }

  @Test
  void shouldTakeOAuthCredentialsFromTheClientsEnvironmentVariables() {
    Map<String, String> env =
        Map.of(
            "CAMUNDA_CLIENT_ID", "stressflow",
            "CAMUNDA_CLIENT_SECRET", "s3cret",
            "CAMUNDA_AUTHORIZATION_SERVER_URL", "http://keycloak:18080/realms/camunda/token",
            "CAMUNDA_TOKEN_AUDIENCE", "orchestration-api");
    try (CamundaClient client = CamundaConfiguration.cluster(CONFIGURED, env::get).build()) {
      assertThat(client.getConfiguration().getCredentialsProvider())
          .isInstanceOf(OAuthCredentialsProvider.class);
    }
  }

  @Test
  void shouldTakeBasicCredentialsFromTheClientsEnvironmentVariables() {
    Map<String, String> env =
        Map.of("CAMUNDA_BASIC_AUTH_USERNAME", "demo", "CAMUNDA_BASIC_AUTH_PASSWORD", "demo");
    try (CamundaClient client = CamundaConfiguration.cluster(CONFIGURED, env::get).build()) {
      assertThat(client.getConfiguration().getCredentialsProvider())
          .isInstanceOf(BasicAuthCredentialsProvider.class);
    }
  }

  @Test
  void shouldNameTheMissingTokenUrlOfAnOAuthClient() {
    Map<String, String> env = Map.of("CAMUNDA_CLIENT_ID", "stressflow");
    ConfigurationProblem problem =
        catchThrowableOfType(
            ConfigurationProblem.class, () -> CamundaConfiguration.cluster(CONFIGURED, env::get));
    assertThat(problem.property()).isEqualTo("CAMUNDA_AUTHORIZATION_SERVER_URL");
  }
}

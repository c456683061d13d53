package io.stressflow.workflows.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.client.CamundaClient;
import io.stressflow.workflows.system.ConfigurationProblem;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #13 item 5: a lab's application scopes its commands and job workers to its Camunda tenant,
 * so several labs on one multi-tenant cluster never take each other's jobs.
 */
class CamundaTenantTest {

  @Test
  void shouldScopeCommandsAndJobWorkersToTheLabsTenant() {
    try (CamundaClient client = CamundaConfiguration.withTenant(builder(), "lab-berlin").build()) {
      assertThat(client.getConfiguration().getDefaultTenantId()).isEqualTo("lab-berlin");
      assertThat(client.getConfiguration().getDefaultJobWorkerTenantIds())
          .containsExactly("lab-berlin");
    }
  }

  @Test
  void shouldKeepTheDefaultTenantWhenNoneIsSet() {
    try (CamundaClient client = CamundaConfiguration.withTenant(builder(), " ").build()) {
      assertThat(client.getConfiguration().getDefaultTenantId()).isEqualTo("<default>");
      assertThat(client.getConfiguration().getDefaultJobWorkerTenantIds())
          .isEqualTo(List.of("<default>"));
    }
  }

  @Test
  void shouldNameThePropertyOfABadTenantId() {
    ConfigurationProblem problem =
        catchThrowableOfType(
            ConfigurationProblem.class,
            () -> CamundaConfiguration.withTenant(builder(), "lab berlin/2"));
    assertThat(problem.property()).isEqualTo("stressflow.camunda.tenant-id");
    assertThat(problem.getMessage()).contains("'lab berlin/2' is not a Camunda tenant id");
  }

  private static io.camunda.client.CamundaClientBuilder builder() {
    return CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(true)
        .applyEnvironmentVariableOverrides(false);
  }
}

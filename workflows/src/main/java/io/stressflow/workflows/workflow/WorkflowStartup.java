package io.stressflow.workflows.workflow;

import io.stressflow.workflows.system.ConfigurationProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * Start order in one place: deploy the process models, then open the job workers, before any runner
 * (the demo, the CLI) launches a campaign. Workers close first on shutdown.
 */
@Component
class WorkflowStartup {

  private final ProcessDeployer deployer;
  private final CampaignJobWorkers workers;
  private final CamundaProperties properties;

  WorkflowStartup(
      ProcessDeployer deployer, CampaignJobWorkers workers, CamundaProperties properties) {
    this.deployer = deployer;
    this.workers = workers;
    this.properties = properties;
  }

  @EventListener(ApplicationStartedEvent.class)
  void start() {
    try {
      deployer.deploy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      if (properties.embedded()) {
        throw e;
      }
      // the first call to the cluster: an address that does not answer is a setting to change
      throw new ConfigurationProblem(
          "stressflow.camunda.rest-address",
          "the Camunda 8 cluster at '%s' did not accept the process models: %s"
              .formatted(properties.restAddress(), NestedExceptionUtils.getMostSpecificCause(e)),
          "Check that the cluster is up and that stressflow.camunda.rest-address is its REST"
              + " address (e.g. http://camunda.example:8080) and its credentials are set (README,"
              + " \"Pointing it at a real Camunda 8 cluster\"); leave the address empty to use"
              + " the embedded engine.",
          e);
    }
    workers.open();
  }

  @EventListener(ContextClosedEvent.class)
  void stop() {
    workers.close();
  }
}

package io.stressflow.workflows.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Start order in one place: deploy the process models, then open the job workers, before any runner
 * (the demo, the CLI) launches a campaign. Workers close first on shutdown.
 */
@Component
class WorkflowStartup {

  private final ProcessDeployer deployer;
  private final CampaignJobWorkers workers;

  WorkflowStartup(ProcessDeployer deployer, CampaignJobWorkers workers) {
    this.deployer = deployer;
    this.workers = workers;
  }

  @EventListener(ApplicationStartedEvent.class)
  void start() {
    try {
      deployer.deploy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    workers.open();
  }

  @EventListener(ContextClosedEvent.class)
  void stop() {
    workers.close();
  }
}

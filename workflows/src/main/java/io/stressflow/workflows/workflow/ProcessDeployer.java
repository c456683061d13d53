package io.stressflow.workflows.workflow;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.DeploymentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the process models and their forms shipped under {@code bpmn/} (the top-level folder) on
 * start, in one deployment so user tasks find their forms.
 */
@Component
class ProcessDeployer {

  private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);
  static final String LOCATION = "classpath*:bpmn/*.*";

  private final CamundaClient client;

  ProcessDeployer(CamundaClient client) {
    this.client = client;
  }

  DeploymentEvent deploy() throws IOException {
    Resource[] resources =
        Arrays.stream(new PathMatchingResourcePatternResolver().getResources(LOCATION))
            .filter(r -> r.getFilename() != null)
            .filter(r -> r.getFilename().endsWith(".bpmn") || r.getFilename().endsWith(".form"))
            .toArray(Resource[]::new);
    if (resources.length == 0) {
      throw new IllegalStateException(
          "Expected process models at " + LOCATION + ", but found none; is bpmn/ packaged?");
    }
    Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
    DeployResourceCommandStep2 command = null;
    for (Resource resource : resources) {
      try (InputStream in = resource.getInputStream()) {
        byte[] bytes = in.readAllBytes();
        command =
            command == null
                ? client.newDeployResourceCommand().addResourceBytes(bytes, resource.getFilename())
                : command.addResourceBytes(bytes, resource.getFilename());
      }
    }
    DeploymentEvent event = command.send().join();
    event
        .getProcesses()
        .forEach(
            p ->
                log.info(
                    "Deployed process '{}' version {} from {}",
                    p.getBpmnProcessId(),
                    p.getVersion(),
                    p.getResourceName()));
    return event;
  }
}

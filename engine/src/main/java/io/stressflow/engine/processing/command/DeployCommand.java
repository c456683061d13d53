package io.stressflow.engine.processing.command;

import io.stressflow.engine.model.ExecutableProcess;
import io.stressflow.engine.model.parse.BpmnParser;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.state.ProcessDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deploys BPMN resources: parses all first, then stores a new version per changed process. */
public final class DeployCommand {
  private final BpmnParser parser = new BpmnParser();

  /**
   * One resource of a deployment.
   *
   * @param name the resource (file) name.
   * @param content the bytes.
   */
  public record Resource(String name, byte[] content) {}

  /**
   * The outcome of a deployment.
   *
   * @param deploymentKey the deployment key.
   * @param definitions the deployed (or unchanged, re-used) process definitions.
   */
  public record Deployment(long deploymentKey, List<ProcessDefinition> definitions) {}

  /**
   * Parses every resource (rejecting the whole deployment if one is bad), then deploys.
   *
   * @param resources the resources.
   * @param tenantId the tenant.
   * @return a function that performs the deployment inside a command.
   */
  public java.util.function.Function<BpmnProcessor, Deployment> prepare(
      final List<Resource> resources, final String tenantId) {
    final Map<Resource, List<ExecutableProcess>> parsed = new LinkedHashMap<>();
    for (final Resource resource : resources) {
      parsed.put(resource, parser.parse(resource.name(), resource.content()));
    }
    return processor -> deploy(processor, parsed, tenantId);
  }

  private Deployment deploy(
      final BpmnProcessor processor,
      final Map<Resource, List<ExecutableProcess>> parsed,
      final String tenantId) {
    final long deploymentKey = processor.state().nextKey();
    final List<ProcessDefinition> definitions = new ArrayList<>();
    parsed.forEach(
        (resource, processes) -> {
          final String xml = BpmnParser.text(resource.content());
          for (final ExecutableProcess process : processes) {
            final Optional<ProcessDefinition> latest =
                processor.processes().latest(process.bpmnProcessId());
            if (latest.isPresent()
                && latest.get().xml().equals(xml)
                && latest.get().resourceName().equals(resource.name())) {
              // unchanged resource: Camunda keeps the version
              definitions.add(latest.get());
              continue;
            }
            final ProcessDefinition definition =
                new ProcessDefinition(
                    processor.state().nextKey(),
                    process.bpmnProcessId(),
                    latest.map(d -> d.version() + 1).orElse(1),
                    resource.name(),
                    deploymentKey,
                    xml,
                    tenantId);
            processor.state().definitions().put(definition);
            processor.cacheModel(definition.key(), process);
            processor.events().onDeployed(definition, latest.orElse(null));
            definitions.add(definition);
          }
        });
    return new Deployment(deploymentKey, definitions);
  }
}

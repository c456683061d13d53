package io.stressflow.engine.processing.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressflow.engine.model.ExecutableProcess;
import io.stressflow.engine.model.parse.BpmnParser;
import io.stressflow.engine.model.parse.DeploymentRejectedException;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.state.FormDefinition;
import io.stressflow.engine.state.ProcessDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Deploys BPMN and form resources: checks all first (one bad resource rejects the deployment), then
 * stores a new version per changed process or form.
 */
public final class DeployCommand {
  private final BpmnParser parser = new BpmnParser();
  private final ObjectMapper mapper = new ObjectMapper();

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
   * @param forms the deployed (or unchanged, re-used) forms.
   */
  public record Deployment(
      long deploymentKey, List<ProcessDefinition> definitions, List<FormDefinition> forms) {}

  /**
   * Checks every resource (rejecting the whole deployment if one is bad), then deploys.
   *
   * @param resources the resources.
   * @param tenantId the tenant.
   * @return a function that performs the deployment inside a command.
   * @throws DeploymentRejectedException if a resource is malformed or unsupported.
   */
  public Function<BpmnProcessor, Deployment> prepare(
      final List<Resource> resources, final String tenantId) {
    final Map<Resource, List<ExecutableProcess>> processes = new LinkedHashMap<>();
    final Map<Resource, String> forms = new LinkedHashMap<>();
    for (final Resource resource : resources) {
      if (resource.name().endsWith(".form")) {
        forms.put(resource, formId(resource));
      } else if (resource.name().endsWith(".bpmn") || resource.name().endsWith(".xml")) {
        processes.put(resource, parser.parse(resource.name(), resource.content()));
      } else {
        throw new DeploymentRejectedException(
            ("Expected to deploy BPMN (.bpmn, .xml) or form (.form) resources, but '%s' is"
                    + " neither; decisions and other resources are not supported by the"
                    + " embedded engine")
                .formatted(resource.name()));
      }
    }
    return processor -> deploy(processor, processes, forms, tenantId);
  }

  private String formId(final Resource resource) {
    try {
      final JsonNode form = mapper.readTree(resource.content());
      final String id = form == null ? "" : form.path("id").asText("");
      if (id.isBlank()) {
        throw new DeploymentRejectedException(
            "Expected form '%s' to have an 'id', but it has none".formatted(resource.name()));
      }
      return id;
    } catch (final IOException e) {
      throw new DeploymentRejectedException(
          "Expected form '%s' to be JSON, but: %s".formatted(resource.name(), e.getMessage()));
    }
  }

  private Deployment deploy(
      final BpmnProcessor processor,
      final Map<Resource, List<ExecutableProcess>> processes,
      final Map<Resource, String> forms,
      final String tenantId) {
    final long deploymentKey = processor.state().nextKey();
    final List<FormDefinition> deployedForms = new ArrayList<>();
    forms.forEach(
        (resource, formId) ->
            deployedForms.add(deployForm(processor, resource, formId, deploymentKey, tenantId)));
    final List<ProcessDefinition> definitions = new ArrayList<>();
    processes.forEach(
        (resource, models) -> {
          for (final ExecutableProcess model : models) {
            definitions.add(deployProcess(processor, resource, model, deploymentKey, tenantId));
          }
        });
    return new Deployment(deploymentKey, definitions, deployedForms);
  }

  private ProcessDefinition deployProcess(
      final BpmnProcessor processor,
      final Resource resource,
      final ExecutableProcess model,
      final long deploymentKey,
      final String tenantId) {
    final String xml = BpmnParser.text(resource.content());
    final Optional<ProcessDefinition> latest = processor.processes().latest(model.bpmnProcessId());
    if (latest.isPresent()
        && latest.get().xml().equals(xml)
        && latest.get().resourceName().equals(resource.name())) {
      // unchanged resource: Camunda keeps the version
      return latest.get();
    }
    final ProcessDefinition definition =
        new ProcessDefinition(
            processor.state().nextKey(),
            model.bpmnProcessId(),
            latest.map(d -> d.version() + 1).orElse(1),
            resource.name(),
            deploymentKey,
            xml,
            tenantId);
    processor.state().definitions().put(definition);
    processor.cacheModel(definition.key(), model);
    processor.events().onDeployed(definition, latest.orElse(null));
    return definition;
  }

  private FormDefinition deployForm(
      final BpmnProcessor processor,
      final Resource resource,
      final String formId,
      final long deploymentKey,
      final String tenantId) {
    final String schema = new String(resource.content(), StandardCharsets.UTF_8);
    final Optional<FormDefinition> latest =
        processor.state().forms().view().stream()
            .filter(f -> f.formId().equals(formId))
            .max(Comparator.comparingInt(FormDefinition::version));
    if (latest.isPresent() && latest.get().schema().equals(schema)) {
      return latest.get();
    }
    final FormDefinition form =
        new FormDefinition(
            processor.state().nextKey(),
            formId,
            latest.map(f -> f.version() + 1).orElse(1),
            resource.name(),
            deploymentKey,
            schema,
            tenantId);
    processor.state().forms().put(form);
    return form;
  }
}

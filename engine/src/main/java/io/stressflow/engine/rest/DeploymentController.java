package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stressflow.engine.processing.EngineRuntime;
import io.stressflow.engine.processing.command.DeployCommand;
import io.stressflow.engine.state.FormDefinition;
import io.stressflow.engine.state.ProcessDefinition;
import java.util.ArrayList;
import java.util.List;

/** POST /v2/deployments: multipart, one {@code resources} part per file. */
final class DeploymentController {
  private final EngineRuntime runtime;
  private final DeployCommand command = new DeployCommand();

  DeploymentController(final EngineRuntime runtime) {
    this.runtime = runtime;
  }

  void register(final Router router) {
    router.add("POST", V2Paths.DEPLOYMENTS, this::deploy);
  }

  private void deploy(final RestExchange exchange) {
    final List<DeployCommand.Resource> resources = new ArrayList<>();
    String tenantId = "<default>";
    for (final Multipart.Part part :
        Multipart.parse(exchange.header("Content-Type"), exchange.body())) {
      if ("tenantId".equals(part.name()) && !part.text().isBlank()) {
        tenantId = part.text().trim();
      } else if ("resources".equals(part.name())) {
        final String name = part.filename() == null ? "resource.bpmn" : part.filename();
        resources.add(new DeployCommand.Resource(name, part.content()));
      }
    }
    if (resources.isEmpty()) {
      throw new InvalidRequestException("Expected to deploy at least one resource, but none given");
    }
    final String tenant = tenantId;
    final DeployCommand.Deployment deployment = runtime.execute(command.prepare(resources, tenant));
    final ObjectNode body = Json.object();
    body.put("deploymentKey", Json.key(deployment.deploymentKey()));
    body.put("tenantId", tenant);
    final ArrayNode deployments = body.putArray("deployments");
    for (final ProcessDefinition definition : deployment.definitions()) {
      deployments.addObject().set("processDefinition", Views.processDefinition(definition));
    }
    for (final FormDefinition form : deployment.forms()) {
      deployments.addObject().set("form", Views.deployedForm(form));
    }
    exchange.ok(body);
  }
}

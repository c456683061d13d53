package io.stressflow.engine.processing.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.CommandRejectedException;
import io.stressflow.engine.processing.RejectionType;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.ProcessDefinition;
import io.stressflow.engine.state.ProcessInstance;
import java.util.Map;

/** Creating and cancelling process instances, and setting variables on element instances. */
public final class ProcessInstanceCommands {
  private ProcessInstanceCommands() {}

  /**
   * Creates an instance of a definition chosen by key, or by id and version (-1 = latest).
   *
   * @param processor the processor.
   * @param definitionKey the definition key, or null.
   * @param bpmnProcessId the process id, or null.
   * @param version the version, or -1 for the latest.
   * @param variables the initial variables.
   * @return the new instance.
   */
  public static ProcessInstance create(
      final BpmnProcessor processor,
      final Long definitionKey,
      final String bpmnProcessId,
      final int version,
      final Map<String, JsonNode> variables) {
    final ProcessDefinition definition =
        definition(processor, definitionKey, bpmnProcessId, version);
    if (processor
        .processes()
        .model(definition.key())
        .noneStartEvent(definition.bpmnProcessId())
        .isEmpty()) {
      throw new CommandRejectedException(
          "CREATE",
          RejectionType.INVALID_STATE,
          "Expected to create instance of process with none start event, but there is no such"
              + " event in process '%s'".formatted(definition.bpmnProcessId()));
    }
    return processor.startInstance(definition, variables, null, null, null);
  }

  private static ProcessDefinition definition(
      final BpmnProcessor processor,
      final Long definitionKey,
      final String bpmnProcessId,
      final int version) {
    if (definitionKey != null) {
      final ProcessDefinition definition = processor.state().definitions().get(definitionKey);
      if (definition == null) {
        throw new CommandRejectedException(
            "CREATE",
            RejectionType.NOT_FOUND,
            "Expected to find process definition with key '%d', but none found"
                .formatted(definitionKey));
      }
      return definition;
    }
    if (bpmnProcessId == null || bpmnProcessId.isBlank()) {
      throw new CommandRejectedException(
          "CREATE",
          RejectionType.INVALID_ARGUMENT,
          "Expected either a processDefinitionKey or a processDefinitionId, but neither was given");
    }
    return (version < 0
            ? processor.processes().latest(bpmnProcessId)
            : processor.processes().version(bpmnProcessId, version))
        .orElseThrow(
            () ->
                new CommandRejectedException(
                    "CREATE",
                    RejectionType.NOT_FOUND,
                    version < 0
                        ? "Expected to find process definition with process ID '%s', but none found"
                            .formatted(bpmnProcessId)
                        : "Expected to find process definition with process ID '%s' and version"
                                .formatted(bpmnProcessId)
                            + " '%d', but none found".formatted(version)));
  }

  /**
   * Cancels (terminates) a root process instance.
   *
   * @param processor the processor.
   * @param key the process instance key.
   */
  public static void cancel(final BpmnProcessor processor, final long key) {
    final ElementInstance root = processor.state().elements().get(key);
    final ProcessInstance process = processor.state().processInstances().get(key);
    if (root == null || process == null) {
      throw new CommandRejectedException(
          "CANCEL",
          RejectionType.NOT_FOUND,
          "Expected to cancel a process instance with key '%d', but no such process was found"
              .formatted(key));
    }
    if (process.parentProcessInstanceKey >= 0) {
      throw new CommandRejectedException(
          "CANCEL",
          RejectionType.INVALID_STATE,
          "Expected to cancel a process instance with key '%d', but it is created by a parent"
                  .formatted(key)
              + " process instance. Cancel the root process instance '%d' instead."
                  .formatted(process.rootProcessInstanceKey));
    }
    processor.terminate(root);
  }

  /**
   * Sets variables on an element instance (or process instance).
   *
   * @param processor the processor.
   * @param scopeKey the element instance key.
   * @param variables the variables.
   * @param local true to set exactly on that scope, false to propagate.
   */
  public static void setVariables(
      final BpmnProcessor processor,
      final long scopeKey,
      final Map<String, JsonNode> variables,
      final boolean local) {
    final ElementInstance scope = processor.state().elements().get(scopeKey);
    if (scope == null) {
      throw new CommandRejectedException(
          "UPDATE",
          RejectionType.NOT_FOUND,
          "Expected to update variables for element with key '%d', but no such element was found"
              .formatted(scopeKey));
    }
    if (local) {
      processor.variables().setLocal(scopeKey, scope.processInstanceKey, variables);
    } else {
      processor.variables().merge(scopeKey, variables);
    }
  }
}

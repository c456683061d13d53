package io.stressflow.engine.processing;

import io.stressflow.engine.model.ExecutableProcess;
import io.stressflow.engine.model.parse.BpmnParser;
import io.stressflow.engine.state.EngineState;
import io.stressflow.engine.state.ProcessDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Deployed process definitions and their parsed models, cached by definition key. */
public final class ProcessRepository {
  private final EngineState state;
  private final BpmnParser parser = new BpmnParser();
  private final Map<Long, ExecutableProcess> models = new HashMap<>();

  ProcessRepository(final EngineState state) {
    this.state = state;
  }

  /**
   * Returns the parsed model of a definition, parsing the stored XML on first use.
   *
   * @param definitionKey the process definition key.
   * @return the model.
   */
  public ExecutableProcess model(final long definitionKey) {
    return models.computeIfAbsent(
        definitionKey,
        key -> {
          final ProcessDefinition definition = state.definitions().get(key);
          return parser
              .parse(definition.resourceName(), definition.xml().getBytes(StandardCharsets.UTF_8))
              .stream()
              .filter(p -> p.bpmnProcessId().equals(definition.bpmnProcessId()))
              .findFirst()
              .orElseThrow();
        });
  }

  /**
   * Remembers a freshly parsed model.
   *
   * @param definitionKey the definition key.
   * @param model the model.
   */
  void cache(final long definitionKey, final ExecutableProcess model) {
    models.put(definitionKey, model);
  }

  /** Forgets all cached models (after the state was reloaded). */
  void clear() {
    models.clear();
  }

  /**
   * Returns the latest version of a process.
   *
   * @param bpmnProcessId the process id.
   * @return the definition, or empty.
   */
  public Optional<ProcessDefinition> latest(final String bpmnProcessId) {
    return state.definitions().view().stream()
        .filter(d -> d.bpmnProcessId().equals(bpmnProcessId))
        .max(Comparator.comparingInt(ProcessDefinition::version));
  }

  /**
   * Returns one version of a process.
   *
   * @param bpmnProcessId the process id.
   * @param version the version.
   * @return the definition, or empty.
   */
  public Optional<ProcessDefinition> version(final String bpmnProcessId, final int version) {
    return state.definitions().view().stream()
        .filter(d -> d.bpmnProcessId().equals(bpmnProcessId) && d.version() == version)
        .findFirst();
  }
}

package io.stressflow.engine.rest;

import io.stressflow.engine.processing.BpmnProcessor;

/**
 * The names Camunda returns beside ids: a process's and an element's {@code name} from the BPMN, or
 * the id when the model gives none (as Operate shows them).
 */
final class Names {
  private Names() {}

  static String of(final BpmnProcessor p, final long definitionKey, final String id) {
    try {
      final String name = p.processes().model(definitionKey).node(id).name();
      return name == null || name.isBlank() ? id : name;
    } catch (final RuntimeException unknown) {
      return id;
    }
  }
}

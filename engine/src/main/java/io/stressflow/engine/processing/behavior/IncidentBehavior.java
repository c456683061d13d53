package io.stressflow.engine.processing.behavior;

import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.Failure;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.Incident;
import io.stressflow.engine.state.Job;
import io.stressflow.engine.state.ProcessInstance;

/** Raises incidents for failures and resolves them. */
public final class IncidentBehavior {
  private final BpmnProcessor processor;

  /**
   * Creates the behaviour.
   *
   * @param processor the processor.
   */
  public IncidentBehavior(final BpmnProcessor processor) {
    this.processor = processor;
  }

  /**
   * Raises an incident on an element instance; processing of that element stops there.
   *
   * @param instance the element instance.
   * @param failure the failure.
   * @param phase the step to repeat on resolution.
   * @return the incident.
   */
  public Incident raise(
      final ElementInstance instance, final Failure failure, final Incident.Phase phase) {
    final Incident incident = new Incident();
    incident.key = processor.state().nextKey();
    incident.errorType = failure.errorType().name();
    incident.errorMessage = failure.message();
    incident.phase = phase;
    incident.processInstanceKey = instance.processInstanceKey;
    incident.processDefinitionKey = instance.processDefinitionKey;
    final ProcessInstance process =
        processor.state().processInstances().get(instance.processInstanceKey);
    incident.bpmnProcessId = process == null ? null : process.bpmnProcessId;
    incident.tenantId = process == null ? "<default>" : process.tenantId;
    incident.elementId = instance.elementId;
    incident.elementInstanceKey = instance.key;
    incident.creationTime = processor.now();
    processor.state().incidents().put(incident);
    return incident;
  }

  /**
   * Raises an incident for a job.
   *
   * @param job the job.
   * @param failure the failure.
   * @return the incident.
   */
  public Incident raise(final Job job, final Failure failure) {
    final ElementInstance instance = processor.state().elements().get(job.elementInstanceKey);
    final Incident incident = raise(instance, failure, Incident.Phase.JOB);
    incident.jobKey = job.key;
    processor.state().incidents().put(incident);
    return incident;
  }

  /**
   * Marks the active incidents of an element instance as resolved (it is being terminated).
   *
   * @param elementInstanceKey the element instance.
   */
  public void resolveFor(final long elementInstanceKey) {
    for (final Incident incident : processor.state().incidents().values()) {
      if (incident.elementInstanceKey == elementInstanceKey
          && incident.state == Incident.State.ACTIVE) {
        incident.state = Incident.State.RESOLVED;
        processor.state().incidents().put(incident);
      }
    }
  }

  /**
   * Returns whether a process instance has an active incident.
   *
   * @param processInstanceKey the process instance.
   * @return true if so.
   */
  public boolean hasActive(final long processInstanceKey) {
    return processor.state().incidents().view().stream()
        .anyMatch(
            i -> i.processInstanceKey == processInstanceKey && i.state == Incident.State.ACTIVE);
  }
}

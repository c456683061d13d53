package io.stressflow.engine.processing.command;

import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.CommandRejectedException;
import io.stressflow.engine.processing.RejectionType;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.Incident;
import io.stressflow.engine.state.Job;

/** Resolving incidents: the failed step is repeated. */
public final class IncidentCommands {
  private IncidentCommands() {}

  /**
   * Resolves an incident and repeats the step that failed.
   *
   * @param processor the processor.
   * @param key the incident key.
   */
  public static void resolve(final BpmnProcessor processor, final long key) {
    final Incident incident = processor.state().incidents().get(key);
    if (incident == null || incident.state != Incident.State.ACTIVE) {
      throw new CommandRejectedException(
          "RESOLVE",
          RejectionType.NOT_FOUND,
          "Expected to resolve incident with key '%d', but no such incident was found"
              .formatted(key));
    }
    if (incident.phase == Incident.Phase.JOB) {
      final Job job = processor.state().jobs().get(incident.jobKey);
      if (job != null && job.state == Job.State.FAILED && job.retries <= 0) {
        throw new CommandRejectedException(
            "RESOLVE",
            RejectionType.INVALID_STATE,
            "Expected to resolve incident with key '%d', but job with key '%d' has no retries"
                    .formatted(key, job.key)
                + " left; update its retries first");
      }
    }
    incident.state = Incident.State.RESOLVED;
    processor.state().incidents().put(incident);
    final ElementInstance instance = processor.state().elements().get(incident.elementInstanceKey);
    if (instance == null) {
      return;
    }
    switch (incident.phase) {
      case ACTIVATE -> processor.activate(instance, null);
      case COMPLETE -> processor.complete(instance);
      case JOB -> processor.jobs().onIncidentResolved(incident);
      default -> throw new IllegalStateException("Unexpected phase " + incident.phase);
    }
  }
}

package io.stressflow.engine.processing.command;

import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.state.Incident;
import io.stressflow.engine.state.ProcessInstance;
import io.stressflow.engine.state.UserTask;
import io.stressflow.engine.state.Variable;
import java.util.HashSet;
import java.util.Set;

/** Deleting ended process instances after the history retention, so the state stays bounded. */
public final class HistoryCommands {
  private HistoryCommands() {}

  /**
   * Deletes process instances that ended before a point in time, with their variables, incidents
   * and user tasks.
   *
   * @param processor the processor.
   * @param endedBefore epoch milliseconds.
   */
  public static void purge(final BpmnProcessor processor, final long endedBefore) {
    final Set<Long> purged = new HashSet<>();
    for (final ProcessInstance instance : processor.state().processInstances().values()) {
      if (instance.state != ProcessInstance.State.ACTIVE && instance.endDate < endedBefore) {
        purged.add(instance.key);
        processor.state().processInstances().remove(instance.key);
      }
    }
    if (purged.isEmpty()) {
      return;
    }
    for (final Variable variable : processor.state().variables().values()) {
      if (purged.contains(variable.processInstanceKey)) {
        processor.state().variables().remove(variable.key);
      }
    }
    for (final Incident incident : processor.state().incidents().values()) {
      if (purged.contains(incident.processInstanceKey)) {
        processor.state().incidents().remove(incident.key);
      }
    }
    for (final var ended : processor.state().endedElements().values()) {
      if (purged.contains(ended.processInstanceKey)) {
        processor.state().endedElements().remove(ended.key);
      }
    }
    for (final UserTask task : processor.state().userTasks().values()) {
      if (purged.contains(task.processInstanceKey)) {
        processor.state().userTasks().remove(task.key);
      }
    }
  }
}

package io.stressflow.engine.processing.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.CommandRejectedException;
import io.stressflow.engine.processing.RejectionType;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.UserTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Assigning, unassigning and completing user tasks. */
public final class UserTaskCommands {
  private UserTaskCommands() {}

  /**
   * Assigns a user task.
   *
   * @param processor the processor.
   * @param key the user task key.
   * @param assignee the assignee.
   * @param allowOverride whether an existing assignee may be replaced.
   */
  public static void assign(
      final BpmnProcessor processor,
      final long key,
      final String assignee,
      final boolean allowOverride) {
    final UserTask task = require(processor, key, "ASSIGN");
    if (!allowOverride
        && task.assignee != null
        && !task.assignee.isEmpty()
        && !task.assignee.equals(assignee)) {
      throw new CommandRejectedException(
          "ASSIGN",
          RejectionType.INVALID_STATE,
          "Expected to assign user task with key '%d', but it is already assigned to '%s'"
              .formatted(key, task.assignee));
    }
    task.assignee = assignee;
    processor.state().userTasks().put(task);
  }

  /**
   * Removes the assignee of a user task.
   *
   * @param processor the processor.
   * @param key the user task key.
   */
  public static void unassign(final BpmnProcessor processor, final long key) {
    final UserTask task = require(processor, key, "UNASSIGN");
    task.assignee = null;
    processor.state().userTasks().put(task);
  }

  /**
   * Changes the attributes of a user task; null arguments leave an attribute as it is.
   *
   * @param processor the processor.
   * @param key the user task key.
   * @param dueDate the new due date, or null.
   * @param followUpDate the new follow-up date, or null.
   * @param candidateGroups the new candidate groups, or null.
   * @param candidateUsers the new candidate users, or null.
   * @param priority the new priority in [0, 100], or null.
   */
  public static void update(
      final BpmnProcessor processor,
      final long key,
      final String dueDate,
      final String followUpDate,
      final List<String> candidateGroups,
      final List<String> candidateUsers,
      final Integer priority) {
    if (priority != null && (priority < 0 || priority > 100)) {
      throw new CommandRejectedException(
          "UPDATE",
          RejectionType.INVALID_ARGUMENT,
          "Expected priority within [0, 100], but was " + priority);
    }
    final UserTask task = require(processor, key, "UPDATE");
    if (dueDate != null) {
      task.dueDate = dueDate;
    }
    if (followUpDate != null) {
      task.followUpDate = followUpDate;
    }
    if (candidateGroups != null) {
      task.candidateGroups = new ArrayList<>(candidateGroups);
    }
    if (candidateUsers != null) {
      task.candidateUsers = new ArrayList<>(candidateUsers);
    }
    if (priority != null) {
      task.priority = priority;
    }
    processor.state().userTasks().put(task);
  }

  /**
   * Completes a user task and, with it, its element.
   *
   * @param processor the processor.
   * @param key the user task key.
   * @param variables the variables to apply.
   */
  public static void complete(
      final BpmnProcessor processor, final long key, final Map<String, JsonNode> variables) {
    final UserTask task = require(processor, key, "COMPLETE");
    task.state = UserTask.State.COMPLETED;
    task.completionDate = processor.now();
    processor.state().userTasks().put(task);
    final ElementInstance instance = processor.state().elements().get(task.elementInstanceKey);
    processor.variables().applyEventVariables(instance, processor.node(instance), variables);
    processor.complete(instance);
  }

  private static UserTask require(
      final BpmnProcessor processor, final long key, final String intent) {
    final UserTask task = processor.state().userTasks().get(key);
    if (task == null) {
      throw new CommandRejectedException(
          intent,
          RejectionType.NOT_FOUND,
          "Expected to %s user task with key '%d', but no such user task was found"
              .formatted(intent.toLowerCase(java.util.Locale.ROOT), key));
    }
    if (task.state != UserTask.State.CREATED) {
      throw new CommandRejectedException(
          intent,
          RejectionType.INVALID_STATE,
          "Expected to %s user task with key '%d', but it is in state '%s'"
              .formatted(intent.toLowerCase(java.util.Locale.ROOT), key, task.state));
    }
    return task;
  }
}

package io.stressflow.engine.model;

import java.util.Map;

/**
 * The Zeebe user-task attributes of a {@code zeebe:userTask}.
 *
 * @param assignee the assignee expression or value, or null.
 * @param candidateGroups the candidate groups expression or comma-separated value, or null.
 * @param candidateUsers the candidate users expression or comma-separated value, or null.
 * @param formKey the form key or form id, or null.
 * @param dueDate the due date expression or value, or null.
 * @param followUpDate the follow-up date expression or value, or null.
 * @param headers the custom headers.
 */
public record UserTaskDefinition(
    String assignee,
    String candidateGroups,
    String candidateUsers,
    String formKey,
    String dueDate,
    String followUpDate,
    Map<String, String> headers) {}

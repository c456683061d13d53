package io.stressflow.engine.model;

import java.util.Map;

/**
 * The Zeebe user-task attributes of a {@code zeebe:userTask}.
 *
 * @param assignee the assignee expression or value, or null.
 * @param candidateGroups the candidate groups expression or comma-separated value, or null.
 * @param candidateUsers the candidate users expression or comma-separated value, or null.
 * @param formId the id of a linked Camunda form (deployed as a .form resource), or null.
 * @param formKey a custom form key (external reference), or null.
 * @param dueDate the due date expression or value, or null.
 * @param followUpDate the follow-up date expression or value, or null.
 * @param headers the custom headers.
 */
public record UserTaskDefinition(
    String assignee,
    String candidateGroups,
    String candidateUsers,
    String formId,
    String formKey,
    String dueDate,
    String followUpDate,
    Map<String, String> headers) {}

package io.stressflow.workflows.task;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A user task waiting for a person.
 *
 * @param key the task key (int64, as a string).
 * @param name what to do, e.g. {@code Verify failure}.
 * @param elementId the BPMN element, e.g. {@code verify-failure}.
 * @param processId {@code campaign} or {@code failure-analysis}.
 * @param processInstanceKey its process instance.
 * @param campaignId the campaign it belongs to.
 * @param assignee who claimed it, or null.
 * @param candidateGroups who may claim it.
 * @param created when it was created.
 * @param formId the form to fill in, or null.
 * @param variables its process's variables (the data snapshot of a failure, the alarm, the report),
 *     only when one task is fetched.
 * @param form the form (Camunda form JSON), only when one task is fetched.
 */
public record Task(
    String key,
    String name,
    String elementId,
    String processId,
    String processInstanceKey,
    String campaignId,
    String assignee,
    List<String> candidateGroups,
    OffsetDateTime created,
    String formId,
    Map<String, Object> variables,
    Object form) {}

package io.stressflow.workflows.task;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Service;

/**
 * User tasks through the workflow engine's API (the embedded engine or Camunda 8, the same calls),
 * so a task done here is done in Tasklist too. The public API of the task feature.
 */
@Service
public class TaskService {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 1000;

  private final CamundaClient client;
  private final java.time.Clock clock;

  TaskService(CamundaClient client, java.time.Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Open tasks, oldest first.
   *
   * @param assignee only those claimed by this person, or null.
   * @param candidateGroup only those this group may claim, or null.
   * @param campaignId only those of this campaign (its own tasks and its failure analyses), or
   *     null.
   * @return the tasks, without variables and form.
   */
  public List<Task> list(String assignee, String candidateGroup, String campaignId) {
    List<UserTask> tasks =
        client
            .newUserTaskSearchRequest()
            .filter(
                f -> {
                  f.state(UserTaskState.CREATED);
                  if (assignee != null) {
                    f.assignee(assignee);
                  }
                  if (candidateGroup != null) {
                    f.candidateGroup(candidateGroup);
                  }
                })
            .page(p -> p.limit(PAGE))
            .send()
            .join()
            .items();
    Map<Long, String> campaigns = new HashMap<>();
    for (Variable v :
        client
            .newVariableSearchRequest()
            .filter(f -> f.name("campaignId"))
            .page(p -> p.limit(PAGE))
            .send()
            .join()
            .items()) {
      campaigns.putIfAbsent(v.getProcessInstanceKey(), unquote(v.getValue()));
    }
    return tasks.stream()
        .map(t -> task(t, campaigns.get(t.getProcessInstanceKey()), null, null))
        .filter(t -> campaignId == null || campaignId.equals(t.campaignId()))
        .sorted(
            java.util.Comparator.comparing(
                Task::created, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
        .toList();
  }

  /**
   * One task, with its process's variables and its form.
   *
   * @param key the task key.
   * @return the task.
   * @throws NoSuchElementException if there is no such task.
   */
  public Task get(long key) {
    UserTask t = find(key);
    Map<String, Object> variables = variables(t.getProcessInstanceKey());
    Object form = null;
    String schema = schema(t);
    if (schema != null) {
      try {
        form = JSON.readValue(schema, new TypeReference<Map<String, Object>>() {});
      } catch (IOException e) {
        form = schema;
      }
    }
    Object campaign = variables.get("campaignId");
    return task(t, campaign == null ? null : campaign.toString(), variables, form);
  }

  /**
   * Claims a task for a person.
   *
   * @param key the task key.
   * @param assignee who takes it.
   * @return the task.
   * @throws IllegalStateException if someone else has claimed it.
   */
  public Task claim(long key, String assignee) {
    if (assignee == null || assignee.isBlank()) {
      throw new TaskCompletionRejectedException(
          "claim", List.of(new FieldProblem("assignee", "is required: who takes the task")));
    }
    UserTask t = open(key);
    if (t.getAssignee() != null && !t.getAssignee().equals(assignee)) {
      throw new IllegalStateException(
          "Task %d (%s) is claimed by %s; they must unclaim it first"
              .formatted(key, t.getName(), t.getAssignee()));
    }
    call(() -> client.newAssignUserTaskCommand(key).assignee(assignee).send().join());
    return get(key);
  }

  /**
   * Gives a claimed task back to its group.
   *
   * @param key the task key.
   * @return the task.
   */
  public Task unclaim(long key) {
    open(key);
    call(() -> client.newUnassignUserTaskCommand(key).send().join());
    return get(key);
  }

  /**
   * Completes a task with form data, after checking the data against the task's form.
   *
   * @param key the task key.
   * @param data the form's values by field key.
   * @throws TaskCompletionRejectedException if the data does not fit the form.
   */
  public void complete(long key, Map<String, Object> data) {
    UserTask t = open(key);
    Map<String, Object> values = data == null ? Map.of() : data;
    String schema = schema(t);
    if (schema != null) {
      List<FieldProblem> problems = new java.util.ArrayList<>(FormCheck.of(schema).check(values));
      if (ExternalResultsCheck.ELEMENT.equals(t.getElementId())) {
        problems.addAll(ExternalResultsCheck.check(values, variables(t.getProcessInstanceKey())));
      }
      if (LabReadPointCheck.ELEMENT.equals(t.getElementId())) {
        problems.addAll(
            LabReadPointCheck.check(
                values, variables(t.getProcessInstanceKey()), clock.instant(), clock.getZone()));
      }
      if (!problems.isEmpty()) {
        throw new TaskCompletionRejectedException(t.getName(), problems);
      }
    }
    call(() -> client.newCompleteUserTaskCommand(key).variables(values).send().join());
  }

  private UserTask open(long key) {
    UserTask t = find(key);
    if (t.getState() != UserTaskState.CREATED) {
      throw new IllegalStateException(
          "Task %d (%s) is %s, not open".formatted(key, t.getName(), t.getState()));
    }
    return t;
  }

  private UserTask find(long key) {
    try {
      return client.newUserTaskGetRequest(key).send().join();
    } catch (RuntimeException e) {
      if (status(e) == 404) {
        throw new NoSuchElementException("No user task with key " + key);
      }
      throw e;
    }
  }

  private String schema(UserTask t) {
    if (t.getFormKey() == null) {
      return null;
    }
    try {
      return client.newUserTaskGetFormRequest(t.getUserTaskKey()).send().join().getSchema();
    } catch (RuntimeException e) {
      if (status(e) == 404 || status(e) == 204) {
        return null;
      }
      throw e;
    }
  }

  private Map<String, Object> variables(long processInstanceKey) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (Variable v :
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey))
            .page(p -> p.limit(PAGE))
            .send()
            .join()
            .items()) {
      try {
        vars.put(v.getName(), JSON.readValue(v.getValue(), Object.class));
      } catch (IOException e) {
        vars.put(v.getName(), v.getValue());
      }
    }
    return vars;
  }

  private static Task task(UserTask t, String campaignId, Map<String, Object> vars, Object form) {
    String formId = null;
    if (form instanceof Map<?, ?> m && m.get("id") != null) {
      formId = m.get("id").toString();
    }
    return new Task(
        Long.toString(t.getUserTaskKey()),
        t.getName(),
        t.getElementId(),
        t.getBpmnProcessId(),
        Long.toString(t.getProcessInstanceKey()),
        campaignId,
        t.getAssignee(),
        t.getCandidateGroups(),
        t.getCreationDate(),
        formId,
        vars,
        form);
  }

  private static String unquote(String json) {
    if (json != null && json.length() >= 2 && json.startsWith("\"") && json.endsWith("\"")) {
      return json.substring(1, json.length() - 1);
    }
    return json;
  }

  private static void call(Runnable command) {
    try {
      command.run();
    } catch (RuntimeException e) {
      int status = status(e);
      if (status == 404) {
        throw new NoSuchElementException(message(e));
      }
      if (status == 409) {
        throw new IllegalStateException(message(e));
      }
      throw e;
    }
  }

  private static int status(Throwable e) {
    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (c instanceof ProblemException p) {
      return p.code();
    }
    return -1;
  }

  private static String message(Throwable e) {
    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (c instanceof ProblemException p && p.details() != null) {
      return p.details().getDetail();
    }
    return c.getMessage();
  }
}

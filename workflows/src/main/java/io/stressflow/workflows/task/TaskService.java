package io.stressflow.workflows.task;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.security.Actors;
import io.stressflow.workflows.security.Roles;
import io.stressflow.workflows.security.SignedDecisions;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * User tasks through the workflow engine's API (the embedded engine or Camunda 8, the same calls),
 * so a task done here is done in Tasklist too. The public API of the task feature.
 *
 * <p>People act as themselves: the assignee is the authenticated user, who must hold the role of
 * one of the task's candidate groups; only the assignee completes; the form's "who" fields ({@link
 * #PERSON_FIELDS}) must name that user. Approving a report and verifying a failure are signed
 * decisions ({@link SignedDecisions}): the request carries {@code signature: {password, meaning}}.
 */
@Service
public class TaskService {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 1000;

  /** Form fields that name the person who does the task: they must be the authenticated user. */
  public static final List<String> PERSON_FIELDS =
      List.of("loadedBy", "checkedBy", "resolvedBy", "unloadedBy", "reviewer", "measuredBy");

  /** The request body's key for a signature (not a form field). */
  public static final String SIGNATURE = "signature";

  private final CamundaClient client;
  private final java.time.Clock clock;
  private final SignedDecisions signatures;
  private final CampaignLog campaignLog;
  private final java.time.Duration visibilityTimeout;

  TaskService(
      CamundaClient client,
      java.time.Clock clock,
      SignedDecisions signatures,
      CampaignLog campaignLog,
      io.stressflow.workflows.workflow.CamundaProperties camunda) {
    this.client = client;
    this.clock = clock;
    this.signatures = signatures;
    this.campaignLog = campaignLog;
    this.visibilityTimeout = camunda.visibilityTimeout();
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
    List<Long> instances = tasks.stream().map(UserTask::getProcessInstanceKey).distinct().toList();
    if (!instances.isEmpty()) {
      // the campaign of each task's instance by a filter on those instances, not a page of every
      // campaignId there is (which loses tasks' campaigns once history outgrows the page)
      for (Variable v :
          client
              .newVariableSearchRequest()
              .filter(f -> f.name("campaignId").processInstanceKey(k -> k.in(instances)))
              .page(p -> p.limit(PAGE))
              .send()
              .join()
              .items()) {
        campaigns.putIfAbsent(v.getProcessInstanceKey(), unquote(v.getValue()));
      }
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
    return get(find(key));
  }

  private Task get(UserTask t) {
    Map<String, Object> variables = variables(t);
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
   * Claims a task for the authenticated user.
   *
   * @param key the task key.
   * @param assignee who takes it: null, or the authenticated user's own name.
   * @return the task.
   * @throws AccessDeniedException if {@code assignee} is someone else, or the user holds none of
   *     the task's candidate groups.
   * @throws IllegalStateException if someone else has claimed it.
   */
  public Task claim(long key, String assignee) {
    String actor = person();
    if (assignee != null && !assignee.isBlank() && !assignee.equals(actor)) {
      throw new AccessDeniedException(
          "You claim tasks as yourself (" + actor + "), not as '" + assignee + "'");
    }
    UserTask t = open(key);
    eligible(t);
    if (t.getAssignee() != null && !t.getAssignee().equals(actor)) {
      throw new IllegalStateException(
          "Task %d (%s) is claimed by %s; they must unclaim it first"
              .formatted(key, t.getName(), t.getAssignee()));
    }
    assign(key, actor);
    return get(visible(key, u -> actor.equals(u.getAssignee())));
  }

  /**
   * Gives a claimed task back to its group.
   *
   * @param key the task key.
   * @return the task.
   */
  public Task unclaim(long key) {
    UserTask t = open(key);
    String actor = person();
    if (t.getAssignee() != null
        && !t.getAssignee().equals(actor)
        && !Actors.has(Roles.MANAGER)
        && !Actors.has(Roles.ADMIN)) {
      throw new AccessDeniedException(
          "Task %d is %s's: only they, a manager or an admin can give it back"
              .formatted(key, t.getAssignee()));
    }
    call(() -> client.newUnassignUserTaskCommand(key).send().join());
    return get(visible(key, u -> u.getAssignee() == null || u.getAssignee().isBlank()));
  }

  /**
   * Completes a task with form data as the authenticated user, after checking the data against the
   * task's form. An unclaimed task is claimed for the user first.
   *
   * @param key the task key.
   * @param data the form's values by field key; for a signed task also {@code signature: {password,
   *     meaning}}.
   * @throws TaskCompletionRejectedException if the data does not fit the form.
   * @throws AccessDeniedException if the user may not do the task, or it is someone else's.
   */
  public void complete(long key, Map<String, Object> data) {
    String actor = person();
    UserTask t = open(key);
    eligible(t);
    if (t.getAssignee() != null && !t.getAssignee().equals(actor)) {
      throw new AccessDeniedException(
          "Task %d (%s) is claimed by %s: only the assignee completes it"
              .formatted(key, t.getName(), t.getAssignee()));
    }
    Map<String, Object> values = new LinkedHashMap<>(data == null ? Map.of() : data);
    Object signature = values.remove(SIGNATURE);
    String schema = schema(t);
    if (schema != null) {
      List<FieldProblem> problems = new java.util.ArrayList<>(FormCheck.of(schema).check(values));
      for (String field : PERSON_FIELDS) {
        Object who = values.get(field);
        if (who instanceof String name && !name.isBlank() && !name.strip().equals(actor)) {
          problems.add(
              new FieldProblem(
                  field,
                  "must be you (%s): the person who does the task is the one logged in"
                      .formatted(actor)));
        }
      }
      if (ExternalResultsCheck.ELEMENT.equals(t.getElementId())) {
        problems.addAll(ExternalResultsCheck.check(values, variables(t)));
      }
      if (LabReadPointCheck.ELEMENT.equals(t.getElementId())) {
        problems.addAll(
            LabReadPointCheck.check(values, variables(t), clock.instant(), clock.getZone()));
      }
      if (!problems.isEmpty()) {
        throw new TaskCompletionRejectedException(t.getName(), problems);
      }
    }
    SignedDecisions.Signature signed = null;
    String decisionField = SignedDecisions.SIGNED.get(t.getElementId());
    if (decisionField != null) {
      if (!(signature instanceof Map<?, ?> sig)) {
        throw new TaskCompletionRejectedException(
            t.getName(),
            List.of(
                new FieldProblem(
                    SIGNATURE,
                    "is required: this is a signed decision; send {\"password\": your password,"
                        + " \"meaning\": what your signature means}")));
      }
      signed =
          signatures.verify(
              sig.get("password") == null ? null : sig.get("password").toString(),
              sig.get("meaning") == null ? null : sig.get("meaning").toString());
    } else if (signature != null) {
      throw new TaskCompletionRejectedException(
          t.getName(), List.of(new FieldProblem(SIGNATURE, "this task is not signed")));
    }
    if (t.getAssignee() == null) {
      assign(key, actor);
    }
    Map<String, Object> vars = variables(t);
    call(() -> client.newCompleteUserTaskCommand(key).variables(values).send().join());
    Object campaign = vars.get("campaignId");
    if (campaign == null) {
      return;
    }
    String campaignId = campaign.toString();
    if (signed != null) {
      Object serial = vars.get("serial");
      String subject =
          "verify-failure".equals(t.getElementId()) && serial != null
              ? serial.toString()
              : "report";
      String decision = String.valueOf(values.get(decisionField));
      signatures.record(
          campaignId, t.getProcessInstanceKey(), key, t.getElementId(), subject, decision, signed);
      campaignLog.record(
          campaignId,
          "SIGNED",
          "%s: %s on %s, signed by %s (\"%s\")"
              .formatted(t.getElementId(), decision, subject, actor, signed.meaning()));
    } else {
      campaignLog.record(
          campaignId, "TASK_COMPLETED", "'%s' completed by %s".formatted(t.getName(), actor));
    }
  }

  /** The authenticated user acting, or a refusal. */
  private static String person() {
    if (!Actors.authenticated()) {
      throw new AccessDeniedException("Tasks are done by people: log in");
    }
    return Actors.current();
  }

  /** Refuses a user who holds none of the task's candidate groups (as roles). */
  private static void eligible(UserTask t) {
    List<String> groups = t.getCandidateGroups();
    if (groups == null || groups.isEmpty()) {
      return;
    }
    if (groups.stream().noneMatch(Actors::has)) {
      throw new AccessDeniedException(
          "Task %d (%s) is for %s; %s holds %s"
              .formatted(
                  t.getUserTaskKey(), t.getName(), groups, Actors.current(), Actors.roles()));
    }
  }

  private UserTask open(long key) {
    UserTask t = find(key);
    if (t.getState() != UserTaskState.CREATED) {
      throw new IllegalStateException(
          "Task %d (%s) is %s, not open".formatted(key, t.getName(), t.getState()));
    }
    return t;
  }

  /**
   * Assigns a task without override: someone who claimed it meanwhile (in Tasklist, say) keeps it,
   * and this is a 409.
   */
  private void assign(long key, String actor) {
    call(
        () ->
            client
                .newAssignUserTaskCommand(key)
                .assignee(actor)
                .allowOverride(false)
                .send()
                .join());
  }

  /**
   * Reads a task until a change this application just made to it shows, or the visibility timeout
   * passes: on a cluster, reads trail commands (secondary storage), so a task claimed a moment ago
   * may still read unclaimed.
   */
  private UserTask visible(long key, java.util.function.Predicate<UserTask> changed) {
    long deadline = System.nanoTime() + visibilityTimeout.toNanos();
    UserTask t = find(key);
    long pause = java.time.Duration.ofMillis(20).toNanos();
    while (!changed.test(t) && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, java.time.Duration.ofMillis(250).toNanos());
      t = find(key);
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

  /**
   * The variables the task sees (its own scope's first, as in a leg of several run at once), with
   * full values: a cluster truncates long values unless asked.
   */
  private Map<String, Object> variables(UserTask task) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (Variable v :
        client
            .newUserTaskEffectiveVariableSearchRequest(task.getUserTaskKey())
            .withFullValues()
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

package io.stressflow.workflows.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Lab staff, failure analysts and the reliability manager in an end-to-end test: each logs in as
 * themselves ({@link TestUsers#LAB}, {@link TestUsers#FA}, {@link TestUsers#MANAGER}, created
 * through the users API), lists the campaign's open tasks over the REST API, claims those of their
 * role and completes them with what a person would enter, signing the decisions that are signed.
 * Answers can be changed per task (a failure that could not be duplicated, an alarm that ends in an
 * abort), and an action can run before a task is completed (clear the chamber alarm).
 */
public final class Lab {

  /** The tasks whose completion is a signed decision. */
  static final java.util.Set<String> SIGNED = java.util.Set.of("approve-report", "verify-failure");

  /** The meaning the lab's people state when they sign. */
  public static final String MEANING = "I decided this on the evidence";

  private final Api api;
  private final Map<String, Api> people = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> answers = new LinkedHashMap<>();
  private final Map<String, Consumer<JsonNode>> before = new LinkedHashMap<>();

  /** Tasks whose before-action ran: a search that trails the engine may list a task again. */
  private final java.util.Set<String> beforeRan = new java.util.HashSet<>();

  private final Map<String, Function<JsonNode, Map<String, Object>>> computed =
      new LinkedHashMap<>();
  private final List<String> done = new ArrayList<>();
  private final java.util.Set<String> completed =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * The lab working through {@code api}.
   *
   * @param api the application's API, as an administrator (it creates the lab's people).
   */
  public Lab(Api api) {
    api.ensureUser(TestUsers.LAB, "lab-staff")
        .ensureUser(TestUsers.FA, "fa-engineer")
        .ensureUser(TestUsers.MANAGER, "manager");
    this.api = api.as(TestUsers.LAB);
    people.put("lab-staff", this.api);
    people.put("fa-engineer", api.as(TestUsers.FA));
    people.put("manager", api.as(TestUsers.MANAGER));
    answers.put(
        "load-modules",
        Map.of("loadedBy", "lab.tech", "modulesConnected", true, "loadingNotes", "seated"));
    answers.put("check-overdue-leg", Map.of("checkedBy", "lab.tech", "overdueNotes", "slow"));
    answers.put(
        "resolve-alarm",
        Map.of(
            "alarmResolution", "resume", "alarmCause", "limit tripped", "resolvedBy", "lab.tech"));
    answers.put("unload-leg-modules", Map.of("unloadedBy", "lab.tech"));
    answers.put("unload-modules", Map.of("unloadedBy", "lab.tech"));
    answers.put("abort-unload-modules", Map.of("unloadedBy", "lab.tech"));
    answers.put("approve-report", Map.of("approval", "approve", "reviewer", "r.manager"));
    answers.put(
        "verify-failure",
        Map.of("cleaned", true, "goldenPort", true, "repeated", true, "verification", "CONFIRMED"));
    answers.put(
        "analyse-root-cause",
        Map.of("failureClock", "WEAR_OUT", "mechanism", "VCSEL lane 3 bias rise"));
    answers.put("record-corrective-action", Map.of("correctiveAction", "burn-in screen"));
    // a read point measured at the lab station: out once the chamber held the recovery condition,
    // back now, every module passed
    answer("measure-at-lab", task -> labStation(task, ""));
  }

  /**
   * What lab staff enter for a read point measured at the lab station: the modules left when the
   * read point was reached and are back now; {@code failed} failed.
   *
   * @param task the task, with its variables.
   * @param failed the failed serials, comma-separated, or empty.
   * @return the form's values.
   */
  public static Map<String, Object> labStation(JsonNode task, String failed) {
    JsonNode vars = task.get("variables");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("modulesOutAt", vars.get("readPointReachedAt").asText());
    data.put("modulesBackAt", java.time.Instant.now().toString());
    data.put("stationRecord", "LAB-" + vars.get("readPointLabel").asText().replace(" ", ""));
    data.put("measuredBy", "lab.tech");
    data.put("failedModules", failed);
    data.put("labNotes", "measured on the lab's station");
    return data;
  }

  /**
   * Answers {@code elementId}'s task with what {@code answer} computes from the task (its JSON).
   */
  public Lab answer(String elementId, Function<JsonNode, Map<String, Object>> answer) {
    answers.remove(elementId);
    computed.put(elementId, answer);
    return this;
  }

  /** Answers {@code elementId}'s task with {@code data} instead. */
  public Lab answer(String elementId, Map<String, Object> data) {
    computed.remove(elementId);
    answers.put(elementId, data);
    return this;
  }

  /** Leaves {@code elementId}'s task open (the test completes it, or looks at it first). */
  public Lab skip(String elementId) {
    answers.remove(elementId);
    computed.remove(elementId);
    return this;
  }

  /** Runs {@code action} with the task (its JSON) before completing an {@code elementId} task. */
  public Lab before(String elementId, Consumer<JsonNode> action) {
    before.put(elementId, action);
    return this;
  }

  /** The element ids of the tasks completed so far, in order. */
  public List<String> done() {
    return List.copyOf(done);
  }

  /**
   * Completes every open task of the campaign that the lab knows an answer for.
   *
   * @param campaignId the campaign.
   */
  public void work(String campaignId) {
    Api.Reply list = api.get("/api/tasks?campaignId=" + campaignId);
    assertThat(list.status()).as(list.text()).isEqualTo(200);
    for (JsonNode task : list.json()) {
      String element = task.get("elementId").asText();
      Map<String, Object> data = answers.get(element);
      if (data == null && !computed.containsKey(element)) {
        continue;
      }
      String key = task.get("key").asText();
      if (completed.contains(key)) {
        // a search that trails the engine may still list a task this lab completed
        continue;
      }
      if (before.containsKey(element) && beforeRan.add(key)) {
        before.get(element).accept(api.get("/api/tasks/" + key).json());
      }
      if (data == null) {
        data = computed.get(element).apply(api.get("/api/tasks/" + key).json());
        if (data == null) {
          continue; // the answer dealt with the task itself
        }
      }
      Api person = api;
      for (JsonNode group : task.path("candidateGroups")) {
        person = people.getOrDefault(group.asText(), person);
      }
      if (SIGNED.contains(element) && !data.containsKey("signature")) {
        data = new LinkedHashMap<>(data);
        data.put("signature", Map.of("password", TestUsers.PASSWORD, "meaning", MEANING));
      }
      Api.Reply claim = person.postJson("/api/tasks/" + key + "/claim", Map.of());
      if (claim.status() == 409 && claim.text().contains("not open")) {
        // the list is a search, which may trail the engine (a cluster's, or the embedded one with
        // a search lag): a task completed a moment ago can still be listed
        continue;
      }
      assertThat(claim.status()).as(claim.text()).isEqualTo(200);
      // the claim answers with the task as claimed, even where reads trail commands
      assertThat(claim.json().path("assignee").asText())
          .as("assignee after claiming " + element)
          .isNotBlank();
      Api.Reply complete = person.postJson("/api/tasks/" + key + "/complete", data);
      assertThat(complete.status()).as(element + ": " + complete.text()).isEqualTo(204);
      done.add(element);
      completed.add(key);
    }
  }
}

package io.stressflow.workflows.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.campaign.CampaignSteps;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.Lab;
import io.stressflow.workflows.support.TestChambers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue #11 item 9 end to end at 3600x: a plan with a GR-468 sequential group (the same three units
 * through mechanical shock, then vibration, as external legs whose results lab staff enter) and a
 * short temperature-cycling leg on three other units in the (simulated) chamber. A module entered
 * as failed in the vibration task is quarantined, analysed and confirmed, and fails the verdict; a
 * completion naming a module that is not on test in the leg is refused, naming the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalLegIT {

  static final double SCALE = 3600;

  ChamberSimulator simulator;
  org.springframework.context.ConfigurableApplicationContext app;
  Api api;
  io.camunda.client.CamundaClient client;

  @BeforeAll
  void start() {
    simulator = TestChambers.simulator(SCALE);
    app =
        TestChambers.webApp(
            TestChambers.dataDir("external-legs"),
            SCALE,
            simulator,
            "--stressflow.camunda.worker-timeout=20s",
            "--stressflow.camunda.retry-backoff=1s",
            // every job's step runs twice, as after a lost completion: each must find it done
            "--stressflow.camunda.redeliver-jobs=true");
    api = new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    client = app.getBean(io.camunda.client.CamundaClient.class);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    simulator.close();
  }

  @Test
  @Order(1)
  void shockThenVibrationOnTheSameUnitsWithAFailureEnteredByLabStaff() {
    // given
    Api.Reply launched =
        api.post(
            "/api/campaigns", "application/yaml", CampaignScenariosIT.plan("external-legs.yaml"));
    assertThat(launched.status()).as(launched.text()).isEqualTo(201);
    String id = launched.json().get("campaign").get("id").asText();
    Lab lab = new Lab(api);
    Map<String, JsonNode> externalTasks = new LinkedHashMap<>();
    List<Api.Reply> refused = new ArrayList<>();

    // when the lab works every task; the external ones are entered here, per leg
    JsonNode view =
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  lab.work(id);
                  enterExternalResults(id, externalTasks, refused);
                  return api.get("/api/campaigns/" + id).json();
                },
                v -> !v.get("campaign").get("state").asText().equals("ACTIVE"));

    // then the legs ran (tc beside shock, then vibration after shock), the external ones through
    // their task
    assertThat(externalTasks.keySet())
        .containsExactlyInAnyOrder("shock", "vibration-tasklist", "vibration");
    assertThat(events(id, "EXTERNAL_RESULTS_REFUSED"))
        .containsExactly(
            "The results entered for external leg 'vibration' do not fit: failedModules: 'X-09' is"
                + " not a module on test in leg 'vibration' (on test: X-01, X-02, X-03); the task"
                + " is open again");
    JsonNode shockVars = externalTasks.get("shock").get("variables");
    assertThat(shockVars.get("externalTest").asText()).isEqualTo("MECHANICAL_SHOCK");
    assertThat(shockVars.get("externalStation").asText()).isEqualTo("shock-table-1");
    assertThat(shockVars.get("legSamples").asText()).isEqualTo("X-01, X-02, X-03");
    assertThat(externalTasks.get("shock").get("form").get("id").asText())
        .isEqualTo("external-results");
    JsonNode vibrationVars = externalTasks.get("vibration").get("variables");
    assertThat(vibrationVars.get("externalTest").asText()).isEqualTo("VIBRATION");
    assertThat(vibrationVars.get("externalConditions").asText()).startsWith("20 g, 20-2000 Hz");
    // each leg's task has its own (local) form variables: the shock leg's entry is not in it
    JsonNode tasklistEntry =
        externalTasks.get("vibration-tasklist").get("variables").get("failedModules");
    assertThat(tasklistEntry == null || tasklistEntry.isNull() ? "" : tasklistEntry.asText())
        .as("the shock leg's entry does not show in the vibration task")
        .isEmpty();
    assertThat(vibrationVars.get("failedModules").asText())
        .as("the refused entry is shown again")
        .isEqualTo("X-09");

    // a module of another leg was refused, naming the field; the task stayed open
    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).status()).isEqualTo(400);
    JsonNode problem = refused.get(0).json().get("problems").get(0);
    assertThat(problem.get("field").asText()).isEqualTo("failedModules");
    assertThat(problem.get("message").asText())
        .isEqualTo("'X-05' is not a module on test in leg 'vibration' (on test: X-01, X-02, X-03)");

    // the failed module failed the vibration leg and the campaign, through failure analysis
    JsonNode campaign = view.get("campaign");
    assertThat(campaign.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(campaign.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(view.get("failures")).hasSize(1);
    JsonNode failure = view.get("failures").get(0);
    assertThat(failure.get("serial").asText()).isEqualTo("X-02");
    assertThat(failure.get("leg").asText()).isEqualTo("vibration");
    assertThat(failure.get("criteria").asText())
        .startsWith("EXTERNAL_VIBRATION: failed VIBRATION")
        .contains("station record VIB-0007");
    assertThat(failure.get("analysisOutcome").asText()).isEqualTo("CONFIRMED");
    assertThat(lab.done()).contains("verify-failure", "approve-report");
    for (JsonNode leg : view.get("legs")) {
      assertThat(leg.get("state").asText()).as(leg.get("id").asText()).isEqualTo("COMPLETED");
    }
    assertThat(
            StreamSupport.stream(view.get("legs").spliterator(), false)
                .map(l -> l.get("id").asText()))
        .containsExactly("tc", "shock", "vibration");
    String report = api.get("/api/campaigns/" + id + "/report").text();
    assertThat(report)
        .contains("| shock | external | - | 3 | 0 | 0 | 0 | PASS |")
        .contains("| vibration | external | - | 3 | 1 | 1 | 0 | FAIL |")
        .contains("| tc |")
        .contains("## External legs")
        .contains(
            "- shock: MECHANICAL_SHOCK, 500 g, 1.0 ms half-sine, 5 shocks in each of 6 directions,"
                + " unpowered; station shock-table-1, record SHK-0001, performed by ana on"
                + " 2026-12-03; 3 modules tested, none failed")
        .contains("record VIB-0007, performed by ben on 2026-12-04; 3 modules tested, failed X-02")
        .contains("Verdict: **FAIL**");

    // and a job delivered twice finds its step done: nothing recorded or logged again
    int events = api.get("/api/campaigns/" + id + "/events").json().size();
    Map<String, Object> again =
        app.getBean(CampaignSteps.class)
            .recordExternalResults(
                id,
                "vibration",
                Map.of(
                    "failedModules", "X-01",
                    "stationRecord", "other",
                    "performedBy", "x",
                    "testDate", "2026-12-05"));
    assertThat(again).containsEntry("externalFailed", 1);
    assertThat(api.get("/api/campaigns/" + id + "/events").json().size()).isEqualTo(events);
    assertThat(api.get("/api/campaigns/" + id).json().get("failures")).hasSize(1);
    // every job of the campaign ran twice (the drill): the same answer both times
    io.stressflow.workflows.workflow.JobRedeliveries drill =
        app.getBean(io.stressflow.workflows.workflow.JobRedeliveries.class);
    assertThat(drill.types())
        .contains("campaign.external-results", "campaign.next-leg", "campaign.prepare-leg");
    // except the campaign's progress when a leg ends while another leg of its wave (tc beside
    // shock) runs on between the two deliveries
    assertThat(drill.differences())
        .allSatisfy(d -> assertThat(d).matches(LEG_COMPLETED_PROGRESS_MOVED));
  }

  /**
   * Read points measured as a lab task (issue #11 deliverable 1): the probe reads nothing at them;
   * lab staff measure the modules at the lab's station while the chamber holds the recovery
   * condition, and record it in the task; a module they enter as failed goes to failure analysis.
   */
  @Test
  @Order(2)
  void readPointsMeasuredAtTheLabStationWhileTheChamberHoldsRecovery() {
    // given
    Api.Reply launched =
        api.post(
            "/api/campaigns",
            "application/yaml",
            CampaignScenariosIT.plan("lab-task-read-points.yaml"));
    assertThat(launched.status()).as(launched.text()).isEqualTo(201);
    String id = launched.json().get("campaign").get("id").asText();
    List<Api.Reply> refused = new ArrayList<>();
    List<JsonNode> labTasks = new ArrayList<>();
    boolean[] slipped = {false};
    Lab lab =
        new Lab(api)
            .answer(
                "measure-at-lab",
                task -> {
                  labTasks.add(task);
                  String key = task.get("key").asText();
                  String label = task.get("variables").get("readPointLabel").asText();
                  if (label.equals("2 h")) {
                    // slips refused by the task API, naming the field; the task stays open
                    Map<String, Object> unknown = new LinkedHashMap<>(Lab.labStation(task, ""));
                    unknown.put("failedModules", "X-01");
                    refused.add(
                        api.labStaff().postJson("/api/tasks/" + key + "/complete", unknown));
                    Map<String, Object> noRecord = new LinkedHashMap<>(Lab.labStation(task, ""));
                    noRecord.remove("stationRecord");
                    refused.add(
                        api.labStaff().postJson("/api/tasks/" + key + "/complete", noRecord));
                    return Lab.labStation(task, "");
                  }
                  if (!slipped[0]) {
                    // a slip made where the task API does not check (Tasklist): naming a module
                    // not on test; the workflow refuses it and the task opens again
                    slipped[0] = true;
                    client
                        .newCompleteUserTaskCommand(Long.parseLong(key))
                        .variables(Lab.labStation(task, "X-01"))
                        .send()
                        .join();
                    return null;
                  }
                  return Lab.labStation(task, "LT-02");
                });

    // when
    JsonNode view =
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  lab.work(id);
                  return api.get("/api/campaigns/" + id).json();
                },
                v -> !v.get("campaign").get("state").asText().equals("ACTIVE"));

    // then lab staff measured both read points at the station, through the task
    assertThat(labTasks).hasSize(3);
    JsonNode first = labTasks.get(0);
    assertThat(first.get("form").get("id").asText()).isEqualTo("lab-read-point");
    assertThat(first.get("variables").get("readPointLabel").asText()).isEqualTo("2 h");
    assertThat(first.get("variables").get("legSamples").asText()).isEqualTo("LT-01, LT-02, LT-03");
    assertThat(first.get("variables").get("readPointCondition").asText())
        .contains("°C on the load");
    assertThat(labTasks.get(1).get("variables").get("readPointLabel").asText()).isEqualTo("4 h");
    assertThat(labTasks.get(1).get("variables").get("stationRecord"))
        .as("the first entry was cleared before the second task")
        .hasToString("\"\"");
    assertThat(labTasks.get(2).get("variables").get("failedModules").asText())
        .as("the entry refused by the workflow is shown again")
        .isEqualTo("X-01");
    // the slips were refused, naming the field
    assertThat(refused).hasSize(2);
    assertThat(refused).allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(400));
    JsonNode unknown = refused.get(0).json().get("problems").get(0);
    assertThat(unknown.get("field").asText()).isEqualTo("failedModules");
    assertThat(unknown.get("message").asText())
        .isEqualTo("'X-01' is not a module on test in leg 'dh' (on test: LT-01, LT-02, LT-03)");
    JsonNode missing = refused.get(1).json().get("problems").get(0);
    assertThat(missing.get("field").asText()).isEqualTo("stationRecord");

    // a slip made in Tasklist (no check there) was refused by the workflow: the task came back
    assertThat(slipped[0]).isTrue();
    assertThat(events(id, "LAB_RESULTS_REFUSED"))
        .containsExactly(
            "The lab station results entered for read point 4 h of leg 'dh' do not fit:"
                + " failedModules: 'X-01' is not a module on test in leg 'dh' (on test: LT-01,"
                + " LT-02, LT-03); the task is open again");

    // the chamber held the recovery condition; stress credited exactly the nominal hours
    JsonNode dh = view.get("legs").get(0);
    JsonNode run = api.get("/api/profile-runs/" + dh.get("runId").asText()).json();
    assertThat(run.get("hoursAtCondition").asDouble()).isCloseTo(4.5, within(1e-6));
    JsonNode points = api.get("/api/campaigns/" + id + "/read-points").json();
    assertThat(points).hasSize(2);
    for (JsonNode p : points) {
      assertThat(p.get("mode").asText()).isEqualTo("LAB_TASK");
      assertThat(p.get("loadTemperature").asDouble()).as(p.toString()).isCloseTo(23, within(2.0));
      assertThat(p.get("recoveryHours").asDouble()).as(p.toString()).isGreaterThanOrEqualTo(1.0);
      assertThat(p.get("modulesRead").asInt()).isEqualTo(3);
      assertThat(p.get("measuredBy").asText()).isEqualTo("lab.tech");
      java.time.Instant out = java.time.Instant.parse(p.get("modulesOutAt").asText());
      java.time.Instant back = java.time.Instant.parse(p.get("modulesBackAt").asText());
      assertThat(out).isAfterOrEqualTo(java.time.Instant.parse(p.get("reachedAt").asText()));
      assertThat(back).isAfterOrEqualTo(out);
      assertThat(java.time.Instant.parse(p.get("measuredAt").asText())).isAfterOrEqualTo(back);
    }
    assertThat(points.get(0).get("stationRecord").asText()).isEqualTo("LAB-2h");
    assertThat(points.get(0).get("failed").isNull()).isTrue();
    assertThat(points.get(1).get("stationRecord").asText()).isEqualTo("LAB-4h");
    assertThat(points.get(1).get("failed").asText()).isEqualTo("LT-02");
    // nothing was read through the probe at a read point
    assertThat(events(id, "READ_POINT_SAMPLED")).isEmpty();
    assertThat(events(id, "LAB_READ_POINT")).hasSize(2);

    // the module entered as failed went to failure analysis and fails the verdict
    assertThat(view.get("campaign").get("verdict").asText()).isEqualTo("FAIL");
    assertThat(view.get("failures")).hasSize(1);
    JsonNode failure = view.get("failures").get(0);
    assertThat(failure.get("serial").asText()).isEqualTo("LT-02");
    assertThat(failure.get("criteria").asText())
        .startsWith("LAB_READ_POINT: failed at read point 4 h")
        .contains("station record LAB-4h");
    assertThat(failure.get("lastGoodReadPoint").asText()).isEqualTo("2 h");
    assertThat(failure.get("analysisOutcome").asText()).isEqualTo("CONFIRMED");
    String report = api.get("/api/campaigns/" + id + "/report").text();
    assertThat(report)
        .contains("| dh | 2 h | lab station, record LAB-2h |")
        .contains("Measured at the lab station while the chamber held the recovery condition")
        .contains("station record LAB-4h, measured by lab.tech")
        .contains("Verdict: **FAIL**");

    // and a job delivered twice finds the read point recorded: nothing recorded again
    int events = api.get("/api/campaigns/" + id + "/events").json().size();
    app.getBean(CampaignSteps.class)
        .recordLabReadPoint(
            id, "dh", "4 h", Map.of("stationRecord", "other", "failedModules", "LT-01"));
    assertThat(api.get("/api/campaigns/" + id + "/events").json().size()).isEqualTo(events);
    assertThat(api.get("/api/campaigns/" + id).json().get("failures")).hasSize(1);
    // every job ran twice (the drill): the lab read point's step found itself done
    io.stressflow.workflows.workflow.JobRedeliveries drill =
        app.getBean(io.stressflow.workflows.workflow.JobRedeliveries.class);
    assertThat(drill.types()).contains("campaign.lab-read-point");
    assertThat(drill.differences())
        .allSatisfy(
            d ->
                assertThat(
                        d.startsWith("sampling.read-point")
                            || d.matches(LEG_COMPLETED_PROGRESS_MOVED))
                    .as(d)
                    .isTrue());
  }

  /** A redelivered Record leg result whose answer differs only in the campaign's progress. */
  static final String LEG_COMPLETED_PROGRESS_MOVED =
      "campaign\\.leg-completed: first \\{legsDone=(\\d+), progressPercent=[\\d.]+,"
          + " (failures=\\d+, confirmedFailures=\\d+)\\}, then \\{legsDone=\\1,"
          + " progressPercent=[\\d.]+, \\2\\}";

  private List<String> events(String id, String kind) {
    return StreamSupport.stream(
            api.get("/api/campaigns/" + id + "/events").json().spliterator(), false)
        .filter(e -> e.get("kind").asText().equals(kind))
        .map(e -> e.get("message").asText())
        .toList();
  }

  /** Lab staff enter each external leg's results: shock all pass; vibration fails X-02. */
  private void enterExternalResults(
      String campaignId, Map<String, JsonNode> seen, List<Api.Reply> refused) {
    for (JsonNode t : api.get("/api/tasks?campaignId=" + campaignId).json()) {
      if (!t.get("elementId").asText().equals("enter-external-results")) {
        continue;
      }
      String key = t.get("key").asText();
      JsonNode task = api.get("/api/tasks/" + key).json();
      String leg = task.get("variables").get("leg").asText();
      seen.put(leg, task);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("stationRecord", leg.equals("shock") ? "SHK-0001" : "VIB-0007");
      data.put("performedBy", leg.equals("shock") ? "ana" : "ben");
      data.put("testDate", leg.equals("shock") ? "2026-12-03" : "2026-12-04");
      if (leg.equals("vibration") && !seen.containsKey("vibration-tasklist")) {
        // a slip made where the task API does not check (Tasklist): the worker sends it back
        seen.put("vibration-tasklist", task);
        Map<String, Object> slip = new LinkedHashMap<>(data);
        slip.put("failedModules", "X-09");
        client.newCompleteUserTaskCommand(Long.parseLong(key)).variables(slip).send().join();
        continue;
      }
      if (leg.equals("vibration")) {
        // and a slip through the task API: a module of the chamber leg, refused at once
        data.put("failedModules", "X-05");
        refused.add(api.labStaff().postJson("/api/tasks/" + key + "/complete", data));
        data.put("failedModules", "X-02");
      } else {
        data.put("failedModules", "");
      }
      Api.Reply done = api.labStaff().postJson("/api/tasks/" + key + "/complete", data);
      assertThat(done.status()).as(leg + ": " + done.text()).isEqualTo(204);
    }
  }
}

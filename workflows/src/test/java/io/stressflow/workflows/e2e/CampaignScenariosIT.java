package io.stressflow.workflows.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Variable;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.campaign.CampaignSteps;
import io.stressflow.workflows.outbox.Outbox;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.Lab;
import io.stressflow.workflows.support.TestChambers;
import io.stressflow.workflows.support.TestUsers;
import io.stressflow.workflows.workflow.JobRedeliveries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #7's end-to-end scenarios on loopback at 3600x: the application with its REST API, the
 * embedded engine reached by the real Camunda client over HTTP, a simulated chamber over Modbus
 * TCP, the simulated module fleet, and people played by {@link Lab} through the task API. One
 * chamber, so the campaigns run one after another. (Scenario 4, kill -9, is CampaignChaosIT: twenty
 * kills at random moments.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignScenariosIT {

  static final double SCALE = 3600;
  static final Duration CAMPAIGN_TIMEOUT = Duration.ofMinutes(4);

  ChamberSimulator simulator;
  ConfigurableApplicationContext app;
  Api api;
  CamundaClient client;

  @BeforeAll
  void start() {
    simulator = TestChambers.simulator(SCALE);
    app =
        TestChambers.webApp(
            TestChambers.dataDir("scenarios"),
            SCALE,
            simulator,
            // scenario 2's bad unit: lane 3 of S2-05 wears 250x the median rate (as the demo's
            // DEMO-05)
            "--stressflow.modules.seeded-wear=S2-05:250:3",
            "--stressflow.camunda.worker-timeout=20s",
            "--stressflow.camunda.retry-backoff=1s",
            // every job's step runs twice, as after a lost completion: each must find it done
            "--stressflow.camunda.redeliver-jobs=true",
            // searches trail commands by up to a second, as a Camunda 8 cluster's do (issue #17)
            "--stressflow.camunda.engine.search-lag=1s");
    api = new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    client = app.getBean(CamundaClient.class);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    simulator.close();
  }

  @Test
  @Order(0)
  void theApiIsDocumentedWithOpenApi() {
    Api.Reply docs = api.get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    JsonNode paths = docs.json().get("paths");
    assertThat(paths.has("/api/campaigns")).isTrue();
    assertThat(paths.has("/api/campaigns/{id}/abort")).isTrue();
    assertThat(paths.has("/api/tasks/{key}/complete")).isTrue();
    assertThat(paths.has("/api/modules")).isTrue();
    assertThat(paths.has("/api/plans/validation")).isTrue();
    assertThat(paths.has("/api/chambers")).isTrue();
    assertThat(paths.get("/api/campaigns").get("post").get("summary").asText())
        .isEqualTo("Launch a campaign from a plan");
    assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
  }

  @Test
  @Order(1)
  void scenario1TemperatureCyclingThenDampHeatAllPass() {
    Lab lab = new Lab(api);
    String id = launch("scenario1-pass.yaml");

    JsonNode view = runToEnd(id, lab, v -> {});

    JsonNode campaign = view.get("campaign");
    assertThat(campaign.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(campaign.get("verdict").asText()).isEqualTo("PASS");
    assertThat(campaign.get("outcome").asText()).isEqualTo("APPROVED");
    assertThat(view.get("progressPercent").asDouble()).isEqualTo(100.0);
    assertThat(view.get("failures")).isEmpty();
    JsonNode tc = leg(view, "tc");
    assertThat(tc.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(tc.get("cyclesDone").asLong()).isEqualTo(3);
    assertThat(labels(tc)).containsExactly("1 cycles", "3 cycles");
    JsonNode dh = leg(view, "dh");
    assertThat(dh.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(dh.get("hoursDone").asDouble()).isGreaterThanOrEqualTo(20.0);
    assertThat(labels(dh)).containsExactly("10 h", "20 h");
    for (JsonNode leg : view.get("legs")) {
      for (JsonNode p : leg.get("readPoints")) {
        assertThat(p.get("sampledAt").isNull()).as("read point sampled: " + p).isFalse();
        assertThat(p.get("modulesRead").asInt()).isEqualTo(3);
      }
    }
    // each leg had its own modules loaded before its baseline and unloaded after its last read
    // point; no campaign-wide unload after a normal end
    assertThat(lab.done())
        .containsSubsequence("load-modules", "unload-leg-modules", "approve-report")
        .doesNotContain("unload-modules");
    assertThat(lab.done().stream().filter("load-modules"::equals)).hasSize(2);
    assertThat(lab.done().stream().filter("unload-leg-modules"::equals)).hasSize(2);
    assertThat(events(id, "MODULES_UNLOADED"))
        .hasSize(2)
        .allMatch(m -> m.matches("\\[(tc|dh)\\] 3 modules unloaded from chamber \\S+ by lab.tech"))
        .anyMatch(m -> m.startsWith("[tc]"))
        .anyMatch(m -> m.startsWith("[dh]"));
    List<String> log = events(id, "CYCLE_COMPLETED");
    assertThat(log.stream().map(m -> m.replaceAll("; ramps achieved .*", "")))
        .containsExactly(
            "[tc] cycle 1 completed", "[tc] cycle 2 completed", "[tc] cycle 3 completed");
    assertThat(log.get(0)).matches(".*; ramps achieved [0-9.]+ / [0-9.]+ K/min");
    assertThat(events(id, "READ_POINT_SAMPLED")).hasSize(4);
    assertThat(api.get("/api/campaigns/" + id + "/report").text()).contains("Verdict: **PASS**");
    reportStatisticsFormatsAndExport(id);
    // what a manager sees in Operate: the campaign is stored as ended by its last job, so its
    // instance completes right after (Operate's searches are eventually consistent anyway)
    long key = campaign.get("processInstanceKey").asLong();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> client.newProcessInstanceGetRequest(key).send().join().getState(),
            ProcessInstanceState.COMPLETED::equals);
    Map<String, String> vars = variables(key);
    assertThat(vars)
        .containsEntry("verdict", "\"PASS\"")
        .containsEntry("legsDone", "2")
        .containsEntry("failures", "0")
        .containsKeys("campaign", "product", "lots", "chamber", "legsWave")
        // a leg's hours and cycles are local to its instance of the leg sub-process: gone with it
        .doesNotContainKeys("leg", "hoursDone", "cyclesDone");
  }

  @Test
  @Order(2)
  void aJobDeliveredTwiceFindsItsStepDone() {
    // scenario 1's campaign has ended; every step it ran is asked again, as a redelivered job is
    String id = api.get("/api/campaigns").json().get(0).get("id").asText();
    CampaignSteps steps = app.getBean(CampaignSteps.class);
    int events = api.get("/api/campaigns/" + id + "/events").json().size();
    String samples = samples(id);

    Map<String, Object> baseline = steps.baseline(id);
    Map<String, Object> registered = steps.registerModules(id);
    Map<String, Object> legBaseline = steps.baseline(id, "dh");
    Map<String, Object> unloaded = steps.legUnloaded(id, "dh", "lab.tech");
    Map<String, Object> readPoints = steps.sampleReadPoints(id, "dh");
    Map<String, Object> start = steps.startProfile(id, "dh");
    Map<String, Object> leg = steps.legCompleted(id, "dh");
    Map<String, Object> next = steps.nextLeg(id);

    assertThat(samples(id)).as("no module read again").isEqualTo(samples);
    assertThat(baseline).containsEntry("baselineModules", 6).containsEntry("failures", 0L);
    assertThat(registered).containsEntry("modulesRegistered", 6);
    assertThat(legBaseline).containsEntry("baselineModules", 3).containsEntry("failures", 0L);
    assertThat(unloaded).containsEntry("modulesUnloaded", 3);
    assertThat(readPoints).containsEntry("lastReadPoint", "dh 20 h").containsEntry("failures", 0L);
    assertThat(start.get("runId"))
        .isEqualTo(leg(api.get("/api/campaigns/" + id).json(), "dh").get("runId").asText());
    assertThat(leg).containsEntry("legsDone", 2L);
    assertThat(next).containsEntry("moreLegs", false);
    // steps that log: the same job again logs nothing more
    assertThat(steps.report(id)).containsEntry("verdict", "PASS");
    assertThat(steps.finish(id, "APPROVED")).containsEntry("outcome", "APPROVED");
    assertThat(steps.checkAnalyses(id)).containsEntry("openAnalyses", 0L);
    assertThat(steps.countFailures(id)).containsEntry("failures", 0L);
    assertThat(steps.validatePlan(id)).containsEntry("legsTotal", 2);
    assertThat(api.get("/api/campaigns/" + id + "/events").json().size())
        .as("nothing logged twice")
        .isEqualTo(events);
    // a reminder job delivered twice reminds once; another reminder job reminds again
    steps.remind(id, "approve-report", 4242L);
    steps.remind(id, "approve-report", 4242L);
    assertThat(events(id, "REMINDER")).containsExactly("still waiting: approve-report");
    steps.remind(id, "approve-report", 4343L);
    assertThat(events(id, "REMINDER")).hasSize(2);
    assertThat(api.get("/api/campaigns/" + id).json().get("campaign").get("state").asText())
        .isEqualTo("COMPLETED");
  }

  /**
   * Every job the scenarios' campaigns ran was delivered twice (the drill, see {@code
   * JobRedeliveries}): each step found itself done the second time. Job types the scenarios do not
   * reach are run twice directly: {@code campaign.remind} in {@link
   * #aJobDeliveredTwiceFindsItsStepDone}, the external-leg and lab-station steps in ExternalLegIT.
   */
  @Test
  @Order(100)
  void everyJobTheScenariosRanWasDeliveredTwiceAndFoundItsStepDone() {
    JobRedeliveries drill = app.getBean(JobRedeliveries.class);
    assertThat(drill.types())
        .contains(
            "campaign.validate-plan",
            "chamber.reserve",
            "sampling.baseline",
            "campaign.next-leg",
            "campaign.prepare-leg",
            "profile.start",
            "sampling.read-point",
            "chamber.safe-state",
            "profile.resume",
            "campaign.leg-completed",
            "campaign.count-failure",
            "campaign.check-analyses",
            "campaign.report",
            "campaign.abort",
            "campaign.unloaded",
            "campaign.register-modules",
            "campaign.leg-unloaded",
            "campaign.finish",
            "failure-analysis.report-outcome");
    // the same answer the second time, except where the campaign may have moved on between the
    // two runs (a read point reached meanwhile, another module failed meanwhile)
    assertThat(drill.differences())
        .allSatisfy(
            d ->
                assertThat(d)
                    .matches(
                        "(?s)(sampling\\.read-point|campaign\\.count-failure"
                            + "|campaign\\.check-analyses): .*"));
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    // every message reached the engine
    assertThat(app.getBean(Outbox.class).pending()).isEmpty();
    for (JsonNode c : api.get("/api/campaigns").json()) {
      String id = c.get("id").asText();
      // one instance per campaign, one failure analysis per failure
      assertThat(instances("campaign", id)).as("instances of " + id).hasSize(1);
      for (JsonNode f : api.get("/api/campaigns/" + id).json().get("failures")) {
        assertThat(instances("failure-analysis", id + "/" + f.get("serial").asText())).hasSize(1);
      }
      // no fact logged twice
      List<String> once =
          jdbc.sql(
                  "SELECT kind || ': ' || message FROM campaign_event WHERE campaign_id = ? AND"
                      + " kind IN ('LAUNCHED', 'CHAMBER_RESERVED', 'BASELINE_TAKEN',"
                      + " 'READ_POINT_SAMPLED', 'READ_POINT_MEASURED', 'LEG_STARTED',"
                      + " 'LEG_COMPLETED', 'CYCLE_COMPLETED', 'MODULE_FAILED',"
                      + " 'FAILURE_ANALYSIS_STARTED', 'ANALYSIS_CLOSED', 'REPORT', 'CLOSED',"
                      + " 'COMPLETED', 'ABORTED', 'SAFE_STATE', 'PLAN_REJECTED', 'MODULES_UNLOADED',"
                      + " 'RAMP_SLOW')")
              .param(id)
              .query(String.class)
              .list();
      assertThat(once).as("logbook of " + id).doesNotHaveDuplicates();
    }
  }

  private List<Long> instances(String processId, String businessId) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(processId).businessId(businessId))
        .send()
        .join()
        .items()
        .stream()
        .map(io.camunda.client.api.search.response.ProcessInstance::getProcessInstanceKey)
        .toList();
  }

  private String samples(String id) {
    return app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
        .sql(
            "SELECT COUNT(*) || '/' || COALESCE(MAX(id), 0) FROM module_sample WHERE campaign_id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  @Test
  @Order(3)
  void scenario2ADegradingModuleIsConfirmedAndFailsTheCampaign() {
    List<JsonNode> snapshots = new ArrayList<>();
    Lab lab = new Lab(api).before("verify-failure", snapshots::add);
    String id = launch("scenario2-failure.yaml");

    JsonNode view = runToEnd(id, lab, v -> {});

    JsonNode campaign = view.get("campaign");
    assertThat(campaign.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(campaign.get("verdict").asText()).isEqualTo("FAIL");
    JsonNode failures = view.get("failures");
    assertThat(failures).hasSize(1);
    JsonNode f = failures.get(0);
    assertThat(f.get("serial").asText()).isEqualTo("S2-05");
    assertThat(f.get("leg").asText()).isEqualTo("dh");
    assertThat(f.get("lanes").asText()).isEqualTo("[3]");
    assertThat(f.get("lastGoodReadPoint").asText()).isEqualTo("20 h");
    assertThat(f.get("creditedHours").asDouble()).isCloseTo(20.0, within(1e-6));
    assertThat(f.get("criteria").asText()).contains("BIAS_RISE");
    assertThat(f.get("analysisOutcome").asText()).isEqualTo("CONFIRMED");
    // the failure-analysis task carried the data snapshot
    assertThat(snapshots).hasSize(1);
    JsonNode snapshot = snapshots.get(0).get("variables");
    assertThat(snapshot.get("serial").asText()).isEqualTo("S2-05");
    assertThat(snapshot.get("campaignId").asText()).isEqualTo(id);
    assertThat(snapshot.get("affectedLanes").toString()).isEqualTo("[3]");
    // its history in this campaign, summarised: the baseline, the read points up to the failure
    // (10, 20 and 30 h), and the in-situ polls
    JsonNode history = snapshot.get("history");
    assertThat(history.get("baseline").isNull()).isFalse();
    assertThat(history.get("readPointCount").asInt()).isEqualTo(3);
    assertThat(history.get("readPoints")).hasSize(3);
    assertThat(history.get("inSitu").get("count").asInt()).isGreaterThan(0);
    assertThat(lab.done())
        .containsSubsequence("verify-failure", "analyse-root-cause", "record-corrective-action")
        .contains("approve-report");
    // the failed module was read no more after its failure: 2 of 3 at the 40 h read point
    JsonNode last = leg(view, "dh").get("readPoints").get(3);
    assertThat(last.get("label").asText()).isEqualTo("40 h");
    assertThat(last.get("modulesRead").asInt()).isEqualTo(2);
    String report = api.get("/api/campaigns/" + id + "/report").text();
    assertThat(report).contains("| dh |").contains("FAIL").contains("Verdict: **FAIL**");
    // one confirmed failure in 3: the binomial gives p = 80.4 % for P(X <= 1 | 3, p) = 0.1; the
    // defaults' 60 % bound uses χ²(0.60; 4) = 4.045 over S2-05's 20 h and two modules' 40 h
    String dh = report.substring(report.indexOf("### Leg dh"));
    assertThat(dh)
        .contains("| failures counted (r) | 1 (confirmed by analysis) |")
        .contains("| demonstrated LTPD | 80.4 % at 90 % confidence (n = 3, c = 1) |")
        .contains("(χ²(0.60; 4) = 4.045)");
    assertThat(dh).contains("| Weibull fit | not enough failures for a fit (1 confirmed;");
    // the failed lane is drawn in red on the drift plots, and the failure against its 20 h
    String html = api.get("/api/campaigns/" + id + "/report?format=html").text();
    assertThat(html)
        .contains("data-name=\"S2-05 lane 3\"")
        .contains(">failed: S2-05 lane 3</text>")
        .contains("Leg dh: failures against the time credited to them");
    double hours = deviceHours(report, "dh");
    assertThat(hours).isBetween(100.0, 101.0);
    assertThat(fit(report, "dh")).isCloseTo(4.045 / (2 * hours * 99.9644) * 1e9, within(100.0));
    Map<String, String> vars = variables(campaign.get("processInstanceKey").asLong());
    assertThat(vars).containsEntry("confirmedFailures", "1").containsEntry("verdict", "\"FAIL\"");
  }

  @Test
  @Order(4)
  void scenario3ChamberAlarmSafeStateResolveResume() {
    AtomicBoolean tripped = new AtomicBoolean();
    Lab lab =
        new Lab(api)
            // the technician resets the limit controller before resuming
            .before("resolve-alarm", t -> simulator.faults().overTemperature(false));
    String id = launch("scenario3-alarm.yaml");

    JsonNode view =
        runToEnd(
            id,
            lab,
            v -> {
              JsonNode dh = leg(v, "dh");
              if (!tripped.get() && dh.get("hoursDone").asDouble() >= 4) {
                simulator.faults().overTemperature(true);
                tripped.set(true);
              }
            });

    assertThat(tripped).isTrue();
    JsonNode campaign = view.get("campaign");
    assertThat(campaign.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(campaign.get("verdict").asText()).isEqualTo("PASS");
    assertThat(lab.done()).contains("resolve-alarm");
    assertThat(events(id, "CHAMBER_ALARM")).isNotEmpty();
    assertThat(events(id, "SAFE_STATE")).hasSize(1);
    assertThat(events(id, "LEG_PAUSED")).hasSize(1);
    assertThat(events(id, "LEG_RESUMED")).hasSize(1);
    JsonNode dh = leg(view, "dh");
    assertThat(dh.get("hoursDone").asDouble()).isGreaterThanOrEqualTo(20.0);
    JsonNode run = api.get("/api/profile-runs/" + dh.get("runId").asText()).json();
    // the interruption the alarm caused, and any excursion of the soak (temperature, humidity)
    // while conditioning had stopped but before the run was paused
    List<JsonNode> interruptions =
        StreamSupport.stream(run.get("deviations").spliterator(), false)
            .filter(d -> !d.get("cause").isNull())
            .toList();
    assertThat(interruptions).as("the interruption the alarm caused").hasSize(1);
    assertThat(interruptions.get(0).get("cause").asText())
        .contains("chamber alarm [OVER_TEMPERATURE]");
    assertThat(interruptions.get(0).get("setpoint").asDouble()).isEqualTo(85.0);
    assertThat(run.get("deviations"))
        .allSatisfy(
            d -> assertThat(d.get("quantity").asText()).isIn("temperature, °C", "humidity, %RH"));
  }

  @Test
  @Order(5)
  void scenario6ReadPointsAreMeasuredAfterRecoveryAndHumidityOutOfBandIsNotCredited() {
    java.util.concurrent.atomic.AtomicInteger phase =
        new java.util.concurrent.atomic.AtomicInteger();
    double[] credited = new double[2];
    int[] polls = {0};
    String id = launch("scenario6-recovery.yaml");

    JsonNode view =
        runToEnd(
            id,
            new Lab(api),
            v -> {
              JsonNode dh = leg(v, "dh");
              String runId = dh.path("runId").asText("");
              double hours = dh.get("hoursDone").asDouble();
              switch (phase.get()) {
                case 0 -> {
                  if (hours >= 3 && hours < 7) {
                    simulator.faults().humidifierDry(true); // the water supply runs out
                    phase.set(1);
                  }
                }
                case 1 -> {
                  if (events(id, "DEVIATION").stream().anyMatch(m -> m.contains("humidity"))) {
                    credited[0] = runHours(runId);
                    phase.set(2);
                  }
                }
                case 2 -> {
                  // about a profile hour out of band (5 polls of 200 ms at 3600x)
                  if (++polls[0] >= 5) {
                    credited[1] = runHours(runId);
                    simulator.faults().humidifierDry(false); // refilled
                    phase.set(3);
                  }
                }
                default -> {}
              }
            });

    assertThat(phase.get()).isEqualTo(3);
    JsonNode campaign = view.get("campaign");
    assertThat(campaign.get("verdict").asText()).isEqualTo("PASS");
    // no soak time was credited while the humidity was out of its band
    assertThat(credited[1]).isEqualTo(credited[0]);
    JsonNode dh = leg(view, "dh");
    JsonNode run = api.get("/api/profile-runs/" + dh.get("runId").asText()).json();
    assertThat(run.get("hoursAtCondition").asDouble()).isCloseTo(20.5, within(1e-6));
    assertThat(run.get("deviations").toString()).contains("humidity, %RH");
    // the read points were measured at 23 °C on the load, after at least the 1 h dwell
    JsonNode points = api.get("/api/campaigns/" + id + "/read-points").json();
    assertThat(points).hasSize(2);
    for (JsonNode p : points) {
      assertThat(p.get("leg").asText()).isEqualTo("dh");
      assertThat(p.get("mode").asText()).isEqualTo("RECOVERY");
      assertThat(p.get("loadTemperature").asDouble()).as(p.toString()).isCloseTo(23, within(2.0));
      assertThat(p.get("airTemperature").asDouble()).as(p.toString()).isCloseTo(23, within(2.0));
      assertThat(p.get("recoveryHours").asDouble()).as(p.toString()).isGreaterThanOrEqualTo(1.0);
      assertThat(p.get("modulesRead").asInt()).isEqualTo(3);
      assertThat(p.get("measuredAt").isNull()).isFalse();
    }
    assertThat(points.get(0).get("label").asText()).isEqualTo("10 h");
    assertThat(points.get(1).get("label").asText()).isEqualTo("20 h");
    // humidity went off before the chamber cooled, and stress resumed after each measurement
    List<String> kinds =
        StreamSupport.stream(
                api.get("/api/campaigns/" + id + "/events").json().spliterator(), false)
            .map(e -> e.get("kind").asText())
            .filter(k -> k.startsWith("READ_POINT") || k.equals("STRESS_RESUMED"))
            .toList();
    assertThat(kinds)
        .containsSubsequence(
            "READ_POINT_DUE",
            "READ_POINT_REACHED",
            "READ_POINT_MEASURED",
            "STRESS_RESUMED",
            "READ_POINT_DUE",
            "READ_POINT_REACHED",
            "READ_POINT_MEASURED");
    String report = api.get("/api/campaigns/" + id + "/report").text();
    assertThat(report)
        .contains("## Read points")
        .contains("after recovery")
        .contains("humidity, %RH");
  }

  @Test
  @Order(7)
  void scenario7AStepThatFailsEveryRetryIsAVisibleIncidentAndCanBeRetried() {
    // the alarm is "resolved" in the task, but nobody reset the limit controller: resuming fails
    // every retry and stands as an incident until someone fixes the chamber and retries it
    java.util.concurrent.atomic.AtomicInteger phase =
        new java.util.concurrent.atomic.AtomicInteger();
    List<JsonNode> seen = new ArrayList<>();
    String id = launch(plan("scenario3-alarm.yaml").replace("S3-", "S7-"));

    JsonNode view =
        runToEnd(
            id,
            new Lab(api),
            v -> {
              if (phase.get() == 0 && leg(v, "dh").get("hoursDone").asDouble() >= 4) {
                simulator.faults().overTemperature(true);
                phase.set(1);
              } else if (phase.get() == 1 && !v.get("incidents").isEmpty()) {
                seen.add(v.get("incidents").get(0));
                simulator.faults().overTemperature(false); // the technician resets the limit
                String key = v.get("incidents").get(0).get("key").asText();
                Api.Reply retried =
                    api.postJson("/api/campaigns/" + id + "/incidents/" + key + "/retry", Map.of());
                assertThat(retried.status()).as(retried.text()).isEqualTo(200);
                phase.set(2);
              }
            });

    assertThat(phase.get()).isEqualTo(2);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).get("elementId").asText()).isEqualTo("resume-profile");
    assertThat(seen.get(0).get("errorType").asText()).isEqualTo("JOB_NO_RETRIES");
    assertThat(seen.get(0).get("message").asText()).contains("OVER_TEMPERATURE");
    assertThat(view.get("campaign").get("verdict").asText()).isEqualTo("PASS");
    assertThat(view.get("incidents")).isEmpty();
    assertThat(events(id, "INCIDENT_RETRIED")).hasSize(1);
    assertThat(api.postJson("/api/campaigns/" + id + "/incidents/123/retry", Map.of()).status())
        .isEqualTo(404);
  }

  private double runHours(String runId) {
    return api.get("/api/profile-runs/" + runId).json().get("hoursAtCondition").asDouble();
  }

  @Test
  @Order(6)
  void scenario5BadPlanAndBadTaskCompletionAreRejectedClearly() {
    // a plan that cannot be read at all
    Api.Reply unreadable = api.post("/api/campaigns", "application/yaml", "campaign: [unclosed");
    assertThat(unreadable.status()).isEqualTo(422);
    assertThat(unreadable.contentType()).startsWith("application/problem+json");
    assertThat(unreadable.json().get("title").asText()).isEqualTo("PLAN_INVALID");

    // a plan with mistakes: each named by its field path
    String bad =
        plan("scenario3-alarm.yaml")
            .replace("samples: [S3-01, S3-02, S3-03]", "samples: [S3-01, S3-02, S3-99]")
            .replace("- ramp: { to: 85, rate: 2 }", "- ramp: { to: 250, rate: 2 }");
    Api.Reply rejected = api.post("/api/campaigns", "application/yaml", bad);
    assertThat(rejected.status()).isEqualTo(422);
    JsonNode problems = rejected.json().get("problems");
    List<String> paths =
        StreamSupport.stream(problems.spliterator(), false)
            .map(p -> p.get("path").asText())
            .toList();
    assertThat(paths)
        .anyMatch(p -> p.startsWith("legs[0].samples"))
        .anyMatch(p -> p.startsWith("legs[0].profile.segments[0]"));
    assertThat(problems.toString()).contains("S3-99");
    assertThat(api.get("/api/campaigns").json().toString()).doesNotContain("S3-99");

    // a valid plan; its loading task completed with bad data
    String id = launch(plan("scenario3-alarm.yaml").replace("S3-", "S5-"));
    JsonNode task =
        await()
            .atMost(Duration.ofMinutes(1))
            .until(
                () -> api.get("/api/tasks?campaignId=" + id).json(),
                t -> t.size() == 1 && t.get(0).get("elementId").asText().equals("load-modules"))
            .get(0);
    String key = task.get("key").asText();
    Api.Reply wrong =
        api.labStaff()
            .postJson(
                "/api/tasks/" + key + "/complete",
                Map.of("loadedBy", " ", "modulesConnected", false, "loadedBys", "lab.tech"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.contentType()).startsWith("application/problem+json");
    JsonNode fieldProblems = wrong.json().get("problems");
    assertThat(
            StreamSupport.stream(fieldProblems.spliterator(), false)
                .map(p -> p.get("field").asText())
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("loadedBys", "loadedBy", "modulesConnected");
    assertThat(wrong.json().get("detail").asText()).contains("loadedBy: is required");
    // nothing reached the engine: the task is still open
    assertThat(api.get("/api/tasks?campaignId=" + id).json().get(0).get("key").asText())
        .isEqualTo(key);
    assertThat(api.labStaff().postJson("/api/tasks/" + key + "/complete", Map.of()).status())
        .isEqualTo(400);
    assertThat(api.get("/api/tasks/999999").status()).isEqualTo(404);
    // the task list names the campaign of each task (found by a filter on the tasks' instances)
    assertThat(api.get("/api/tasks?candidateGroup=lab-staff").json().toString()).contains(id);
    // a task someone holds is not taken over: a second technician's claim is a 409 naming them
    // (claims are sent without override, as a cluster's Tasklist user may have claimed it)
    assertThat(api.labStaff().postJson("/api/tasks/" + key + "/claim", Map.of()).status())
        .isEqualTo(200);
    Api other = api.ensureUser("lab.second", "lab-staff").as("lab.second");
    Api.Reply taken = other.postJson("/api/tasks/" + key + "/claim", Map.of());
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().get("detail").asText()).contains(TestUsers.LAB);
    assertThat(other.postJson("/api/tasks/" + key + "/complete", Map.of()).status()).isEqualTo(403);
    assertThat(api.labStaff().postJson("/api/tasks/" + key + "/unclaim", Map.of()).status())
        .isEqualTo(200);

    // the same modules cannot go on test twice
    Api.Reply twice =
        api.post(
            "/api/campaigns",
            "application/yaml",
            plan("scenario3-alarm.yaml").replace("S3-", "S5-"));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().get("detail").asText()).contains("S5-01");

    // the campaign is aborted from the API
    Api.Reply abort = api.postJson("/api/campaigns/" + id + "/abort", Map.of("reason", "test"));
    assertThat(abort.status()).isEqualTo(202);
    JsonNode ended =
        await()
            .atMost(Duration.ofMinutes(1))
            .until(
                () -> api.get("/api/campaigns/" + id).json(),
                v -> !v.get("campaign").get("state").asText().equals("ACTIVE"));
    assertThat(ended.get("campaign").get("verdict").asText()).isEqualTo("ABORTED");
    assertThat(ended.get("campaign").get("outcome").asText()).isEqualTo("ABORTED");
    // issue #19: aborted is a state of its own, with the progress it made, and a report
    assertThat(ended.get("campaign").get("state").asText()).isEqualTo("ABORTED");
    assertThat(ended.get("progressPercent").asDouble()).isLessThan(100);
    // the modules were never loaded: nothing to unload (the task list is a search, which may
    // trail the abort by the search lag)
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(api.get("/api/tasks?campaignId=" + id).json()).isEmpty());
    assertThat(events(id, "ABORTED").get(0)).contains("no modules in the chamber");
    assertThat(api.get("/api/campaigns/" + id + "/report").text())
        .contains("## Abort")
        .contains("No modules were in the chamber to unload")
        .contains("Verdict: **ABORTED**");
    assertThat(api.postJson("/api/campaigns/" + id + "/abort", Map.of("reason", "again")).status())
        .isEqualTo(409);
  }

  @Test
  @Order(7)
  void scenario9AnAbortUnderStressUnloadsTheModulesAndReportsWhatWasDone() {
    String id = launch(plan("scenario3-alarm.yaml").replace("S3-", "S9-"));
    Lab lab = new Lab(api).skip("abort-unload-modules");
    // loaded, baseline taken, the leg under stress with a read point behind it
    await()
        .atMost(CAMPAIGN_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              lab.work(id);
              return api.get("/api/campaigns/" + id).json();
            },
            v ->
                "RUNNING".equals(v.get("legs").get(0).get("state").asText())
                    && v.get("legs").get(0).get("readPoints").size() > 0);

    Api.Reply abort =
        api.postJson("/api/campaigns/" + id + "/abort", Map.of("reason", "chamber door seal"));
    assertThat(abort.status()).isEqualTo(202);
    // the abort asks lab staff to unload the modules: the unload form, for lab staff
    JsonNode task =
        await()
            .atMost(Duration.ofMinutes(1))
            .until(
                () -> api.get("/api/tasks?campaignId=" + id).json(),
                t ->
                    t.size() == 1
                        && t.get(0).get("elementId").asText().equals("abort-unload-modules"))
            .get(0);
    JsonNode full = api.get("/api/tasks/" + task.get("key").asText()).json();
    assertThat(full.get("candidateGroups").toString()).contains("lab-staff");
    assertThat(full.get("formId").asText()).isEqualTo("unload-modules");
    assertThat(full.get("form").toString()).contains("unloadedBy");
    JsonNode waiting = api.get("/api/campaigns/" + id).json();
    assertThat(waiting.get("campaign").get("state").asText()).isEqualTo("ACTIVE");
    assertThat(waiting.get("openTasks").toString()).contains("Unload modules");
    assertThat(
            jdbc()
                .sql(
                    "SELECT DISTINCT state FROM module_unit WHERE campaign_id = ? AND control = FALSE")
                .param(id)
                .query(String.class)
                .list())
        .contains("IN_STRESS");

    JsonNode view = runToEnd(id, new Lab(api), v -> {});
    assertThat(view.get("campaign").get("state").asText()).isEqualTo("ABORTED");
    assertThat(view.get("campaign").get("verdict").asText()).isEqualTo("ABORTED");
    assertThat(view.get("progressPercent").asDouble()).isGreaterThan(0).isLessThan(100);
    assertThat(view.get("legs").get(0).get("state").asText()).isEqualTo("ABORTED");
    assertThat(view.get("eta").isNull()).isTrue();
    // the modules left IN_STRESS, and say the campaign was aborted
    assertThat(
            jdbc()
                .sql(
                    "SELECT DISTINCT state FROM module_unit WHERE campaign_id = ? AND control = FALSE")
                .param(id)
                .query(String.class)
                .list())
        .containsExactly("ABORTED");
    JsonNode unit = api.get("/api/modules/S9-01").json().get("campaigns").get(0);
    assertThat(unit.get("campaignState").asText()).isEqualTo("ABORTED");
    assertThat(unit.get("state").asText()).isEqualTo("ABORTED");
    assertThat(events(id, "MODULES_UNLOADED")).singleElement().asString().contains("lab.tech");
    // what was done: legs, hours and cycles credited, read points, who aborted it and why
    String report = api.get("/api/campaigns/" + id + "/report").text();
    assertThat(report)
        .contains("## Abort")
        .contains("by admin")
        .contains("chamber door seal")
        .contains("ABORTED, ")
        .contains("h credited at condition")
        .contains("## Read points")
        .contains("Modules unloaded: ")
        .contains("Verdict: **ABORTED**");
  }

  private JdbcClient jdbc() {
    return app.getBean(JdbcClient.class);
  }

  private String launch(String planOrResource) {
    String yaml = planOrResource.endsWith(".yaml") ? plan(planOrResource) : planOrResource;
    Api.Reply r = api.post("/api/campaigns", "application/yaml", yaml);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("campaign").get("id").asText();
  }

  private JsonNode runToEnd(String id, Lab lab, java.util.function.Consumer<JsonNode> each) {
    return await()
        .atMost(CAMPAIGN_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              lab.work(id);
              JsonNode v = api.get("/api/campaigns/" + id).json();
              each.accept(v);
              return v;
            },
            v -> !v.get("campaign").get("state").asText().equals("ACTIVE"));
  }

  private List<String> events(String id, String kind) {
    return StreamSupport.stream(
            api.get("/api/campaigns/" + id + "/events").json().spliterator(), false)
        .filter(e -> e.get("kind").asText().equals(kind))
        .map(e -> e.get("message").asText())
        .toList();
  }

  private Map<String, String> variables(long processInstanceKey) {
    return client
        .newVariableSearchRequest()
        .withFullValues()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items()
        .stream()
        .collect(Collectors.toMap(Variable::getName, Variable::getValue, (a, b) -> a));
  }

  private static JsonNode leg(JsonNode view, String id) {
    for (JsonNode leg : view.get("legs")) {
      if (leg.get("id").asText().equals(id)) {
        return leg;
      }
    }
    throw new AssertionError("no leg " + id + " in " + view);
  }

  private static List<String> labels(JsonNode leg) {
    return StreamSupport.stream(leg.get("readPoints").spliterator(), false)
        .map(p -> p.get("label").asText())
        .toList();
  }

  static String plan(String resource) {
    try (InputStream in =
        CampaignScenariosIT.class.getClassLoader().getResourceAsStream("e2e/" + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Issue #18 on scenario 1's report: the statistics at the plan's use condition (numbers worked by
   * hand from the plan: 3 modules x 20 h at 85/85, Peck AF 99.96 to 40 °C / 60 %RH, χ²(0.90; 2) =
   * 4.605; 3 modules x 3 cycles of 125 K, Coffin–Manson AF 39.06 to 20 K, one cycle a day), the
   * HTML and PDF renderings of the same report, and the data export.
   */
  void reportStatisticsFormatsAndExport(String id) {
    String md = api.get("/api/campaigns/" + id + "/report").text();
    assertThat(md)
        .contains("## Statistics")
        .contains("| use temperature (`temperatureC`) | 40 °C | plan (useCondition.temperatureC) |")
        .contains("| confidence of the FIT and MTTF bounds (`confidence`) | 90 % | plan")
        .contains("| Arrhenius Ea (`activationEnergyEv`) | 0.7 eV | default:")
        .contains("The plan's note on these numbers: field condition of a central-office rack")
        .contains("### Leg tc")
        .contains("### Leg dh")
        .contains("| demonstrated LTPD | 53.6 % at 90 % confidence (n = 3, c = 0) |")
        .contains("| stress condition (profile setpoints) | 85 °C / 85 %RH |")
        .contains(
            "| stress condition (profile setpoints) | -40 ↔ 85 °C, a swing of 125 K, 3 cycles |")
        .containsPattern(
            "\\| achieved \\(load temperature from telemetry\\) \\| chamber chamber-1, at the"
                + " setpoint 85 °C: [0-9.]+ to [0-9.]+ °C, [0-9.]+ % of [0-9,]+ readings within"
                + " −2/\\+2 K \\|")
        .containsPattern(
            "at the setpoint -40 °C: -[0-9.]+ to -[0-9.]+ °C, [0-9.]+ % of [0-9,]+ readings"
                + " within −0/\\+2 K; at 85 °C: [0-9.]+ to [0-9.]+ °C, [0-9.]+ % of [0-9,]+"
                + " readings within −2/\\+0 K \\|")
        .contains("Peck: AF = ")
        .contains("Coffin–Manson: AF = (ΔT_test / ΔT_use)^m = (125 K / 20 K)^2 = 39.1 |")
        .containsPattern(
            "\\| device-hours credited \\| [0-9,]+ h at condition; 9 device-cycles \\|");
    // dh: each module credited to its 20 h read point; 4.605 / (2 x 60 h x 99.96) x 1e9 = 383,901
    double dhHours = deviceHours(md, "dh");
    assertThat(dhHours).isBetween(60.0, 61.0);
    assertThat(fit(md, "dh")).isCloseTo(4.60517 / (2 * dhHours * 99.9644) * 1e9, within(50.0));
    // tc: 9 device-cycles x 39.06 x 24 h a field cycle
    assertThat(fit(md, "tc")).isCloseTo(4.60517 / (2 * 9 * 39.0625 * 24) * 1e9, within(50.0));

    Api.Reply html = api.get("/api/campaigns/" + id + "/report?format=html");
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.contentType()).startsWith("text/html");
    assertThat(html.text()).contains("<h2>Statistics</h2>").contains("<h3>Leg dh</h3>");
    assertThat(md)
        .contains("| Weibull fit | not enough failures for a fit (0 confirmed;")
        .contains("| humidity achieved (telemetry, while the load was in its band) | 85 %RH at 85")
        .contains("| ramp rates achieved (air, 10–90 % of the swing, from the logbook) |");
    // the plots, as SVG in the HTML and drawn in the PDF
    assertThat(html.text())
        .contains("<h2>Plots</h2>")
        .contains("Leg dh: chamber chamber-1, temperature achieved against the setpoint")
        .contains("Leg dh: chamber chamber-1, humidity achieved")
        .contains("Leg dh: Tx power change from baseline per lane")
        .contains("Leg tc: Tx power change from baseline per lane")
        .contains(">cycles</text>");

    Api.BinaryReply pdf = api.getBytes("/api/campaigns/" + id + "/report?format=pdf");
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.contentType()).isEqualTo("application/pdf");
    assertThat(pdf.headers().get("content-disposition").get(0)).contains(id + "-report.pdf");
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertThat(text).contains("Statistics").contains("Leg dh").contains("Verdict: PASS");
      assertThat(text).contains("Plots").contains("Leg dh: Tx power change from baseline per lane");
      // the pages as images, for people to look at (README shows one)
      java.nio.file.Path dir = java.nio.file.Path.of("target", "report-pages");
      java.nio.file.Files.createDirectories(dir);
      org.apache.pdfbox.rendering.PDFRenderer renderer =
          new org.apache.pdfbox.rendering.PDFRenderer(doc);
      for (int i = 0; i < doc.getNumberOfPages(); i++) {
        javax.imageio.ImageIO.write(
            renderer.renderImageWithDPI(i, 80),
            "png",
            dir.resolve("page-" + (i + 1) + ".png").toFile());
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    JsonNode export = api.get("/api/campaigns/" + id + "/export").json();
    assertThat(export.get("campaign").asText()).isEqualTo(id);
    assertThat(export.get("modules")).hasSize(6);
    assertThat(export.get("events").size()).isGreaterThan(10);
    assertThat(export.get("deviations").isArray()).isTrue();
    JsonNode reading = export.get("readings").get(0);
    assertThat(reading.get("kind").asText()).isEqualTo("BASELINE");
    assertThat(reading.get("lane").asInt()).isBetween(1, 8);
    assertThat(reading.get("txMw").asDouble()).isPositive();
    // 6 modules x 8 lanes at the baseline and at each of two read points per leg, at least
    assertThat(export.get("readings").size()).isGreaterThanOrEqualTo(6 * 8 * 3);
    Api.Reply csv = api.get("/api/campaigns/" + id + "/export?format=csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.text())
        .startsWith(
            "sample,serial,leg,kind,label,at,stressHours,cycles,inEnvelope,state,temperatureC,vccV,"
                + "verdict,control,lane,biasMa,txMw,rxMw\r\n");
    assertThat(csv.text().split("\r\n")).hasSize(export.get("readings").size() + 1);
    assertThat(api.get("/api/campaigns/" + id + "/export?format=csv&data=events").text())
        .startsWith("at,actor,kind,message\r\n");
  }

  /** The device-hours the report credits a leg. */
  static double deviceHours(String report, String leg) {
    String section = report.substring(report.indexOf("### Leg " + leg));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("device-hours credited \\| ([0-9,]+) h").matcher(section);
    assertThat(m.find()).as("device-hours for leg " + leg).isTrue();
    return Double.parseDouble(m.group(1).replace(",", ""));
  }

  /** The FIT bound the report states for a leg. */
  static double fit(String report, String leg) {
    String section = report.substring(report.indexOf("### Leg " + leg));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("failure rate λ \\| ≤ ([0-9,]+) FIT").matcher(section);
    assertThat(m.find()).as("a FIT bound for leg " + leg).isTrue();
    return Double.parseDouble(m.group(1).replace(",", ""));
  }
}

package io.stressflow.workflows.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.Lab;
import io.stressflow.workflows.support.TestChambers;
import java.time.Duration;
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
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Module identity per campaign and the reuse rule (issue #12), end to end at 3600x on loopback: the
 * application with its REST API and H2 file database, the embedded engine through the real Camunda
 * client, a simulated chamber over Modbus TCP, the simulated fleet, people played by {@link Lab}.
 * In campaign A the worn module R-03 fails (its analysis: could not duplicate); a plan with the
 * same modules is refused naming campaign A until it marks them {@code reuse: true}; in campaign B
 * R-03 is read at the baseline and the read point and judged against its baseline of campaign B,
 * not A's. A profile run outside a campaign cannot take a campaign's id or its modules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModuleReuseIT {

  static final double SCALE = 3600;
  static final Duration CAMPAIGN_TIMEOUT = Duration.ofMinutes(4);

  ChamberSimulator simulator;
  ConfigurableApplicationContext app;
  Api api;
  JdbcClient jdbc;
  String campaignA;
  String campaignB;

  @BeforeAll
  void start() {
    simulator = TestChambers.simulator(SCALE);
    app =
        TestChambers.webApp(
            TestChambers.dataDir("reuse"),
            SCALE,
            simulator,
            // lane 3 of R-03 wears 250x the median rate, about +2 % bias per hour at 85/85: it
            // fails the 50 % bias-rise criterion at campaign A's 30 h read point
            "--stressflow.modules.seeded-wear=R-03:250:3",
            "--stressflow.camunda.worker-timeout=20s",
            "--stressflow.camunda.retry-backoff=1s");
    api = new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    jdbc = app.getBean(JdbcClient.class);
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
  void campaignAFailsTheWornModuleAndProfileRunsCannotTakeItsModules() {
    String plan = plan("Reuse A", "40h", "[10, 20, 30, 40]", false);
    campaignA = launch(plan);

    // while A runs: a profile run outside a campaign may not run under A's id...
    Api.Reply underA =
        api.postJson(
            "/api/profile-runs", Map.of("campaignId", campaignA, "plan", plan, "leg", "dh"));
    assertThat(underA.status()).as(underA.text()).isEqualTo(409);
    assertThat(underA.contentType()).startsWith("application/problem+json");
    assertThat(underA.json().get("title").asText()).isEqualTo("INVALID_STATE");
    assertThat(underA.json().get("detail").asText())
        .startsWith("campaignId: '" + campaignA + "' is a campaign launched here (ACTIVE)")
        .contains("it is running and its legs are run by its workflow");
    // ...nor take A's modules under an id of its own
    Api.Reply commissioning =
        api.postJson(
            "/api/profile-runs", Map.of("campaignId", "COMMISSION-1", "plan", plan, "leg", "dh"));
    assertThat(commissioning.status()).as(commissioning.text()).isEqualTo(409);
    assertThat(commissioning.json().get("detail").asText())
        .startsWith("Module(s) on test in a running campaign: R-01 (campaign " + campaignA + ")")
        .contains("R-03 (campaign " + campaignA + ")");
    // and nothing of either was stored: no run, no unit registered or moved
    assertThat(count("SELECT COUNT(*) FROM profile_run")).isZero();
    assertThat(count("SELECT COUNT(*) FROM module_unit WHERE campaign_id <> '" + campaignA + "'"))
        .isZero();

    JsonNode view =
        runToEnd(
            campaignA,
            new Lab(api)
                .answer(
                    "verify-failure",
                    Map.of(
                        "cleaned",
                        true,
                        "goldenPort",
                        true,
                        "repeated",
                        true,
                        "verification",
                        "CND")));

    assertThat(view.get("campaign").get("state").asText()).isEqualTo("COMPLETED");
    assertThat(view.get("failures")).hasSize(1);
    JsonNode failure = view.get("failures").get(0);
    assertThat(failure.get("serial").asText()).isEqualTo("R-03");
    assertThat(failure.get("lastGoodReadPoint").asText()).isEqualTo("20 h");
    assertThat(failure.get("analysisOutcome").asText()).isEqualTo("CND");

    // an ended campaign's id is still not a profile run's: its record is closed
    Api.Reply closed =
        api.postJson(
            "/api/profile-runs", Map.of("campaignId", campaignA, "plan", plan, "leg", "dh"));
    assertThat(closed.status()).as(closed.text()).isEqualTo(409);
    assertThat(closed.json().get("detail").asText())
        .contains("is a campaign launched here (COMPLETED)")
        .contains("its record is closed");
  }

  @Test
  @Order(2)
  void aPlanWithTheSameModulesIsRefusedNamingCampaignAUnlessItMarksThemForReuse() {
    Api.Reply refused =
        api.post("/api/campaigns", "application/yaml", plan("Reuse B", "10h", "[10]", false));

    assertThat(refused.status()).as(refused.text()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    String detail = refused.json().get("detail").asText();
    assertThat(detail)
        .startsWith("Module(s) tested before in another campaign: R-01 (campaign " + campaignA)
        .contains(
            "R-03 (campaign "
                + campaignA
                + " (COMPLETED): failed in leg dh, analysis could not duplicate (CND))")
        .contains("R-01 (campaign " + campaignA + " (COMPLETED): tested, did not fail (40.0 h")
        .contains("mark it `reuse: true` under the plan's modules");
    // refused before anything was stored
    assertThat(api.get("/api/campaigns").json()).hasSize(1);

    // marking only some is not enough: the others are named
    String some =
        plan("Reuse B", "10h", "[10]", false)
            .replace("{ serial: R-03, lot: LR1 }", "{ serial: R-03, lot: LR1, reuse: true }");
    Api.Reply partly = api.post("/api/campaigns", "application/yaml", some);
    assertThat(partly.status()).isEqualTo(409);
    assertThat(partly.json().get("detail").asText()).contains("R-01 (").doesNotContain("R-03 (");
  }

  @Test
  @Order(3)
  void withReuseCampaignBReadsAndJudgesTheModuleAgainstItsOwnBaseline() {
    // R-03's worn lane is beyond the module's own (absolute) bias alarm by now, which would fail
    // it at B's first in-situ poll; B judges drift only, which is what its baseline is for
    campaignB =
        launch(
            plan("Reuse B", "10h", "[10]", true)
                .replace(
                    "    acceptance:",
                    "    failureCriteria: { txPowerDriftDb: 1.0, biasRisePercent: 50,"
                        + " rxPowerDropDb: 1.0, moduleAlarms: false }\n    acceptance:"));

    JsonNode view = runToEnd(campaignB, new Lab(api));

    // R-03, failed in A, is read at B's baseline and read point, judged, and passes there:
    // against its baseline of B it rose ~10 %; against A's it would have risen far beyond 50 %
    assertThat(view.get("campaign").get("state").asText()).isEqualTo("COMPLETED");
    assertThat(view.get("campaign").get("verdict").asText()).isEqualTo("PASS");
    assertThat(view.get("failures")).isEmpty();
    assertThat(view.get("legs").get(0).get("readPoints").get(0).get("modulesRead").asInt())
        .isEqualTo(3);
    assertThat(
            jdbc.sql(
                    "SELECT label || '=' || verdict FROM module_sample WHERE campaign_id = ?"
                        + " AND serial = 'R-03' AND kind <> 'IN_SITU' ORDER BY id")
                .param(campaignB)
                .query(String.class)
                .list())
        .containsExactly("0=PASS", "10 h=PASS");
    // and polled in situ in B, as the other modules
    assertThat(
            count(
                "SELECT COUNT(*) FROM module_sample WHERE campaign_id = '"
                    + campaignB
                    + "' AND serial = 'R-03' AND kind = 'IN_SITU' AND verdict = 'PASS'"))
        .isPositive();
    // B has ended: its modules were unloaded
    assertThat(
            jdbc.sql("SELECT state FROM module_unit WHERE campaign_id = ? AND serial = 'R-03'")
                .param(campaignB)
                .query(String.class)
                .single())
        .isEqualTo("UNLOADED");

    // B's baseline is B's own read of the worn module, not A's
    double baselineA = lane3Bias(campaignA, "0");
    double baselineB = lane3Bias(campaignB, "0");
    assertThat(baselineB).isGreaterThan(baselineA * 1.5);
    assertThat(lane3Bias(campaignB, "10 h") / baselineB).isBetween(1.0, 1.5);
    assertThat(lane3Bias(campaignB, "10 h") / baselineA).isGreaterThan(1.5);

    // A's record is untouched: its failure and unit stay A's
    assertThat(
            jdbc.sql("SELECT campaign_id || '/' || state FROM module_unit WHERE serial = 'R-03'")
                .query(String.class)
                .list())
        .containsExactlyInAnyOrder(campaignA + "/FAILED", campaignB + "/UNLOADED");
    assertThat(api.get("/api/campaigns/" + campaignA).json().get("failures")).hasSize(1);

    // the reuse is in B's logbook, and the module's history lists both campaigns
    assertThat(events(campaignB, "MODULES_REUSED"))
        .singleElement()
        .asString()
        .contains("R-03 (campaign " + campaignA + " (COMPLETED): failed in leg dh");
    JsonNode module = api.get("/api/modules/R-03").json();
    assertThat(module.get("campaignId").asText()).isEqualTo(campaignB);
    JsonNode campaigns = module.get("campaigns");
    assertThat(campaigns).hasSize(2);
    assertThat(campaigns.get(0).get("campaignId").asText()).isEqualTo(campaignA);
    assertThat(campaigns.get(0).get("state").asText()).isEqualTo("FAILED");
    assertThat(campaigns.get(0).get("analysisOutcome").asText()).isEqualTo("CND");
    assertThat(campaigns.get(1).get("campaignId").asText()).isEqualTo(campaignB);
    assertThat(campaigns.get(1).get("state").asText()).isEqualTo("UNLOADED");
  }

  /** A one-leg damp-heat plan on R-01..R-03 (the leg's samples), optionally all marked reuse. */
  private static String plan(String title, String soak, String readPoints, boolean reuse) {
    String mark = reuse ? ", reuse: true" : "";
    return String.join(
        "\n",
        "campaign: \"" + title + "\"",
        "product: { partNumber: SF-400G-SR8 }",
        "lots: [{ id: LR1 }]",
        "modules:",
        "  - { serial: R-01, lot: LR1" + mark + " }",
        "  - { serial: R-02, lot: LR1" + mark + " }",
        "  - { serial: R-03, lot: LR1" + mark + " }",
        "legs:",
        "  - id: dh",
        "    preset: gr468-damp-heat",
        "    chamber: chamber-1",
        "    samples: [R-01, R-02, R-03]",
        "    profile:",
        "      segments:",
        "        - ramp: { to: 85, rate: 2 }",
        "        - soak: { duration: PT30M, band: { below: 2, above: 2 } }",
        "        - humidity: { setpoint: 85, tolerance: 5 }",
        "        - soak: { duration: " + soak + ", band: { below: 2, above: 2 } }",
        "        - humidity: { off: true }",
        "        - ramp: { to: 23, rate: 2 }",
        "    readPoints: { unit: HOURS, at: " + readPoints + " }",
        "    acceptance: { sampleSize: 3, allowedFailures: 0 }",
        "");
  }

  private String launch(String yaml) {
    Api.Reply r = api.post("/api/campaigns", "application/yaml", yaml);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("campaign").get("id").asText();
  }

  private JsonNode runToEnd(String id, Lab lab) {
    return await()
        .atMost(CAMPAIGN_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              lab.work(id);
              return api.get("/api/campaigns/" + id).json();
            },
            v -> !v.get("campaign").get("state").asText().equals("ACTIVE"));
  }

  private double lane3Bias(String campaignId, String label) {
    return jdbc.sql(
            "SELECT l.bias_ma FROM lane_reading l JOIN module_sample s ON s.id = l.sample_id"
                + " WHERE s.campaign_id = ? AND s.serial = 'R-03' AND s.label = ? AND l.lane = 3")
        .params(campaignId, label)
        .query(Double.class)
        .single();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private List<String> events(String id, String kind) {
    return StreamSupport.stream(
            api.get("/api/campaigns/" + id + "/events").json().spliterator(), false)
        .filter(e -> e.get("kind").asText().equals(kind))
        .map(e -> e.get("message").asText())
        .toList();
  }
}

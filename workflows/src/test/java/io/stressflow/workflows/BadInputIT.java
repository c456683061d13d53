package io.stressflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.TestChambers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #12's hostile inputs over real HTTP: pathological plans and oversized bodies are answered
 * 4xx with the field path of each problem, nothing of them is stored, and the service answers a
 * normal request afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

  static final double SCALE = 60;
  static final String YAML = "application/yaml";

  ChamberSimulator simulator;
  ConfigurableApplicationContext app;
  Api api;

  @BeforeAll
  void start() {
    simulator = TestChambers.simulator(SCALE);
    app = TestChambers.webApp(TestChambers.dataDir("bad-input"), SCALE, simulator);
    api = new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    simulator.close();
  }

  @Test
  void shouldRefusePathologicalPlansWithFieldPathsStoreNothingAndKeepAnswering() {
    // a billion cycles, NaN numbers, a soak of 10^23 days, a 70-character leg id, a zero in-situ
    // interval, ids with a space and a quote
    assertRefused(
        plan().replace("count: 10", "count: 1000000000"),
        "legs[0].profile.segments[0].repeat.count");
    assertRefused(
        plan().replace("to: 85", "to: NaN").replace("setpoint: 50", "setpoint: NaN"),
        "legs[0].profile.segments[0].repeat.segments[0].ramp.to",
        "legs[0].profile.segments[1].humidity.setpoint");
    assertRefused(
        plan().replace("duration: PT10M", "duration: 99999999999999999999999d"),
        "legs[0].profile.segments[0].repeat.segments[1].soak.duration");
    assertRefused(plan().replace("id: tc", "id: " + "t".repeat(70)), "legs[0].id");
    assertRefused(plan().replace("inSitu: PT10M", "inSitu: PT0S"), "legs[0].inSitu");
    assertRefused(
        plan()
            .replace("id: L1 }", "id: \"L 1\" }")
            .replace("lot: L1 }", "lot: \"L 1\" }")
            .replace("serial: B01", "serial: \"B'01\"")
            .replace("samples: [B01", "samples: [\"B'01\""),
        "lots[0].id",
        "modules[0].serial",
        "modules[0].lot",
        "legs[0].samples[0]");
    // a second YAML document
    assertRefused(plan() + "---\ncampaign: smuggled\n", "(document)");
    // an `after` chain longer than the legs a plan may have
    assertRefused(chain(101), "legs");

    assertNothingStored();
    assertStillAnswering();
  }

  @Test
  void shouldAnswer413ToOversizedBodiesNamingTheLimit() {
    String huge = plan() + "# " + "padding ".repeat(2 * 1024 * 1024 / 8) + "\n";
    for (String path : List.of("/api/plans/validation", "/api/campaigns")) {
      Api.Reply reply = api.post(path, YAML, huge);
      assertThat(reply.status()).as(path).isEqualTo(413);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      assertThat(reply.json().get("title").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(reply.json().get("detail").asText())
          .contains("1536 KiB (stressflow.api.max-body-size)");
    }
    Api.Reply run =
        api.postJson("/api/profile-runs", Map.of("campaignId", "C-1", "plan", huge, "leg", "tc"));
    assertThat(run.status()).isEqualTo(413);

    // 100,000 legs, each after the one before: far over the body limit, refused before parsing
    assertThat(api.post("/api/plans/validation", YAML, chain(100_000)).status()).isEqualTo(413);

    // between the plan's 1 MiB and the body's 1.5 MiB, the reader names the plan's limit
    String large = plan() + "# " + "padding ".repeat(1_200_000 / 8) + "\n";
    Api.Reply plan = api.post("/api/plans/validation", YAML, large);
    assertThat(plan.status()).isEqualTo(422);
    assertThat(plan.text()).contains("(document)").contains("a plan may be at most 1 MiB");

    assertNothingStored();
    assertStillAnswering();
  }

  @Test
  void shouldRefuseLotsModulesAndRunsWithBadIdsAndStoreNone() {
    for (String id : List.of("L 1", "L\"1", "L'1", "L/1", "x".repeat(70))) {
      Api.Reply lot = api.postJson("/api/lots", Map.of("id", id, "partNumber", "P1"));
      assertThat(lot.status()).as(id).isEqualTo(400);
      assertThat(lot.json().get("problems").get(0).get("field").asText()).isEqualTo("id");

      Api.Reply module = api.postJson("/api/modules", Map.of("serial", id));
      assertThat(module.status()).as(id).isEqualTo(400);
      assertThat(module.json().get("problems").get(0).get("field").asText()).isEqualTo("serial");
    }
    Api.Reply partNumber =
        api.postJson("/api/lots", Map.of("id", "L-ok", "partNumber", "p".repeat(65)));
    assertThat(partNumber.status()).isEqualTo(400);
    assertThat(partNumber.json().get("problems").get(0).get("field").asText())
        .isEqualTo("partNumber");

    Api.Reply abort = api.postJson("/api/campaigns/C-1/abort", Map.of("reason", "r".repeat(2000)));
    assertThat(abort.status()).isEqualTo(400);
    assertThat(abort.json().get("problems").get(0).get("field").asText()).isEqualTo("reason");

    Api.Reply run =
        api.postJson(
            "/api/profile-runs", Map.of("campaignId", "c".repeat(70), "plan", plan(), "leg", "tc"));
    assertThat(run.status()).isEqualTo(400);
    assertThat(run.json().get("problems").get(0).get("field").asText()).isEqualTo("campaignId");
    Api.Reply runPlan =
        api.postJson(
            "/api/profile-runs",
            Map.of(
                "campaignId",
                "C-1",
                "plan",
                plan().replace("count: 10", "count: 1000000000"),
                "leg",
                "tc"));
    assertThat(runPlan.status()).isEqualTo(422);
    assertThat(paths(runPlan.json())).contains("legs[0].profile.segments[0].repeat.count");

    assertNothingStored();
    assertStillAnswering();
  }

  /** Refused by validation and by launch, each problem at its path. */
  private void assertRefused(String yaml, String... paths) {
    Api.Reply validation = api.post("/api/plans/validation", YAML, yaml);
    assertThat(validation.status()).as(validation.text()).isEqualTo(422);
    assertThat(paths(validation.json())).as(validation.text()).contains(paths);

    Api.Reply launch = api.post("/api/campaigns", YAML, yaml);
    assertThat(launch.status()).as(launch.text()).isEqualTo(422);
    assertThat(launch.contentType()).startsWith("application/problem+json");
    assertThat(launch.json().get("title").asText()).isEqualTo("PLAN_INVALID");
    assertThat(paths(launch.json())).as(launch.text()).contains(paths);
  }

  private static List<String> paths(JsonNode body) {
    List<String> paths = new ArrayList<>();
    body.get("problems").forEach(p -> paths.add(p.get("path").asText()));
    return paths;
  }

  private void assertNothingStored() {
    assertThat(api.get("/api/campaigns").json()).isEmpty();
    assertThat(api.get("/api/lots").json()).isEmpty();
    assertThat(api.get("/api/modules").json()).isEmpty();
    assertThat(api.get("/api/profile-runs/anything").status()).isEqualTo(404);
  }

  private void assertStillAnswering() {
    Api.Reply ok = api.post("/api/plans/validation", YAML, plan());
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    assertThat(ok.json().get("legs").get(0).get("cycles").asLong()).isEqualTo(10);
  }

  /** A small valid plan: ten cycles on one module. */
  static String plan() {
    return """
        campaign: bad input
        product: { partNumber: SF-400G-SR8 }
        lots: [{ id: L1 }]
        modules: [{ serial: B01, lot: L1 }]
        legs:
          - id: tc
            chamber: chamber-1
            samples: [B01]
            profile:
              segments:
                - repeat:
                    count: 10
                    segments:
                      - ramp: { to: 85, rate: 5 }
                      - soak: { duration: PT10M }
                - humidity: { setpoint: 50 }
                - humidity: { off: true }
            readPoints: { unit: CYCLES, at: [5] }
            inSitu: PT10M
            acceptance: { sampleSize: 1, allowedFailures: 0 }
        """;
  }

  /** A plan of {@code n} legs, each after the one before. */
  static String chain(int n) {
    StringBuilder b =
        new StringBuilder(
            "campaign: chain\nproduct: { partNumber: P1 }\nmodules: [{ serial: B01 }]\nlegs:\n");
    for (int i = 0; i < n; i++) {
      b.append("  - { id: l")
          .append(i)
          .append(", chamber: chamber-1")
          .append(i == 0 ? "" : ", after: [l" + (i - 1) + "]")
          .append(" }\n");
    }
    return b.toString();
  }
}

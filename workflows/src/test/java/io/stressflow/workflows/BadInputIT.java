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
      assertThat(lot.status()).as(id).isEqualTo(422);
      assertThat(lot.json().get("problems").get(0).get("field").asText()).isEqualTo("id");

      Api.Reply module = api.postJson("/api/modules", Map.of("serial", id));
      assertThat(module.status()).as(id).isEqualTo(422);
      assertThat(module.json().get("problems").get(0).get("field").asText()).isEqualTo("serial");
    }
    Api.Reply partNumber =
        api.postJson("/api/lots", Map.of("id", "L-ok", "partNumber", "p".repeat(65)));
    assertThat(partNumber.status()).isEqualTo(422);
    assertThat(partNumber.json().get("problems").get(0).get("field").asText())
        .isEqualTo("partNumber");

    Api.Reply abort = api.postJson("/api/campaigns/C-1/abort", Map.of("reason", "r".repeat(2000)));
    assertThat(abort.status()).isEqualTo(422);
    assertThat(abort.json().get("problems").get(0).get("field").asText()).isEqualTo("reason");

    Api.Reply run =
        api.postJson(
            "/api/profile-runs", Map.of("campaignId", "c".repeat(70), "plan", plan(), "leg", "tc"));
    assertThat(run.status()).isEqualTo(422);
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

  /**
   * Issue #19's corpus of bad requests: every one is answered problem+json with the status it
   * deserves, names the parameter or field at fault, and says nothing of classes, packages,
   * exceptions or SQL.
   */
  @Test
  void shouldAnswerEveryBadRequestWithProblemJsonInOurWords() {
    String json = "application/json";
    String multipart = "multipart/form-data; boundary=xyz";
    String part = "--xyz\r\nContent-Disposition: form-data; name=\"plan\"\r\n\r\nx\r\n--xyz--\r\n";
    Api fa = api.ensureUser("bad.fa", "fa-engineer").as("bad.fa");
    List<Case> cases =
        List.of(
            // path and query parameters: 400 naming the parameter
            get("/api/tasks/abc", 400, "key"),
            get("/api/chambers/chamber-1/telemetry?from=yesterday", 400, "from"),
            get("/api/chambers/chamber-1/telemetry?to=2026-13-45", 400, "to"),
            get("/api/chambers/chamber-1/telemetry?points=x", 400, "points"),
            get("/api/chambers/chamber-1/telemetry?points=0", 400, "points"),
            get(
                "/api/chambers/chamber-1/telemetry?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z",
                400,
                "from"),
            get("/api/audit?from=yesterday", 400, "from"),
            get("/api/audit?limit=lots", 400, "limit"),
            get("/api/campaigns/C-1/incidents/x/retry", 405, null),
            // no such thing, no such method, no such representation
            get("/api/nothing", 404, null),
            get("/error", 404, null),
            get("/api/lots/L-none", 404, null),
            get("/api/campaigns/C-none/report", 404, null),
            get("/api/campaigns/C-none/report?format=docx", 400, "format"),
            get("/api/campaigns/C-none/export", 404, null),
            get("/api/campaigns/C-none/export?format=xml", 400, "format"),
            get("/api/campaigns/C-none/export?format=csv&data=secrets", 400, "data"),
            new Case("DELETE", "/api/lots", null, null, Map.of(), 405, null),
            new Case("PUT", "/api/campaigns", json, "{}", Map.of(), 405, null),
            new Case(
                "GET", "/api/lots", null, null, Map.of("Accept", "application/xml"), 406, null),
            // bodies of a type no endpoint takes
            new Case("POST", "/api/plans/validation", "text/csv", "a,b", Map.of(), 415, null),
            new Case("POST", "/api/plans/validation", json, "{}", Map.of(), 415, null),
            new Case("POST", "/api/lots", multipart, part, Map.of(), 415, null),
            new Case("POST", "/api/lots", "multipart/form-data", "x", Map.of(), 415, null),
            new Case("POST", "/api/campaigns", multipart, part, Map.of(), 415, null),
            new Case("POST", "/api/campaigns/C-1/pause", multipart, part, Map.of(), 415, null),
            new Case(
                "POST",
                "/api/lots",
                "application/x-www-form-urlencoded",
                "id=L1",
                Map.of(),
                415,
                null),
            // bodies that cannot be read: 400
            new Case("POST", "/api/lots", json, "{\"id\":", Map.of(), 400, null),
            new Case("POST", "/api/lots", json, "[1]", Map.of(), 400, null),
            new Case("POST", "/api/lots", json, null, Map.of(), 400, null),
            new Case("POST", "/api/plans/validation", YAML, null, Map.of(), 400, null),
            new Case(
                "PUT",
                "/api/users/admin/enabled",
                json,
                "{\"enabled\":\"maybe\"}",
                Map.of(),
                400,
                "enabled"),
            // a field's value refused: 422 naming the field (and its limit)
            post("/api/lots", Map.of("id", "L".repeat(65)), 422, "id", "64"),
            post(
                "/api/lots",
                Map.of("id", "L-1", "partNumber", "P".repeat(65)),
                422,
                "partNumber",
                "64"),
            post(
                "/api/lots",
                Map.of("id", "L-1", "dateCode", "D".repeat(33)),
                422,
                "dateCode",
                "32"),
            post("/api/modules", Map.of("serial", "S".repeat(65)), 422, "serial", "64"),
            post("/api/modules", Map.of("serial", "S-1", "lot", "L".repeat(65)), 422, "lot", "64"),
            post(
                "/api/modules",
                Map.of("serial", "S-1", "partNumber", "P".repeat(65)),
                422,
                "partNumber",
                "64"),
            post("/api/modules", Map.of("serial", "S-1", "lot", "L-unknown"), 422, "lot", null),
            post(
                "/api/profile-runs",
                Map.of("campaignId", "C".repeat(65), "plan", plan(), "leg", "tc"),
                422,
                "campaignId",
                "64"),
            post("/api/profile-runs", Map.of(), 422, "campaignId", null),
            post(
                "/api/users",
                Map.of(
                    "username",
                    "u".repeat(65),
                    "password",
                    "p".repeat(16),
                    "roles",
                    List.of("lab-staff")),
                422,
                "username",
                "64"),
            post(
                "/api/users",
                Map.of(
                    "username", "bad.roles", "password", "p".repeat(16), "roles", List.of("king")),
                422,
                "roles",
                null),
            // abort needs a reason, as the CLI does
            new Case("POST", "/api/campaigns/C-1/abort", json, null, Map.of(), 422, "reason"),
            new Case("POST", "/api/campaigns/C-1/abort", null, null, Map.of(), 422, "reason"),
            post("/api/campaigns/C-1/abort", Map.of(), 422, "reason", null),
            post("/api/campaigns/C-1/abort", Map.of("reason", ""), 422, "reason", null),
            post("/api/campaigns/C-1/abort", Map.of("reason", "   "), 422, "reason", null),
            post(
                "/api/campaigns/C-1/abort",
                Map.of("reason", "r".repeat(501)),
                422,
                "reason",
                "500"),
            new Case("POST", "/api/plans/validation", YAML, "campaign: x\n", Map.of(), 422, null),
            // what Tomcat or the firewall refuses before the application sees it
            get("/api/campaigns/a%2Fb", 400, null),
            get("/api/campaigns/a%00b", 400, null),
            get("/api/campaigns/a;b", 400, null),
            get("/api/campaigns/%2e%2e/x", 400, null),
            get("/api/campaigns/" + "x".repeat(10_000), 400, null),
            new Case(
                "GET",
                "/api/campaigns",
                null,
                null,
                Map.of("X-Big", "y".repeat(10_000)),
                400,
                null));

    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      Api.Reply r = api.call(c.method(), c.path(), c.type(), c.body(), c.headers());
      wrong.addAll(c.check(r));
    }
    // authentication: anonymous, a wrong password, a role that does not allow the call
    wrong.addAll(get("/api/lots", 401, null).check(api.anonymous().get("/api/lots")));
    wrong.addAll(
        get("/api/lots", 401, null).check(api.as("nobody", "wrong password").get("/api/lots")));
    wrong.addAll(
        post("/api/lots", Map.of("id", "L-fa"), 403, null, null)
            .check(fa.postJson("/api/lots", Map.of("id", "L-fa"))));
    assertThat(wrong).isEmpty();

    assertNothingStored();
    assertStillAnswering();
  }

  @Test
  void shouldAnswerARegisteredLotAtItsLocation() {
    Api.Reply created = api.postJson("/api/lots", Map.of("id", "L-where", "partNumber", "P1"));
    assertThat(created.status()).isEqualTo(201);
    String location = created.headers().get("location").get(0);
    assertThat(location).isEqualTo("/api/lots/L-where");
    Api.Reply lot = api.get(location);
    assertThat(lot.status()).isEqualTo(200);
    assertThat(lot.json().get("partNumber").asText()).isEqualTo("P1");
    // the other tests find no lots
    new org.springframework.jdbc.core.JdbcTemplate(app.getBean(javax.sql.DataSource.class))
        .update("DELETE FROM lot WHERE id = 'L-where'");
  }

  @Test
  void shouldDocumentEveryOperationWithASummaryAndItsProblemAnswers() {
    JsonNode docs = api.get("/v3/api-docs").json();
    assertThat(docs.at("/info/title").asText()).isEqualTo("Stressflow API");
    assertThat(docs.at("/info/version").asText()).isNotBlank().isNotEqualTo("v0");
    assertThat(docs.at("/info/description").asText()).contains("problem+json");
    assertThat(docs.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
    assertThat(docs.at("/components/securitySchemes/bearerAuth/scheme").asText())
        .isEqualTo("bearer");
    assertThat(docs.at("/components/schemas/Problem/properties").has("requestId")).isTrue();

    List<String> wrong = new ArrayList<>();
    int operations = 0;
    for (var path : docs.get("paths").properties()) {
      for (var op : path.getValue().properties()) {
        operations++;
        String name = op.getKey().toUpperCase() + " " + path.getKey();
        JsonNode o = op.getValue();
        if (o.path("summary").asText().isBlank()) {
          wrong.add(name + ": no summary");
        }
        List<String> expected = new ArrayList<>(List.of("401", "403"));
        if (path.getKey().contains("{")) {
          expected.add("404");
        }
        if (o.has("requestBody")) {
          expected.addAll(List.of("400", "413", "415", "422"));
        }
        for (String status : expected) {
          if (!o.path("responses").has(status)) {
            wrong.add(name + ": " + status + " undocumented");
          }
        }
        for (var response : o.path("responses").properties()) {
          if (response.getKey().matches("[45]\\d\\d")
              && !response
                  .getValue()
                  .at("/content/application~1problem+json/schema/$ref")
                  .asText()
                  .endsWith("/Problem")) {
            wrong.add(name + ": " + response.getKey() + " is not a Problem");
          }
        }
      }
    }
    assertThat(operations).isGreaterThanOrEqualTo(28);
    assertThat(wrong).isEmpty();
  }

  /**
   * One bad request and what it must be answered.
   *
   * @param field the parameter or field the answer must name, or null.
   * @param mention what else the detail must say (a limit), or null.
   */
  record Case(
      String method,
      String path,
      String type,
      String body,
      Map<String, String> headers,
      int status,
      String field,
      String mention) {

    Case(
        String method,
        String path,
        String type,
        String body,
        Map<String, String> headers,
        int status,
        String field) {
      this(method, path, type, body, headers, status, field, null);
    }

    /** What is wrong with {@code r}, if anything. */
    List<String> check(Api.Reply r) {
      String name = method + " " + (path.length() > 80 ? path.substring(0, 80) + "…" : path);
      List<String> wrong = new ArrayList<>();
      if (r.status() != status) {
        wrong.add(name + ": " + r.status() + ", expected " + status + " " + r.text());
        return wrong;
      }
      if (r.contentType() == null || !r.contentType().startsWith("application/problem+json")) {
        wrong.add(name + ": content type " + r.contentType());
        return wrong;
      }
      JsonNode body = r.json();
      String detail = body.path("detail").asText();
      if (body.path("title").asText().isBlank() || detail.isBlank()) {
        wrong.add(name + ": no title or detail " + r.text());
      }
      if (body.path("status").asInt() != status) {
        wrong.add(name + ": status " + body.path("status") + " in the body");
      }
      for (String leak : List.of("io.stressflow", "java.", "org.", "SQL", "Exception")) {
        if (detail.contains(leak)) {
          wrong.add(name + ": the detail says '" + leak + "': " + detail);
        }
      }
      if (field != null) {
        List<String> fields = new ArrayList<>();
        body.path("problems").forEach(p -> fields.add(p.path("field").asText()));
        if (!fields.contains(field) || !detail.contains(field)) {
          wrong.add(name + ": does not name " + field + ": " + r.text());
        }
      }
      if (mention != null && !detail.contains(mention)) {
        wrong.add(name + ": does not say " + mention + ": " + detail);
      }
      return wrong;
    }
  }

  private static Case get(String path, int status, String field) {
    return new Case("GET", path, null, null, Map.of(), status, field);
  }

  private static Case post(String path, Object body, int status, String field, String mention) {
    try {
      return new Case(
          "POST",
          path,
          "application/json",
          new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body),
          Map.of(),
          status,
          field,
          mention);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
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

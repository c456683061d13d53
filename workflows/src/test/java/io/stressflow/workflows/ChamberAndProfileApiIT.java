package io.stressflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Chamber status, downsampled telemetry and profile-run control over real HTTP. It runs in a
 * context of its own (the property below only makes the key differ): the profile it starts keeps
 * the simulated chamber at 30 °C, which must not leak into tests that expect an idle chamber.
 */
@TestPropertySource(properties = "stressflow.chamber.id=chamber-1")
class ChamberAndProfileApiIT extends ApplicationIT {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN =
      "Basic "
          + java.util.Base64.getEncoder()
              .encodeToString(
                  (io.stressflow.workflows.support.TestUsers.ADMIN
                          + ":"
                          + io.stressflow.workflows.support.TestUsers.ADMIN_PASSWORD)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  private final HttpClient http = HttpClient.newHttpClient();

  @org.springframework.beans.factory.annotation.Autowired
  private org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void shouldFoldTelemetryIntoAtMostTheAskedPoints() throws Exception {
    Instant start = Instant.now();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/api/chambers/chamber-1").body().contains("\"answering\":true"));
    // readings every 100 ms over 3 s: three buckets of about a second each
    await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(start.plusSeconds(3)));
    String window = "from=%s&to=%s".formatted(start, start.plusSeconds(3));

    JsonNode buckets =
        JSON.readTree(get("/api/chambers/chamber-1/telemetry?points=3&" + window).body());

    assertThat(buckets.size()).as(buckets.toString()).isEqualTo(3);
    for (JsonNode bucket : buckets) {
      assertThat(bucket.get("readings").asInt()).isBetween(5, 15);
      assertThat(bucket.get("airMin").asDouble())
          .isLessThanOrEqualTo(bucket.get("airMax").asDouble());
    }
  }

  @Test
  void shouldServeMinuteSummariesForARangePastTheRawWindow() throws Exception {
    // what the retention job leaves of two old minutes of telemetry (RetentionDatabasesIT folds)
    for (int minute = 0; minute < 2; minute++) {
      jdbc.sql(
              "INSERT INTO chamber_minute (chamber, minute_start, readings, air_min, air_mean,"
                  + " air_max, setpoint_min, setpoint_max, load_readings, humidity_readings)"
                  + " VALUES ('chamber-1', ?, 60, ?, ?, ?, 85, 85, 0, 0)")
          .params(
              java.sql.Timestamp.from(
                  Instant.parse("2020-01-01T00:00:00Z").plusSeconds(60L * minute)),
              80.0 + minute,
              84.0 + minute,
              86.0 + minute)
          .update();
    }

    JsonNode buckets =
        JSON.readTree(
            get("/api/chambers/chamber-1/telemetry?points=2&from=2020-01-01T00:00:00Z"
                    + "&to=2020-01-01T00:02:00Z")
                .body());

    assertThat(buckets.size()).as(buckets.toString()).isEqualTo(2);
    for (int minute = 0; minute < 2; minute++) {
      JsonNode b = buckets.get(minute);
      assertThat(b.get("readings").asInt()).isEqualTo(60);
      assertThat(b.get("minuteSummaries").asBoolean()).isTrue();
      assertThat(b.get("airMin").asDouble()).isEqualTo(80.0 + minute);
      assertThat(b.get("airMean").asDouble()).isEqualTo(84.0 + minute);
      assertThat(b.get("airMax").asDouble()).isEqualTo(86.0 + minute);
      assertThat(b.get("setpoint").asDouble()).isEqualTo(85.0);
    }
  }

  @Test
  void shouldRejectBadTelemetryQueriesAndUnknownChambers() throws Exception {
    HttpResponse<String> bad = get("/api/chambers/chamber-1/telemetry?points=0");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(bad.body()).contains("points: must be within [1, 5000]");
    assertThat(get("/api/chambers/chamber-9").statusCode()).isEqualTo(404);
    assertThat(get("/api/profile-runs/R-none").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldPauseAndResumeAProfileRun() throws Exception {
    String plan =
        String.join(
            "\n",
            "campaign: pause test",
            "product: { partNumber: P1 }",
            "modules: [{ serial: P01 }]",
            "legs:",
            "  - id: hold",
            "    chamber: chamber-1",
            "    samples: [P01]",
            "    profile:",
            "      segments:",
            "        - ramp: { to: 30, rate: 5 }",
            "        - soak: { duration: 100h, band: { below: 2, above: 2 }, measuredOn: AIR }",
            "    readPoints: { unit: HOURS, at: [100] }",
            "    acceptance: { sampleSize: 1, allowedFailures: 0 }");
    HttpResponse<String> started =
        post(
            "/api/profile-runs",
            JSON.writeValueAsString(Map.of("campaignId", "C-pause", "plan", plan, "leg", "hold")));
    assertThat(started.statusCode()).isEqualTo(201);
    String run = JSON.readTree(started.body()).get("id").asText();

    JsonNode paused = JSON.readTree(post("/api/profile-runs/" + run + "/pause", "").body());
    assertThat(paused.get("state").asText()).isEqualTo("PAUSED");
    JsonNode resumed = JSON.readTree(post("/api/profile-runs/" + run + "/resume", "").body());
    assertThat(resumed.get("state").asText()).isEqualTo("RUNNING");

    HttpResponse<String> badLeg =
        post(
            "/api/profile-runs",
            JSON.writeValueAsString(Map.of("campaignId", "C-pause", "plan", plan, "leg", "nope")));
    assertThat(badLeg.statusCode()).isEqualTo(400);
    assertThat(badLeg.body()).contains("leg: the plan has no leg 'nope'; its legs are [hold]");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).header("Authorization", ADMIN).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", ADMIN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}

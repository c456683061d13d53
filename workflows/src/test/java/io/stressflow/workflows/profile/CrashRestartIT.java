package io.stressflow.workflows.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.support.TestChambers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * kill -9 mid-profile: the packaged application runs as its own process against a simulated chamber
 * that lives in the test (so it keeps running, as a real chamber would), is killed with SIGKILL
 * after a few cycles, and is started again on the same H2 files. The leg must end with exactly its
 * cycles, each logged once, and exactly its soak time credited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRestartIT {

  static final Path JAR = Path.of("target", "stressflow.jar");
  static final ObjectMapper JSON = new ObjectMapper();

  final HttpClient http = HttpClient.newHttpClient();
  final Path data = TestChambers.dataDir("crash");
  ChamberSimulator simulator;
  Process app;
  int port;

  @BeforeAll
  void startChamber() {
    simulator = TestChambers.simulator(3600);
  }

  @AfterEach
  void killApp() {
    if (app != null) {
      app.destroyForcibly();
    }
  }

  @AfterAll
  void stopChamber() {
    simulator.close();
  }

  @Test
  void shouldFinishTheLegExactlyAfterKillDashNine() throws Exception {
    assertThat(JAR).as("the packaged application (mvn package runs before the ITs)").exists();
    startApp();
    JsonNode started =
        post(
            "/api/profile-runs",
            JSON.writeValueAsString(Map.of("campaignId", "C-crash", "plan", plan(8), "leg", "tc")));
    String run = started.get("id").asText();
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> get("/api/profile-runs/" + run).get("cycles").asLong() >= 3);

    // when: SIGKILL, no shutdown hooks, no chance to save anything
    app.destroyForcibly().waitFor();
    startApp();

    // then
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> "COMPLETED".equals(get("/api/profile-runs/" + run).get("state").asText()));
    JsonNode done = get("/api/profile-runs/" + run);
    assertThat(done.get("cycles").asLong()).isEqualTo(8);
    assertThat(done.get("hoursAtCondition").asDouble()).isCloseTo(16 * 0.25, within(1e-6));
    app.destroyForcibly().waitFor();
    assertThat(loggedCycles())
        .containsExactly(
            "[tc] cycle 1 completed",
            "[tc] cycle 2 completed",
            "[tc] cycle 3 completed",
            "[tc] cycle 4 completed",
            "[tc] cycle 5 completed",
            "[tc] cycle 6 completed",
            "[tc] cycle 7 completed",
            "[tc] cycle 8 completed");
  }

  private void startApp() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.createDirectories(data);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-jar",
            JAR.toString(),
            "--server.port=" + port,
            "--stressflow.data-dir=" + data,
            "--stressflow.time-scale=3600",
            "--stressflow.camunda.engine.port=0",
            "--stressflow.chamber.simulated=false",
            "--stressflow.chamber.port=" + simulator.port(),
            "--spring.main.banner-mode=off"));
    app =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("app.log").toFile()))
            .start();
    await()
        .atMost(Duration.ofMinutes(2))
        .ignoreException(ConnectException.class)
        .until(() -> get("/actuator/health").get("status").asText().equals("UP"));
  }

  private List<String> loggedCycles() throws Exception {
    List<String> cycles = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection("jdbc:h2:file:" + data + "/stressflow", "sa", "");
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT message FROM campaign_event WHERE campaign_id = 'C-crash'"
                        + " AND kind = 'CYCLE_COMPLETED' ORDER BY id")) {
      while (rs.next()) {
        cycles.add(rs.getString(1));
      }
    }
    return cycles;
  }

  private JsonNode get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private JsonNode post(String path, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private JsonNode send(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String plan(int cycles) {
    return String.join(
        "\n",
        "campaign: crash test",
        "product: { partNumber: P1 }",
        "modules: [{ serial: M01 }]",
        "legs:",
        "  - id: tc",
        "    chamber: chamber-1",
        "    samples: [M01]",
        "    profile:",
        "      segments:",
        "        - repeat:",
        "            count: " + cycles,
        "            segments:",
        "              - ramp: { to: -20, rate: 5 }",
        "              - soak: { duration: PT15M, band: { below: 3, above: 3 } }",
        "              - ramp: { to: 60, rate: 5 }",
        "              - soak: { duration: PT15M, band: { below: 3, above: 3 } }",
        "        - ramp: { to: 23, rate: 5 }",
        "    readPoints: { unit: CYCLES, at: [" + cycles + "] }",
        "    acceptance: { sampleSize: 1, allowedFailures: 0 }");
  }
}

package io.stressflow.workflows.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.Lab;
import io.stressflow.workflows.support.TestChambers;
import io.stressflow.workflows.support.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #7's scenario 4: kill -9 mid-campaign. The packaged application runs as its own process
 * (application, embedded engine and their H2 files) against a chamber simulator that lives in the
 * test, so the chamber keeps running as a real one would. It is killed with SIGKILL in the middle
 * of the cycling leg and started again on the same files; the campaign must complete with every
 * cycle counted and logged once and every module sampled exactly once at the baseline and at each
 * read point. (It replaces the profile-only kill -9 test: same guarantees, through the whole
 * campaign.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignCrashIT {

  static final Path JAR = Path.of("target", "stressflow.jar");
  static final List<String> MODULES = List.of("S4-01", "S4-02", "S4-03");

  final Path data = TestChambers.dataDir("campaign-crash");
  ChamberSimulator simulator;
  Process app;
  Api api;

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
  void shouldCompleteWithNoLostSampleOrCycleAfterKillDashNine() throws Exception {
    assertThat(JAR).as("the packaged application (mvn package runs before the ITs)").exists();
    startApp();
    Api.Reply launched =
        api.post(
            "/api/campaigns", "application/yaml", CampaignScenariosIT.plan("scenario4-crash.yaml"));
    assertThat(launched.status()).as(launched.text()).isEqualTo(201);
    String id = launched.json().get("campaign").get("id").asText();
    Lab lab = new Lab(api);
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              lab.work(id);
              return tc(id).get("cyclesDone").asLong() >= 3;
            });
    long cyclesAtKill = tc(id).get("cyclesDone").asLong();
    assertThat(cyclesAtKill).as("killed mid-leg").isLessThan(8);

    // when: SIGKILL, no shutdown hooks, no chance to save anything
    app.destroyForcibly().waitFor();
    startApp();
    Lab after = new Lab(api);
    JsonNode view =
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  after.work(id);
                  return api.get("/api/campaigns/" + id).json();
                },
                v -> !v.get("campaign").get("state").asText().equals("ACTIVE"));

    // then
    assertThat(view.get("campaign").get("state").asText()).isEqualTo("COMPLETED");
    assertThat(view.get("campaign").get("verdict").asText()).isEqualTo("PASS");
    JsonNode tc = view.get("legs").get(0);
    assertThat(tc.get("cyclesDone").asLong()).isEqualTo(8);
    // 16 guaranteed soaks of 15 min on the load, each credited exactly once
    assertThat(tc.get("hoursDone").asDouble()).isEqualTo(4.0);
    assertThat(
            StreamSupport.stream(tc.get("readPoints").spliterator(), false)
                .map(p -> p.get("label").asText() + "/" + p.get("modulesRead").asInt())
                .toList())
        .containsExactly("2 cycles/3", "4 cycles/3", "6 cycles/3", "8 cycles/3");
    assertThat(after.done()).contains("unload-modules", "approve-report");
    app.destroyForcibly().waitFor();

    // the manager's signed approval survives a restart and is printed in the report
    startApp();
    Api.Reply report = api.get("/api/campaigns/" + id + "/report");
    assertThat(report.status()).as(report.text()).isEqualTo(200);
    assertThat(report.text())
        .contains("## Signatures", "approve-report: approve", "r.manager", Lab.MEANING)
        .contains("## Who did what", "lab.tech", "'Unload modules' completed by lab.tech");
    app.destroyForcibly().waitFor();

    List<String> cycles = new ArrayList<>();
    Map<String, List<String>> samples = new LinkedHashMap<>();
    try (Connection c =
        DriverManager.getConnection("jdbc:h2:file:" + data + "/stressflow", "sa", "")) {
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT message FROM campaign_event WHERE campaign_id = '"
                      + id
                      + "' AND kind = 'CYCLE_COMPLETED' ORDER BY id")) {
        while (rs.next()) {
          cycles.add(rs.getString(1).replaceAll("; ramps achieved .*", ""));
        }
      }
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT serial, kind, label FROM module_sample WHERE campaign_id = '"
                      + id
                      + "' AND kind <> 'IN_SITU' ORDER BY serial, id")) {
        while (rs.next()) {
          samples
              .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(rs.getString(2) + " " + rs.getString(3));
        }
      }
    }
    List<String> expectedCycles = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      expectedCycles.add("[tc] cycle " + i + " completed");
    }
    assertThat(cycles).containsExactlyElementsOf(expectedCycles);
    // a signed record cannot be changed, not even in the database
    try (Connection c =
        DriverManager.getConnection("jdbc:h2:file:" + data + "/stressflow", "sa", "")) {
      assertThatThrownBy(
              () ->
                  c.createStatement()
                      .executeUpdate("UPDATE signed_decision SET decision = 'reject'"))
          .isInstanceOf(java.sql.SQLException.class)
          .hasMessageContaining("append-only");
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT actor FROM campaign_event WHERE campaign_id = '"
                      + id
                      + "' AND kind = 'LAUNCHED'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("admin");
      }
    }
    assertThat(samples.keySet()).containsExactlyElementsOf(MODULES);
    for (String serial : MODULES) {
      assertThat(samples.get(serial))
          .as(serial + ": one sample at the baseline and at each read point, none twice")
          .containsExactly(
              "BASELINE 0",
              "READ_POINT 2 cycles",
              "READ_POINT 4 cycles",
              "READ_POINT 6 cycles",
              "READ_POINT 8 cycles");
    }
  }

  private JsonNode tc(String id) {
    return api.get("/api/campaigns/" + id).json().get("legs").get(0);
  }

  private void startApp() throws IOException {
    int port;
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
            "--stressflow.camunda.worker-timeout=5s",
            "--stressflow.camunda.retry-backoff=1s",
            "--stressflow.chamber.simulated=false",
            "--stressflow.chamber.port=" + simulator.port(),
            "--spring.main.banner-mode=off"));
    ProcessBuilder process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("app.log").toFile()));
    // the packaged app's first administrator, as a lab would set it
    process.environment().put("STRESSFLOW_ADMIN_PASSWORD", TestUsers.ADMIN_PASSWORD);
    app = process.start();
    api = new Api(port);
    await()
        .atMost(Duration.ofMinutes(2))
        .ignoreException(UncheckedIOException.class)
        .until(() -> api.get("/actuator/health").json().get("status").asText().equals("UP"));
  }
}

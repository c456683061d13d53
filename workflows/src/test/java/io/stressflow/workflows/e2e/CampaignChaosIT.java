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
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #12's chaos test: the packaged application (application, embedded engine and their H2
 * files, its own process) is killed with SIGKILL at {@value #KILLS} random moments across one
 * compressed campaign (temperature cycling, then damp heat in which a seeded bad module fails and
 * is analysed) and started again on the same files each time, against a chamber simulator that
 * lives in the test and keeps running as a real chamber would. Some kills land while the
 * application is still starting, the rest at a random moment of its work; people (played by {@link
 * Lab}) work their tasks whenever it is up.
 *
 * <p>After the last restart the campaign must reach its verdict with: every cycle logged exactly
 * once, exactly the planned hours credited, every module sampled exactly once at the baseline and
 * at each read point of its leg (until it failed), read points sampled in order and each before the
 * next was reached, exactly one failure-analysis instance per failed module (counted in the engine,
 * by business id) and no open incident. The seed is printed; {@code -Dchaos.seed=N} replays it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignChaosIT {

  static final int KILLS = 20;
  static final double SCALE = 2400;
  static final Path JAR = Path.of("target", "stressflow.jar");
  static final List<String> TC = List.of("S8-01", "S8-02", "S8-03");
  static final List<String> DH = List.of("S8-04", "S8-05", "S8-06");

  final Path data = TestChambers.dataDir("campaign-chaos");
  final long seed = Long.getLong("chaos.seed", System.nanoTime());
  final Random random = new Random(seed);
  ChamberSimulator simulator;
  Process app;
  Api api;
  Api engine;

  @BeforeAll
  void startChamber() {
    simulator = TestChambers.simulator(SCALE);
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
  void shouldReachTheVerdictWithNothingLostOrDoubledAfterTwentyKills() throws Exception {
    assertThat(JAR).as("the packaged application (mvn package runs before the ITs)").exists();
    System.out.println("CampaignChaosIT seed " + seed + " (replay with -Dchaos.seed=" + seed + ")");
    startApp(true);
    Api.Reply launched =
        api.post(
            "/api/campaigns", "application/yaml", CampaignScenariosIT.plan("scenario8-chaos.yaml"));
    assertThat(launched.status()).as(launched.text()).isEqualTo(201);
    String id = launched.json().get("campaign").get("id").asText();

    List<String> moments = new ArrayList<>();
    for (int kill = 1; kill <= KILLS; kill++) {
      if (kill > 1) {
        // a fifth of the kills hit the start itself (migrations, recovery, resuming the run)
        boolean whileStarting = random.nextInt(5) == 0;
        long startedAt = System.nanoTime();
        startApp(!whileStarting);
        if (whileStarting) {
          long at = random.nextInt(4000);
          pauseUntil(startedAt + TimeUnit.MILLISECONDS.toNanos(at));
          moments.add("start+" + at + "ms");
          kill();
          continue;
        }
      }
      long up = random.nextInt(5000);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(up);
      Lab lab = new Lab(api);
      while (System.nanoTime() < deadline) {
        lab.work(id);
        pauseUntil(Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100)));
      }
      JsonNode campaign = api.get("/api/campaigns/" + id).json().get("campaign");
      assertThat(campaign.get("state").asText())
          .as(
              "the campaign must still be running at kill %d of %d (moments so far: %s)",
              kill, KILLS, moments)
          .isEqualTo("ACTIVE");
      moments.add("up+" + up + "ms");
      kill();
    }
    System.out.println("CampaignChaosIT killed at: " + moments);

    startApp(true);
    Lab lab = new Lab(api);
    JsonNode view =
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  lab.work(id);
                  return api.get("/api/campaigns/" + id).json();
                },
                v -> !v.get("campaign").get("state").asText().equals("ACTIVE"));

    // then: the verdict, from the workflow
    assertThat(view.get("campaign").get("state").asText()).isEqualTo("COMPLETED");
    assertThat(view.get("campaign").get("verdict").asText()).isEqualTo("FAIL");
    assertThat(view.get("incidents")).as("open incidents").isEmpty();
    JsonNode tc = leg(view, "tc");
    JsonNode dh = leg(view, "dh");
    assertThat(tc.get("cyclesDone").asLong()).isEqualTo(6);
    // 12 guaranteed soaks of 15 min on the load, each credited exactly once
    assertThat(tc.get("hoursDone").asDouble()).as("credited hours of tc").isEqualTo(3.0);
    // the 30 min stabilisation and the 40 h soak at 85 degC / 85 %RH, nothing of the gaps
    assertThat(dh.get("hoursDone").asDouble()).as("credited hours of dh").isEqualTo(40.5);
    assertThat(labels(tc)).containsExactly("2 cycles", "4 cycles", "6 cycles");
    assertThat(labels(dh)).containsExactly("10 h", "20 h", "30 h", "40 h");

    // exactly one failure-analysis instance per failed module, in the engine itself
    List<String> failed =
        StreamSupport.stream(view.get("failures").spliterator(), false)
            .map(f -> f.get("serial").asText())
            .toList();
    assertThat(failed).as("the seeded bad module fails").contains("S8-05");
    JsonNode instances =
        engine
            .postJson(
                "/v2/process-instances/search",
                Map.of(
                    "filter",
                    Map.of("processDefinitionId", "failure-analysis"),
                    "page",
                    Map.of("limit", 1000)))
            .json()
            .get("items");
    Map<String, Long> perBusinessId =
        StreamSupport.stream(instances.spliterator(), false)
            .collect(
                Collectors.groupingBy(i -> i.get("businessId").asText(), Collectors.counting()));
    Map<String, Long> expected = new LinkedHashMap<>();
    failed.forEach(serial -> expected.put(id + "/" + serial, 1L));
    assertThat(perBusinessId).isEqualTo(expected);
    for (JsonNode f : view.get("failures")) {
      String key =
          StreamSupport.stream(instances.spliterator(), false)
              .filter(i -> i.get("businessId").asText().equals(id + "/" + f.get("serial").asText()))
              .findFirst()
              .orElseThrow()
              .get("processInstanceKey")
              .asText();
      assertThat(f.get("analysisInstanceKey").asText()).isEqualTo(key);
    }
    JsonNode incidents =
        engine
            .postJson("/v2/incidents/search", Map.of("filter", Map.of("state", "ACTIVE")))
            .json()
            .get("items");
    assertThat(incidents).as("open incidents in the engine").isEmpty();
    // the manager's signed approval is printed in the report
    Api.Reply report = api.get("/api/campaigns/" + id + "/report");
    assertThat(report.status()).as(report.text()).isEqualTo(200);
    assertThat(report.text())
        .contains("## Signatures", "approve-report: approve", "r.manager", Lab.MEANING);
    kill();

    // and the records, read from the application's own database file
    List<String> cycles = new ArrayList<>();
    Map<String, List<String>> samples = new LinkedHashMap<>();
    Map<String, List<Timestamp[]>> points = new LinkedHashMap<>();
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
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT leg_id, reached_at, sampled_at FROM leg_read_point WHERE campaign_id = '"
                      + id
                      + "' ORDER BY leg_id, position")) {
        while (rs.next()) {
          points
              .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new Timestamp[] {rs.getTimestamp(2), rs.getTimestamp(3)});
        }
      }
    }
    // a signed record cannot be changed, not even in the database; the launch names its actor
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
    List<String> expectedCycles = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      expectedCycles.add("[tc] cycle " + i + " completed");
    }
    assertThat(cycles)
        .as("each cycle logged exactly once")
        .containsExactlyElementsOf(expectedCycles);
    for (String serial : TC) {
      assertThat(samples.get(serial))
          .as(serial + ": one sample at the baseline and at each read point, in order, none twice")
          .containsExactly(
              "BASELINE 0", "READ_POINT 2 cycles", "READ_POINT 4 cycles", "READ_POINT 6 cycles");
    }
    for (String serial : DH) {
      List<String> expectedSamples = new ArrayList<>(List.of("BASELINE 0"));
      String failedAt = failedAt(view, serial);
      for (String p : List.of("10 h", "20 h", "30 h", "40 h")) {
        expectedSamples.add("READ_POINT " + p);
        if (p.equals(failedAt)) {
          break;
        }
      }
      assertThat(samples.get(serial))
          .as(serial + ": one sample at the baseline and at each read point until it failed")
          .containsExactlyElementsOf(expectedSamples);
    }
    for (Map.Entry<String, List<Timestamp[]>> leg : points.entrySet()) {
      List<Timestamp[]> p = leg.getValue();
      for (int i = 0; i < p.size(); i++) {
        assertThat(p.get(i)[1]).as(leg.getKey() + " read point " + i + " sampled").isNotNull();
        if (i + 1 < p.size()) {
          assertThat(p.get(i)[1])
              .as(leg.getKey() + " read point " + i + " sampled before the next was reached")
              .isBeforeOrEqualTo(p.get(i + 1)[0]);
        }
      }
    }
  }

  /**
   * The last read point at which {@code serial} was sampled: the one at which it failed, or, when
   * in-situ monitoring found it failed between read points, its last good one; null when it never
   * failed.
   */
  private static String failedAt(JsonNode view, String serial) {
    for (JsonNode leg : view.get("legs")) {
      for (JsonNode p : leg.get("readPoints")) {
        String failed = p.get("failed").isNull() ? "" : p.get("failed").asText();
        if (List.of(failed.split("[,\\s]+")).contains(serial)) {
          return p.get("label").asText();
        }
      }
    }
    for (JsonNode f : view.get("failures")) {
      if (serial.equals(f.get("serial").asText()) && !f.get("lastGoodReadPoint").isNull()) {
        // failed in situ (a latched module alarm) after this read point, before the next
        return f.get("lastGoodReadPoint").asText();
      }
    }
    return null;
  }

  static JsonNode leg(JsonNode view, String id) {
    return StreamSupport.stream(view.get("legs").spliterator(), false)
        .filter(l -> l.get("id").asText().equals(id))
        .findFirst()
        .orElseThrow();
  }

  static List<String> labels(JsonNode leg) {
    return StreamSupport.stream(leg.get("readPoints").spliterator(), false)
        .map(p -> p.get("label").asText())
        .toList();
  }

  /** The chaos itself: the moment of a kill is chosen at random, so this waits for it. */
  private static void pauseUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  private void kill() throws InterruptedException {
    app.destroyForcibly().waitFor();
  }

  private void startApp(boolean waitUntilUp) throws IOException {
    int port = freePort();
    int enginePort = freePort();
    Files.createDirectories(data);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-jar",
            JAR.toString(),
            "--server.port=" + port,
            "--stressflow.data-dir=" + data,
            "--stressflow.time-scale=" + SCALE,
            "--stressflow.camunda.engine.port=" + enginePort,
            "--stressflow.camunda.worker-timeout=5s",
            "--stressflow.camunda.retry-backoff=1s",
            "--stressflow.chamber.simulated=false",
            "--stressflow.chamber.port=" + simulator.port(),
            "--stressflow.modules.seeded-wear=S8-05:250:3",
            "--spring.main.banner-mode=off"));
    ProcessBuilder process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("app.log").toFile()));
    // the packaged app's first administrator, as a lab would set it
    process.environment().put("STRESSFLOW_ADMIN_PASSWORD", TestUsers.ADMIN_PASSWORD);
    app = process.start();
    api = new Api(port);
    engine = new Api(enginePort);
    if (waitUntilUp) {
      await()
          .atMost(Duration.ofMinutes(2))
          .ignoreException(UncheckedIOException.class)
          .until(() -> api.get("/actuator/health").json().get("status").asText().equals("UP"));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

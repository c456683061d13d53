package io.stressflow.workflows.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorWriters;
import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.Lab;
import io.stressflow.workflows.support.PostgreSql;
import io.stressflow.workflows.support.TestChambers;
import io.stressflow.workflows.support.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #16's failover test: two instances of the packaged application (each its own process) share
 * a real PostgreSQL database, a workflow engine and two simulated chambers. The first owns the lab
 * and drives a campaign whose two legs run at once, temperature cycling in {@code chamber-1} and
 * damp heat in {@code chamber-2}; the second waits as a standby. Mid-profile the first is killed
 * with SIGKILL. The standby takes the lab over and finishes both legs.
 *
 * <p>The engine runs in this JVM. It plays the Camunda 8 cluster a lab's instances share: it
 * outlives an application instance, and the embedded engine stays single-node (the README).
 *
 * <p>Asserted: the campaign's verdict, with exactly the planned cycles and credited hours (the gap
 * while no instance drove the chambers credited nothing), each cycle logged once, each module
 * sampled once at the baseline and at each read point, no open incident, and never two writers on
 * one chamber: each simulator counts the Modbus connections that wrote to it while open. The
 * takeover time (kill to the standby's first write to each chamber) is printed.
 */
class FailoverIT {

  static final double SCALE = 1800;
  static final Path JAR = Path.of("target", "stressflow.jar");
  static final List<String> TC = List.of("FO-01", "FO-02", "FO-03");
  static final List<String> DH = List.of("FO-04", "FO-05", "FO-06");

  final Path data = TestChambers.dataDir("failover");
  final List<Process> apps = new ArrayList<>();

  @AfterEach
  void killApps() {
    apps.forEach(Process::destroyForcibly);
  }

  @Test
  void shouldFinishTheLegsOnTheStandbyWhenTheDrivingInstanceIsKilled() throws Exception {
    assertThat(JAR).as("the packaged application (mvn package runs before the ITs)").exists();
    Files.createDirectories(data);
    String database = PostgreSql.newDatabase("failover");
    try (ChamberSimulator chamber1 = TestChambers.simulator(SCALE);
        ChamberSimulator chamber2 = TestChambers.simulator(SCALE);
        Engine engine =
            Engine.start(
                EngineConfig.create(b -> b.jdbcUrl = "jdbc:h2:file:" + data + "/engine"))) {
      Path labFile = data.resolve("lab.yaml");
      Files.writeString(
          labFile,
          String.join(
              "\n",
              "chambers:",
              "  - { id: chamber-1, registerMap: generic, simulated: false, host: 127.0.0.1,"
                  + " port: "
                  + chamber1.port()
                  + " }",
              "  - { id: chamber-2, registerMap: generic, simulated: false, host: 127.0.0.1,"
                  + " port: "
                  + chamber2.port()
                  + " }",
              ""));
      Map<String, ChamberSimulator> chambers = Map.of("chamber-1", chamber1, "chamber-2", chamber2);

      // the first instance owns the lab; the second waits for it
      Instance first = start("a", database, labFile, engine);
      first.awaitUp();
      Instance second = start("b", database, labFile, engine);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> second.process.isAlive() && !second.answers());

      Api.Reply launched =
          first.api.post(
              "/api/campaigns", "application/yaml", CampaignScenariosIT.plan("failover.yaml"));
      assertThat(launched.status()).as(launched.text()).isEqualTo(201);
      String id = launched.json().get("campaign").get("id").asText();

      // the lab works until both legs are mid-profile: tc between its read points, dh soaking
      Lab lab = new Lab(first.api);
      JsonNode before =
          await()
              .atMost(Duration.ofMinutes(3))
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> {
                    lab.work(id);
                    return first.api.get("/api/campaigns/" + id).json();
                  },
                  v -> CampaignChaosIT.leg(v, "tc").get("cyclesDone").asLong() >= 2);
      long cyclesAtKill = CampaignChaosIT.leg(before, "tc").get("cyclesDone").asLong();
      assertThat(cyclesAtKill).as("tc is mid-profile when the owner is killed").isLessThan(6);
      assertThat(CampaignChaosIT.leg(before, "dh").get("hoursDone").asDouble())
          .as("dh is mid-profile when the owner is killed")
          .isLessThan(20.5);
      for (ChamberSimulator c : chambers.values()) {
        assertThat(c.writers().writers()).as("the owner drives both chambers").isNotEmpty();
        assertThat(c.writers().maxConcurrent()).isEqualTo(1);
      }

      // kill -9 of the owner
      Instant killedAt = Instant.now();
      first.process.destroyForcibly().waitFor();

      // the standby takes the lab over and re-asserts each chamber's setpoint
      second.awaitUp();
      double upAfter = seconds(killedAt, Instant.now());
      Map<String, Double> takeover = new LinkedHashMap<>();
      for (Map.Entry<String, ChamberSimulator> c : chambers.entrySet()) {
        SimulatorWriters.Writer taker =
            await()
                .atMost(Duration.ofMinutes(1))
                .until(() -> firstWriterSince(c.getValue(), killedAt), w -> w != null);
        takeover.put(c.getKey(), seconds(killedAt, taker.firstWrite()));
      }
      System.out.printf(
          Locale.ROOT,
          "FailoverIT: killed at tc cycle %d; standby up %.1f s after the kill; first setpoint"
              + " write per chamber after %s s%n",
          cyclesAtKill,
          upAfter,
          takeover);

      Lab next = new Lab(second.api);
      JsonNode view =
          await()
              .atMost(Duration.ofMinutes(5))
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () -> {
                    next.work(id);
                    return second.api.get("/api/campaigns/" + id).json();
                  },
                  v -> !v.get("campaign").get("state").asText().equals("ACTIVE"));

      // the verdict, with exactly the planned work
      assertThat(view.get("campaign").get("state").asText()).isEqualTo("COMPLETED");
      assertThat(view.get("campaign").get("verdict").asText()).isEqualTo("PASS");
      assertThat(view.get("incidents")).as("open incidents").isEmpty();
      JsonNode tc = CampaignChaosIT.leg(view, "tc");
      JsonNode dh = CampaignChaosIT.leg(view, "dh");
      assertThat(tc.get("cyclesDone").asLong()).isEqualTo(6);
      // 12 guaranteed soaks of 15 min on the load, each credited once
      assertThat(tc.get("hoursDone").asDouble()).as("credited hours of tc").isEqualTo(3.0);
      // the 30 min stabilisation and the 20 h soak; nothing of the time no instance drove it
      assertThat(dh.get("hoursDone").asDouble()).as("credited hours of dh").isEqualTo(20.5);
      assertThat(CampaignChaosIT.labels(tc)).containsExactly("2 cycles", "4 cycles", "6 cycles");
      assertThat(CampaignChaosIT.labels(dh)).containsExactly("10 h", "20 h");
      JsonNode incidents =
          new Api(engine.restAddress().getPort())
              .postJson("/v2/incidents/search", Map.of("filter", Map.of("state", "ACTIVE")))
              .json()
              .get("items");
      assertThat(incidents).as("open incidents in the engine").isEmpty();

      // never two writers on one chamber: the killed owner's connection closed with it, then the
      // standby wrote
      for (Map.Entry<String, ChamberSimulator> c : chambers.entrySet()) {
        SimulatorWriters writers = c.getValue().writers();
        assertThat(writers.maxConcurrent())
            .as("%s: writing connections open at once (%s)", c.getKey(), writers.writers())
            .isEqualTo(1);
        assertThat(writers.writers())
            .as("%s: the owner wrote before the kill, the standby after it", c.getKey())
            .anyMatch(w -> w.lastWrite().isBefore(killedAt))
            .anyMatch(w -> w.firstWrite().isAfter(killedAt));
      }

      // the records, from the shared database
      JdbcClient jdbc = JdbcClient.create(PostgreSql.dataSource(database));
      List<String> cycles =
          jdbc
              .sql(
                  "SELECT message FROM campaign_event WHERE campaign_id = ? AND kind ="
                      + " 'CYCLE_COMPLETED' ORDER BY id")
              .param(id)
              .query(String.class)
              .list()
              .stream()
              .map(m -> m.replaceAll("; ramps achieved .*", ""))
              .toList();
      List<String> expectedCycles = new ArrayList<>();
      for (int i = 1; i <= 6; i++) {
        expectedCycles.add("[tc] cycle " + i + " completed");
      }
      assertThat(cycles).as("each cycle logged once").containsExactlyElementsOf(expectedCycles);
      Map<String, List<String>> samples = new LinkedHashMap<>();
      jdbc.sql(
              "SELECT serial, kind, label FROM module_sample WHERE campaign_id = ? AND kind <>"
                  + " 'IN_SITU' ORDER BY serial, id")
          .param(id)
          .query(
              rs -> {
                samples
                    .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(rs.getString(2) + " " + rs.getString(3));
              });
      for (String serial : TC) {
        assertThat(samples.get(serial))
            .as(serial + ": sampled once at the baseline and at each read point")
            .containsExactly(
                "BASELINE 0", "READ_POINT 2 cycles", "READ_POINT 4 cycles", "READ_POINT 6 cycles");
      }
      for (String serial : DH) {
        assertThat(samples.get(serial))
            .as(serial + ": sampled once at the baseline and at each read point")
            .containsExactly("BASELINE 0", "READ_POINT 10 h", "READ_POINT 20 h");
      }
      // stopped before its engine and chambers go
      second.process.destroyForcibly().waitFor();
    }
  }

  private static SimulatorWriters.Writer firstWriterSince(ChamberSimulator c, Instant since) {
    return c.writers().writers().stream()
        .filter(w -> w.firstWrite().isAfter(since))
        .findFirst()
        .orElse(null);
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  /** One application instance: its process and its API. */
  private record Instance(Process process, Api api) {
    boolean answers() {
      try {
        return api.get("/actuator/health").status() > 0;
      } catch (UncheckedIOException e) {
        return false;
      }
    }

    void awaitUp() {
      await()
          .atMost(Duration.ofMinutes(2))
          .ignoreException(UncheckedIOException.class)
          .until(
              () -> {
                assertThat(process.isAlive()).as("the instance is running").isTrue();
                return api.get("/actuator/health").json().get("status").asText().equals("UP");
              });
    }
  }

  private Instance start(String name, String database, Path labFile, Engine engine)
      throws IOException {
    int port = CampaignChaosIT.freePort();
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            JAR.toString(),
            "--server.port=" + port,
            "--stressflow.data-dir=" + data,
            "--spring.datasource.url=" + database,
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=",
            "--stressflow.database.standby=true",
            "--stressflow.database.standby-poll=200ms",
            "--stressflow.camunda.rest-address=" + engine.restAddress(),
            "--stressflow.lab.file=" + labFile,
            "--stressflow.time-scale=" + SCALE,
            "--stressflow.camunda.worker-timeout=5s",
            "--stressflow.camunda.retry-backoff=1s",
            "--spring.main.banner-mode=off");
    ProcessBuilder process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(data.resolve("app-" + name + ".log").toFile()));
    process.environment().put("STRESSFLOW_ADMIN_PASSWORD", TestUsers.ADMIN_PASSWORD);
    Process p = process.start();
    apps.add(p);
    return new Instance(p, new Api(port));
  }
}

package io.stressflow.workflows.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.StressflowApplication;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.Lab;
import io.stressflow.workflows.support.TestChambers;
import io.stressflow.workflows.support.TestUsers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #13: one application drives a lab of simulated chambers named in a lab file (each a
 * simulated controller on its own loopback port, driven over Modbus TCP). Two campaigns need the
 * same chamber: the second waits in its workflow (no incident) and starts when the first releases
 * it; a chamber past its calibration due date is never chosen; the inventory API refuses bad
 * entries by field and takes a chamber out of service; two legs of one campaign run at the same
 * time in two chambers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabSchedulingIT {

  static final double SCALE = 3600;

  ConfigurableApplicationContext app;
  Api api;

  @BeforeAll
  void start() throws IOException {
    Path data = TestChambers.dataDir("lab-scheduling");
    Files.createDirectories(data);
    Path labFile = data.resolve("lab.yaml");
    Files.writeString(
        labFile,
        """
        chambers:
          - { id: lab-1, make: Test, model: THC, registerMap: generic, simulated: true, port: 0,
              calibrationDue: 2099-12-31, location: bay 1 }
          - { id: lab-2, make: Test, model: THC, registerMap: generic, simulated: true, port: 0,
              calibrationDue: 2099-12-31, location: bay 4 }
          - { id: lab-old, make: Test, model: THC, registerMap: generic, simulated: true, port: 0,
              calibrationDue: 2020-01-31, location: bay 2 }
          - { id: lab-3, make: Test, model: TC, registerMap: eurotherm-3200, simulated: true,
              port: 0, service: OUT_OF_SERVICE, outOfServiceReason: compressor replaced }
        """);
    app =
        new SpringApplicationBuilder(StressflowApplication.class)
            .run(
                "--server.port=0",
                "--stressflow.data-dir=" + data,
                "--stressflow.time-scale=" + SCALE,
                "--stressflow.camunda.engine.port=0",
                "--stressflow.lab.file=" + labFile,
                "--stressflow.campaign.chamber-recheck=PT10M",
                // a lab's tenant (issue #13 item 5): the embedded engine takes it as a cluster
                // would
                "--stressflow.camunda.tenant-id=lab-a",
                "--stressflow.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
                "--spring.main.banner-mode=off",
                "--spring.quartz.scheduler-name=it-" + UUID.randomUUID());
    api = new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @Order(1)
  void shouldListTheLabWithCapabilitiesAndWhyAChamberTakesNoWork() {
    JsonNode chambers = api.get("/api/chambers").json();
    assertThat(chambers).hasSize(4);
    JsonNode old = api.get("/api/chambers/lab-old").json();
    assertThat(old.get("available").asBoolean()).isFalse();
    assertThat(old.get("unavailableReason").asText())
        .isEqualTo("calibration was due on 2020-01-31 (ISO/IEC 17025)");
    assertThat(old.get("capabilities").get("humidity").asBoolean()).isTrue();
    JsonNode off = api.get("/api/chambers/lab-3").json();
    assertThat(off.get("unavailableReason").asText())
        .isEqualTo("out of service: compressor replaced");
    assertThat(off.get("capabilities").get("humidity").asBoolean()).isFalse();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/chambers/lab-1").json().get("answering").asBoolean());
  }

  @Test
  @Order(2)
  void shouldRefuseABadChamberByFieldAndAddAGoodOne() {
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("id", "lab 4");
    bad.put("registerMap", "no-such-map");
    bad.put("port", 70000);
    bad.put("limits", Map.of("minTemperature", 100, "maxTemperature", 50));
    Api.Reply refused = api.postJson("/api/chambers", bad);
    assertThat(refused.status()).as(refused.text()).isEqualTo(422);
    List<String> fields =
        StreamSupport.stream(refused.json().get("problems").spliterator(), false)
            .map(p -> p.get("field").asText())
            .toList();
    assertThat(fields).contains("id", "registerMap", "port", "limits");
    assertThat(api.get("/api/chambers").json()).as("nothing kept of a refused entry").hasSize(4);

    Api.Reply added =
        api.postJson(
            "/api/chambers",
            Map.of(
                "id", "lab-4",
                "make", "Binder",
                "model", "MKF 240",
                "registerMap", "binder-mb2",
                "simulated", true,
                "port", 0));
    assertThat(added.status()).as(added.text()).isEqualTo(201);
    assertThat(added.json().get("limits").get("maxRampRate").asDouble())
        .as("the map's rated envelope when the entry gives none")
        .isEqualTo(4.0);
    assertThat(api.labStaff().postJson("/api/chambers", Map.of("id", "x")).status())
        .as("only an admin adds chambers")
        .isEqualTo(403);
  }

  @Test
  @Order(3)
  void shouldMakeTheSecondCampaignWaitForTheChamberAndNeverChooseOneOutOfCalibration() {
    Lab lab = new Lab(api);
    String a = launch("two-campaigns-a.yaml");
    // A holds lab-1 (its pool's other chamber is out of calibration) and waits for its modules
    awaitEvent(a, "CHAMBER_RESERVED");
    assertThat(events(a, "CHAMBER_RESERVED").get(0)).startsWith("chamber 'lab-1' reserved");
    String b = launch("two-campaigns-b.yaml");
    awaitEvent(b, "WAITING_FOR_CHAMBER");
    assertThat(events(b, "WAITING_FOR_CHAMBER").get(0))
        .startsWith("waiting for chamber 'lab-1': reserved by campaign " + a);
    JsonNode calendar = api.get("/api/chambers/lab-1/reservations").json();
    assertThat(calendar.get(0).get("campaignId").asText()).isEqualTo(a);
    assertThat(calendar.get(0).get("kind").asText()).isEqualTo("RESERVED");
    assertThat(calendar.get(1).get("campaignId").asText()).isEqualTo(b);
    assertThat(calendar.get(1).get("kind").asText()).isEqualTo("WAITING");
    assertThat(incidents(b)).as("waiting is not an incident").isEmpty();
    assertThat(api.get("/api/campaigns/" + b).json().get("waitingForChamber").asText())
        .startsWith("chamber 'lab-1' since ")
        .contains("reserved by campaign " + a);

    // the lab works both; B starts when A releases lab-1
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              lab.work(a);
              lab.work(b);
              return ended(a) && ended(b);
            });
    for (String id : List.of(a, b)) {
      JsonNode view = api.get("/api/campaigns/" + id).json();
      assertThat(view.get("campaign").get("verdict").asText()).as(id).isEqualTo("PASS");
      assertThat(view.get("legs").get(0).get("chamber").asText()).as(id).isEqualTo("lab-1");
    }
    assertThat(events(b, "CHAMBER_RESERVED")).hasSize(1);
    assertThat(api.get("/api/campaigns/" + b).json().get("waitingForChamber").isNull()).isTrue();
    assertThat(api.get("/api/chambers/lab-old/reservations").json()).isEmpty();
    assertThat(api.get("/api/chambers/lab-1/reservations").json()).isEmpty();
  }

  @Test
  @Order(4)
  void shouldPauseOnlyTheLegInTheChamberWithTheAlarm() {
    ChamberSimulator lab1 =
        app.getBean(io.stressflow.workflows.chamber.Lab.class).simulator("lab-1").orElseThrow();
    Lab lab =
        new Lab(api)
            // the technician resets the limit controller before resuming
            .before("resolve-alarm", t -> lab1.faults().overTemperature(false));
    String alarmed = launchText(alarmPlan("lab-1", "LX-"));
    String other = launchText(alarmPlan("lab-2", "LY-"));
    AtomicBoolean tripped = new AtomicBoolean();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              lab.work(alarmed);
              lab.work(other);
              JsonNode a = api.get("/api/campaigns/" + alarmed).json().get("legs").get(0);
              JsonNode o = api.get("/api/campaigns/" + other).json().get("legs").get(0);
              if (!tripped.get()
                  && a.get("hoursDone").asDouble() >= 4
                  && "RUNNING".equals(o.get("state").asText())) {
                lab1.faults().overTemperature(true);
                tripped.set(true);
              }
              return ended(alarmed) && ended(other);
            });
    assertThat(tripped).isTrue();
    assertThat(events(alarmed, "SAFE_STATE")).hasSize(1);
    assertThat(events(alarmed, "SAFE_STATE").get(0)).contains("chamber 'lab-1' in safe state");
    assertThat(events(other, "CHAMBER_ALARM")).as("the other chamber raised nothing").isEmpty();
    assertThat(events(other, "SAFE_STATE")).as("the other leg was never stopped").isEmpty();
    for (String id : List.of(alarmed, other)) {
      JsonNode campaign = api.get("/api/campaigns/" + id).json().get("campaign");
      assertThat(campaign.get("state").asText()).as(id).isEqualTo("COMPLETED");
      assertThat(campaign.get("verdict").asText()).as(id).isEqualTo("PASS");
    }
  }

  /**
   * Legs of one campaign without {@code after} run at the same time in their two chambers (one
   * wave): temperature cycling in lab-2, damp heat with read points in lab-1; each leg gets its own
   * messages and variables, so both complete exactly, each read point sampled once.
   */
  @Test
  @Order(5)
  void shouldRunLegsWithoutAfterAtTheSameTimeInTwoChambers() {
    Lab lab = new Lab(api);
    String id = launchText(PARALLEL_PLAN);
    AtomicBoolean bothRunning = new AtomicBoolean();
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              lab.work(id);
              JsonNode view = api.get("/api/campaigns/" + id).json();
              JsonNode tc = leg(view, "tc");
              JsonNode dh = leg(view, "dh");
              if ("RUNNING".equals(tc.get("state").asText())
                  && "RUNNING".equals(dh.get("state").asText())) {
                // the view says so: both legs under way, each in its chamber
                assertThat(view.get("currentLeg").asText()).isEqualTo("tc, dh");
                assertThat(tc.get("chamber").asText()).isEqualTo("lab-2");
                assertThat(dh.get("chamber").asText()).isEqualTo("lab-1");
                bothRunning.set(true);
              }
              return ended(id);
            });
    assertThat(bothRunning).as("both legs seen RUNNING at once").isTrue();
    JsonNode view = api.get("/api/campaigns/" + id).json();
    JsonNode tc = leg(view, "tc");
    JsonNode dh = leg(view, "dh");
    // each leg's profile run started before the other's ended
    java.time.Instant tcStart = java.time.Instant.parse(tc.get("startedAt").asText());
    java.time.Instant tcEnd = java.time.Instant.parse(tc.get("endedAt").asText());
    java.time.Instant dhStart = java.time.Instant.parse(dh.get("startedAt").asText());
    java.time.Instant dhEnd = java.time.Instant.parse(dh.get("endedAt").asText());
    assertThat(tcStart).isBefore(dhEnd);
    assertThat(dhStart).isBefore(tcEnd);
    assertThat(tc.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(dh.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(tc.get("cyclesDone").asLong()).isEqualTo(3);
    assertThat(dh.get("hoursDone").asDouble()).isEqualTo(10.5);
    for (JsonNode leg : List.of(tc, dh)) {
      assertThat(leg.get("readPoints")).as(leg.get("id").asText()).hasSize(2);
      leg.get("readPoints")
          .forEach(rp -> assertThat(rp.get("sampledAt").isNull()).as(rp.toString()).isFalse());
    }
    assertThat(events(id, "READ_POINT_SAMPLED")).hasSize(4).doesNotHaveDuplicates();
    assertThat(events(id, "LEG_COMPLETED")).hasSize(2);
    JsonNode campaign = view.get("campaign");
    assertThat(campaign.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(campaign.get("verdict").asText()).isEqualTo("PASS");
    assertThat(incidents(id)).as("no incident").isEmpty();
  }

  static final String PARALLEL_PLAN =
      """
      campaign: "Lab scheduling: TC and damp heat at once"
      product: { partNumber: SF-400G-SR8, description: 400G QSFP-DD SR8, revision: B }
      lots:
        - { id: L2331, dateCode: "2331" }
      modules:
        - { serial: LP-01, lot: L2331 }
        - { serial: LP-02, lot: L2331 }
        - { serial: LP-03, lot: L2331 }
        - { serial: LP-04, lot: L2331 }
      legs:
        - id: tc
          preset: gr468-temperature-cycling
          name: Temperature cycling, 3 cycles (compressed)
          chamber: lab-2
          samples: [LP-01, LP-02]
          profile:
            segments:
              - repeat:
                  count: 3
                  segments:
                    - ramp: { to: -40, rate: 10 }
                    - soak: { duration: PT15M, band: { below: 0, above: 2 }, measuredOn: LOAD }
                    - ramp: { to: 85, rate: 10 }
                    - soak: { duration: PT15M, band: { below: 2, above: 0 }, measuredOn: LOAD }
              - ramp: { to: 23, rate: 10 }
          readPoints: { unit: CYCLES, at: [1, 3] }
          acceptance: { sampleSize: 2, allowedFailures: 0 }
        - id: dh
          preset: gr468-damp-heat
          name: Damp heat 85 °C / 85 %RH, 10 h (compressed)
          chamber: lab-1
          samples: [LP-03, LP-04]
          profile:
            segments:
              - ramp: { to: 85, rate: 2 }
              - soak: { duration: PT30M, band: { below: 2, above: 2 } }
              - humidity: { setpoint: 85, tolerance: 5 }
              - soak: { duration: 10h, band: { below: 2, above: 2 } }
              - humidity: { off: true }
              - ramp: { to: 23, rate: 2 }
          readPoints: { unit: HOURS, at: [5, 10] }
          acceptance: { sampleSize: 2, allowedFailures: 0 }
      """;

  private static JsonNode leg(JsonNode view, String id) {
    for (JsonNode leg : view.get("legs")) {
      if (id.equals(leg.get("id").asText())) {
        return leg;
      }
    }
    throw new AssertionError("no leg " + id + " in " + view);
  }

  private static String alarmPlan(String chamber, String serialPrefix) {
    try (InputStream in = LabSchedulingIT.class.getResourceAsStream("/e2e/scenario3-alarm.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("chamber: chamber-1", "chamber: " + chamber)
          .replace("S3-", serialPrefix);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String launchText(String yaml) {
    Api.Reply launched = api.labStaff().post("/api/campaigns", "application/yaml", yaml);
    assertThat(launched.status()).as(launched.text()).isEqualTo(201);
    return launched.json().get("campaign").get("id").asText();
  }

  @Test
  @Order(6)
  void shouldTakeAChamberOutOfServiceThroughTheApi() {
    JsonNode chamber = api.get("/api/chambers/lab-1").json();
    Map<String, Object> body = new LinkedHashMap<>();
    chamber.fields().forEachRemaining(e -> body.put(e.getKey(), e.getValue()));
    body.put("service", "OUT_OF_SERVICE");
    Api.Reply noReason = api.call("PUT", "/api/chambers/lab-1", "application/json", json(body));
    assertThat(noReason.status()).as(noReason.text()).isEqualTo(422);
    assertThat(noReason.json().get("problems").get(0).get("field").asText())
        .isEqualTo("outOfServiceReason");
    body.put("outOfServiceReason", "door seal");
    Api.Reply out = api.call("PUT", "/api/chambers/lab-1", "application/json", json(body));
    assertThat(out.status()).as(out.text()).isEqualTo(200);
    assertThat(out.json().get("unavailableReason").asText()).isEqualTo("out of service: door seal");
  }

  /** Waits for a logbook entry; on timeout, says what the campaign did instead. */
  private void awaitEvent(String id, String kind) {
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> !events(id, kind).isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "no %s for %s; its logbook: %s; its view: %s"
              .formatted(
                  kind,
                  id,
                  api.get("/api/campaigns/" + id + "/events").text(),
                  api.get("/api/campaigns/" + id).text()),
          e);
    }
  }

  private String launch(String plan) {
    Api.Reply launched = api.labStaff().post("/api/campaigns", "application/yaml", plan(plan));
    assertThat(launched.status()).as(launched.text()).isEqualTo(201);
    return launched.json().get("campaign").get("id").asText();
  }

  private boolean ended(String id) {
    return !api.get("/api/campaigns/" + id)
        .json()
        .get("campaign")
        .get("state")
        .asText()
        .equals("ACTIVE");
  }

  private JsonNode incidents(String id) {
    JsonNode i = api.get("/api/campaigns/" + id).json().get("incidents");
    return i == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode() : i;
  }

  private List<String> events(String id, String kind) {
    return StreamSupport.stream(
            api.get("/api/campaigns/" + id + "/events").json().spliterator(), false)
        .filter(e -> e.get("kind").asText().equals(kind))
        .map(e -> e.get("message").asText())
        .toList();
  }

  private static String json(Object body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String plan(String name) {
    try (InputStream in = LabSchedulingIT.class.getResourceAsStream("/lab/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

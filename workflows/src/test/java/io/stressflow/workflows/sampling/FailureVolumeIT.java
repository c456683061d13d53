package io.stressflow.workflows.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.logbook.CampaignEvent;
import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PlanReader;
import io.stressflow.workflows.plan.PlanService;
import io.stressflow.workflows.profile.ProfileRunner;
import io.stressflow.workflows.sampling.fleet.SimulatedFleet;
import io.stressflow.workflows.support.TestChambers;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Failures in volume keep the record whole and bounded: a read point where a thousand modules fail
 * on every lane commits with every failure, logbook line and failed serial complete and one failure
 * analysis per module; a module with a long in-situ history starts its failure analysis with a
 * snapshot far below the engine's variable limit that still names what failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureVolumeIT {

  static final double SCALE = 7200;
  static final int MODULES = 1000;

  ChamberSimulator simulator;

  @BeforeAll
  void startChamber() {
    simulator = TestChambers.simulator(SCALE);
  }

  @AfterAll
  void stopChamber() {
    simulator.close();
  }

  @Test
  void shouldTakeAReadPointWhereAThousandModulesFailOnEveryLane() {
    try (ConfigurableApplicationContext app =
        TestChambers.app(
            TestChambers.dataDir("thousand"),
            SCALE,
            simulator,
            "--stressflow.chamber.telemetry-interval=1m",
            "--stressflow.modules.seed=11")) {
      List<String> serials =
          IntStream.rangeClosed(1, MODULES).mapToObj("TH-%04d"::formatted).toList();
      PlanService plans = app.getBean(PlanService.class);
      String yaml =
          String.join(
              "\n",
              "campaign: a thousand failures",
              "product: { partNumber: SF-400G-SR8 }",
              "modules: ["
                  + serials.stream()
                      .map(s -> "{ serial: " + s + " }")
                      .collect(Collectors.joining(", "))
                  + "]",
              "legs:",
              "  - id: dh",
              "    stress: DAMP_HEAT",
              "    chamber: chamber-1",
              "    samples: [" + String.join(", ", serials) + "]",
              "    profile:",
              "      segments:",
              "        - ramp: { to: 85, rate: 2 }",
              "        - humidity: { setpoint: 85, tolerance: 5 }",
              "        - soak: { duration: 10h, band: { below: 2, above: 2 } }",
              "        - humidity: { off: true }",
              "        - ramp: { to: 23, rate: 2 }",
              "    readPoints: { unit: HOURS, at: [10] }",
              "    failureCriteria: { txPowerDriftDb: 1.0, biasRisePercent: 50, rxPowerDropDb: 1.0,"
                  + " moduleAlarms: true }",
              "    acceptance: { sampleSize: " + MODULES + ", allowedFailures: 0 }");
      assertThat(plans.validate(yaml).problems()).isEmpty();
      Leg leg = PlanReader.read(yaml, plans.presets()).legs().get(0);
      SimulatedFleet fleet = app.getBean(SimulatedFleet.class);
      for (String serial : serials) {
        fleet.add(serial);
        // every lane wears ~5000x the median rate: about +40 % bias per hour at 85 °C / 85 %RH
        fleet.degrade(serial, 5000);
      }

      ProfileRunner runner = app.getBean(ProfileRunner.class);
      String run = runner.start("C-1000", leg);
      await()
          .atMost(Duration.ofMinutes(3))
          .until(() -> runner.find(run).orElseThrow().state().equals("COMPLETED"));

      JdbcClient jdbc = app.getBean(JdbcClient.class);
      // the round committed, with every module read and recorded failed once
      assertThat(
              jdbc.sql(
                      "SELECT COUNT(*) FROM sampling_round WHERE campaign_id = 'C-1000' AND label ="
                          + " '10 h' AND completed_at IS NOT NULL")
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
      SamplingService sampling = app.getBean(SamplingService.class);
      List<Map<String, Object>> failures = sampling.failures("C-1000");
      assertThat(failures).extracting(f -> f.get("SERIAL")).hasSameElementsAs(serials);
      assertThat(failures)
          .allSatisfy(f -> assertThat(f.get("LANES")).isEqualTo("[1, 2, 3, 4, 5, 6, 7, 8]"));
      assertThat(
              jdbc.sql(
                      "SELECT COUNT(*) FROM module_unit WHERE campaign_id = 'C-1000' AND state = 'FAILED'")
                  .query(Long.class)
                  .single())
          .isEqualTo(MODULES);

      // the logbook holds every line whole: the round's summary names all thousand serials
      List<CampaignEvent> events = app.getBean(CampaignLog.class).events("C-1000");
      List<CampaignEvent> sampled =
          events.stream().filter(e -> e.kind().equals("READ_POINT_SAMPLED")).toList();
      assertThat(sampled).hasSize(1);
      assertThat(sampled.get(0).message())
          .startsWith("[dh] 10 h: " + MODULES + " modules read, " + MODULES + " failed [");
      assertThat(serialsIn(sampled.get(0).message())).isEqualTo(new HashSet<>(serials));
      List<CampaignEvent> failed =
          events.stream().filter(e -> e.kind().equals("MODULE_FAILED")).toList();
      assertThat(failed).hasSize(MODULES);
      int longest = 0;
      for (CampaignEvent e : failed) {
        Map<String, Object> f =
            failures.stream()
                .filter(x -> e.message().contains("module " + x.get("SERIAL") + " failed"))
                .findFirst()
                .orElseThrow();
        assertThat(e.message())
            .isEqualTo(
                ("[dh] module %s failed (%s); lanes [1, 2, 3, 4, 5, 6, 7, 8]; credited 0.0 h to read"
                        + " point %s; failure analysis to start")
                    .formatted(f.get("SERIAL"), f.get("CRITERIA"), f.get("LAST_GOOD_POINT")));
        longest = Math.max(longest, e.message().length());
      }
      // every lane's finding is there, in the logbook and in the failure record
      assertThat(failures)
          .allSatisfy(
              f ->
                  assertThat((String) f.get("CRITERIA"))
                      .contains("BIAS_RISE: Tx bias rose")
                      .contains("on lanes [1, 2, 3, 4, 5, 6, 7, 8]"));
      System.out.printf(
          "%d modules failed on all lanes: READ_POINT_SAMPLED %d chars, longest MODULE_FAILED %d"
              + " chars%n",
          MODULES, sampled.get(0).message().length(), longest);

      // the read point's own record lists them all
      String listed =
          jdbc.sql(
                  "SELECT failed FROM leg_read_point WHERE campaign_id = 'C-1000' AND label = '10 h'")
              .query(String.class)
              .single();
      assertThat(Set.of(listed.split(", "))).isEqualTo(new HashSet<>(serials));

      // a logbook line longer than its column is cut, never the cause of a rollback
      String huge = "x".repeat(1_500_000);
      new org.springframework.transaction.support.TransactionTemplate(
              app.getBean(org.springframework.transaction.PlatformTransactionManager.class))
          .executeWithoutResult(t -> app.getBean(CampaignLog.class).record("C-1000", "NOTE", huge));
      String logged =
          app.getBean(CampaignLog.class).events("C-1000").stream()
              .filter(e -> e.kind().equals("NOTE"))
              .findFirst()
              .orElseThrow()
              .message();
      assertThat(logged).hasSize(1_000_000).endsWith("… (500000 more characters not logged)");

      // one failure analysis per module, each created once
      await()
          .atMost(Duration.ofMinutes(3))
          .until(
              () ->
                  sampling.failures("C-1000").stream()
                      .allMatch(
                          f ->
                              f.get("FA_INSTANCE_KEY") != null
                                  && f.get("MESSAGE_SENT_AT") != null));
      assertThat(
              sampling.failures("C-1000").stream()
                  .map(f -> f.get("FA_INSTANCE_KEY"))
                  .collect(Collectors.toSet()))
          .hasSize(MODULES);
      assertThat(
              app.getBean(CampaignLog.class).events("C-1000").stream()
                  .filter(e -> e.kind().equals("FAILURE_ANALYSIS_STARTED")))
          .hasSize(MODULES);
    }
  }

  @Test
  void shouldStartFailureAnalysisWithASummaryOfALongInSituHistory() throws Exception {
    try (ConfigurableApplicationContext app =
        TestChambers.app(
            TestChambers.dataDir("snapshot"), SCALE, simulator, "--stressflow.modules.seed=13")) {
      SamplingService sampling = app.getBean(SamplingService.class);
      SimulatedFleet fleet = app.getBean(SimulatedFleet.class);
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      Leg leg =
          new Leg(
              "sn",
              null,
              null,
              null,
              List.of("SN1"),
              "chamber-1",
              null,
              null,
              null,
              null,
              null,
              new Leg.FailureCriteria(1.0, 50.0, 1.0, true),
              null,
              null);
      fleet.add("SN1");
      sampling.register("C-snap", leg, Map.of("SN1", "L1"));
      sampling.baseline("C-snap", "sn");
      // a 35-day leg polled in situ every 10 minutes: 5,000 readings of 8 lanes, and as many of
      // the same serial in an earlier campaign, which are not this failure's business
      for (String campaign : List.of("C-snap", "C-earlier")) {
        jdbc.sql(
                "INSERT INTO module_sample (serial, campaign_id, leg_id, at, kind, stress_hours,"
                    + " cycles, in_envelope, verdict) SELECT 'SN1', ?, 'sn', DATEADD('MINUTE', X *"
                    + " 10, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'), 'IN_SITU', X / 6.0,"
                    + " 0, TRUE, 'PASS' FROM SYSTEM_RANGE(1, 5000)")
            .param(campaign)
            .update();
        jdbc.sql(
                "INSERT INTO lane_reading (sample_id, lane, bias_ma, tx_mw, rx_mw) SELECT s.id,"
                    + " x.lane, 6.5 + s.stress_hours / 1000.0 + x.lane / 100.0, 0.8, 0.7 FROM"
                    + " module_sample s CROSS JOIN (VALUES 1, 2, 3, 4, 5, 6, 7, 8) AS x(lane)"
                    + " WHERE s.campaign_id = ? AND s.kind = 'IN_SITU'")
            .param(campaign)
            .update();
      }
      fleet.degrade("SN1", 5000, 3, 5);
      fleet.expose(10, 85, 85.0);

      assertThat(sampling.readPoint("C-snap", "sn", "10 h", 10, 0).failed()).containsExactly("SN1");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> sampling.failures("C-snap").get(0).get("FA_INSTANCE_KEY") != null);
      Map<String, Object> failure = sampling.failures("C-snap").get(0);

      ObjectMapper json = new ObjectMapper();
      Map<String, Object> snapshot = FailureSnapshot.of(jdbc, failure);
      byte[] bytes = json.writeValueAsBytes(snapshot);
      // before: every sample of the serial from every campaign, lane by lane
      byte[] unsummarised =
          json.writeValueAsBytes(
              jdbc.sql(
                      "SELECT s.label, s.stress_hours, s.cycles, s.verdict, l.lane, l.bias_ma,"
                          + " l.tx_mw, l.rx_mw FROM module_sample s JOIN lane_reading l ON"
                          + " l.sample_id = s.id WHERE s.serial = 'SN1' ORDER BY s.id, l.lane")
                  .query()
                  .listOfRows());
      System.out.printf(
          "failure snapshot: %d bytes (the unsummarised history alone: %d bytes)%n",
          bytes.length, unsummarised.length);
      assertThat(unsummarised.length).isGreaterThan(1 << 20);
      assertThat(bytes.length).isLessThan(256 << 10);

      // it still says what failed, and summarises this campaign's history only
      assertThat(snapshot.get("affectedLanes")).isEqualTo(List.of(3, 5));
      assertThat((String) snapshot.get("criteria"))
          .isEqualTo(failure.get("CRITERIA"))
          .contains("BIAS_RISE: Tx bias rose")
          .contains("on lanes [3, 5]");
      assertThat(snapshot).containsEntry("serial", "SN1").containsEntry("lot", "L1");
      Map<?, ?> history = (Map<?, ?>) snapshot.get("history");
      assertThat(history.get("baseline")).isNotNull();
      assertThat((List<?>) history.get("readPoints")).hasSize(1);
      Map<?, ?> inSitu = (Map<?, ?>) history.get("inSitu");
      assertThat(inSitu.get("count")).isEqualTo(5000L);
      assertThat((List<?>) inSitu.get("latest")).hasSize(FailureSnapshot.IN_SITU);
      List<?> lanes = (List<?>) inSitu.get("lanes");
      assertThat(lanes).hasSize(8);
      Map<?, ?> lane3 = (Map<?, ?>) lanes.get(2);
      assertThat(lane3.get("lane")).isEqualTo(3);
      assertThat(lane3.get("readings")).isEqualTo(5000L);
      Map<?, ?> bias = (Map<?, ?>) lane3.get("biasMa");
      // rounded to the instrument's resolution, 0.01 mA (issue #19 item 10)
      assertThat((Double) bias.get("first"))
          .isEqualTo(Math.round((6.5 + (1 / 6.0) / 1000.0 + 0.03) * 100) / 100.0);
      assertThat((Double) bias.get("last"))
          .isEqualTo(Math.round((6.5 + (5000 / 6.0) / 1000.0 + 0.03) * 100) / 100.0);
      assertThat((Double) bias.get("min")).isEqualTo((Double) bias.get("first"));
      assertThat((Double) bias.get("max")).isEqualTo((Double) bias.get("last"));
      assertThat((Double) bias.get("mean"))
          .isBetween((Double) bias.get("first"), (Double) bias.get("last"));

      // the instance was started with it
      CamundaClient client = app.getBean(CamundaClient.class);
      long fa = Long.parseLong((String) failure.get("FA_INSTANCE_KEY"));
      assertThat(
              client
                  .newVariableSearchRequest()
                  .filter(f -> f.processInstanceKey(fa).name("affectedLanes"))
                  .send()
                  .join()
                  .items())
          .singleElement()
          .satisfies(v -> assertThat(v.getValue()).isEqualTo("[3,5]"));
    }
  }

  private static Set<String> serialsIn(String message) {
    String list = message.substring(message.indexOf('[', 4) + 1, message.lastIndexOf(']'));
    return Set.of(list.split(", "));
  }
}

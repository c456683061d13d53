package io.stressflow.workflows.sampling;

import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The data snapshot a failure-analysis instance starts with: what failed (criteria, lanes, flags,
 * the failing read), what was credited, and the module's history in this campaign, summarised so
 * the snapshot's size does not grow with that history (a 21-day leg polled in situ every 10 min has
 * about 3,000 readings; every one of them would approach the engine's variable limit). Only this
 * campaign's samples of the module are looked at.
 *
 * <p>The history holds the baseline, the last {@value #READ_POINTS} read points up to the failure,
 * and for in-situ readings their count and span, per lane the minimum, maximum, mean, first and
 * last of bias, Tx and Rx power, and the last {@value #IN_SITU} readings up to the failure.
 */
final class FailureSnapshot {

  /** Read points kept in a snapshot, the latest up to the failure. */
  static final int READ_POINTS = 5;

  /** In-situ readings kept in a snapshot, the latest up to the failure. */
  static final int IN_SITU = 12;

  private static final String SAMPLE_COLUMNS =
      "id, kind, label, at, stress_hours, cycles, verdict, state, temperature, vcc";

  private FailureSnapshot() {}

  /**
   * Builds the snapshot of a recorded failure.
   *
   * @param jdbc the database.
   * @param failure the {@code module_failure} row.
   * @return the process variables, bounded in size.
   */
  static Map<String, Object> of(JdbcClient jdbc, Map<String, Object> failure) {
    String campaignId = (String) failure.get("CAMPAIGN_ID");
    String serial = (String) failure.get("SERIAL");
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("campaignId", campaignId);
    snapshot.put("legId", failure.get("LEG_ID"));
    snapshot.put("serial", serial);
    snapshot.put(
        "lot",
        jdbc.sql("SELECT lot FROM module_unit WHERE serial = ? AND campaign_id = ?")
            .params(serial, campaignId)
            .query(String.class)
            .optional()
            .orElse(null));
    snapshot.put("criteria", failure.get("CRITERIA"));
    snapshot.put("affectedLanes", lanes((String) failure.get("LANES")));
    snapshot.put(
        "creditedHours", Resolution.round(failure.get("CREDITED_HOURS"), Resolution.HOURS));
    snapshot.put("creditedCycles", failure.get("CREDITED_CYCLES"));
    snapshot.put("lastGoodReadPoint", failure.get("LAST_GOOD_POINT"));
    snapshot.put("failedSampleId", failure.get("SAMPLE_ID"));
    Object sampleId = failure.get("SAMPLE_ID");
    long upTo = sampleId == null ? Long.MAX_VALUE : ((Number) sampleId).longValue();
    failedRead(jdbc, upTo, snapshot);
    snapshot.put("history", history(jdbc, campaignId, serial, upTo));
    return snapshot;
  }

  /**
   * What the failing read said about the module as a whole: its state, temperature and supply, the
   * fault cause (CMIS lower page byte 41) when the state is FAULT, and the latched flags.
   */
  private static void failedRead(JdbcClient jdbc, long sampleId, Map<String, Object> snapshot) {
    jdbc
        .sql("SELECT state, temperature, vcc, fault_cause, flags FROM module_sample WHERE id = ?")
        .param(sampleId)
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .ifPresent(
            row -> {
              snapshot.put("moduleState", row.get("STATE"));
              snapshot.put(
                  "moduleTemperature",
                  Resolution.round(row.get("TEMPERATURE"), Resolution.TEMPERATURE_C));
              snapshot.put("vcc", Resolution.round(row.get("VCC"), Resolution.VCC_V));
              Object code = row.get("FAULT_CAUSE");
              snapshot.put(
                  "faultCause",
                  code == null
                      ? null
                      : ModuleDiagnostics.faultCauseText(((Number) code).intValue()));
              snapshot.put("flags", row.get("FLAGS"));
            });
  }

  private static Map<String, Object> history(
      JdbcClient jdbc, String campaignId, String serial, long upTo) {
    Map<String, Object> history = new LinkedHashMap<>();
    history.put(
        "baseline",
        withLanes(
                jdbc,
                jdbc.sql(
                        "SELECT "
                            + SAMPLE_COLUMNS
                            + " FROM module_sample WHERE serial = ? AND campaign_id = ? AND kind ="
                            + " 'BASELINE' ORDER BY CASE WHEN verdict = 'PASS' THEN 0 ELSE 1 END, id LIMIT 1")
                    .params(serial, campaignId)
                    .query()
                    .listOfRows())
            .stream()
            .findFirst()
            .orElse(null));
    history.put(
        "readPoints",
        withLanes(jdbc, latest(jdbc, campaignId, serial, "READ_POINT", upTo, READ_POINTS)));
    history.put("readPointCount", count(jdbc, campaignId, serial, "READ_POINT"));
    long inSitu = count(jdbc, campaignId, serial, "IN_SITU");
    Map<String, Object> situ = new LinkedHashMap<>();
    situ.put("count", inSitu);
    if (inSitu > 0) {
      Map<String, Object> span =
          jdbc.sql(
                  "SELECT MIN(at) AS first_at, MAX(at) AS last_at, MIN(id) AS first_id,"
                      + " MAX(id) AS last_id FROM module_sample WHERE serial = ? AND campaign_id"
                      + " = ? AND kind = 'IN_SITU' AND EXISTS (SELECT 1 FROM lane_reading l"
                      + " WHERE l.sample_id = module_sample.id)")
              .params(serial, campaignId)
              .query()
              .singleRow();
      situ.put("firstAt", String.valueOf(span.get("FIRST_AT")));
      situ.put("lastAt", String.valueOf(span.get("LAST_AT")));
      situ.put("lanes", laneStatistics(jdbc, campaignId, serial, span));
      situ.put(
          "latest", withLanes(jdbc, latest(jdbc, campaignId, serial, "IN_SITU", upTo, IN_SITU)));
    }
    history.put("inSitu", situ);
    return history;
  }

  /** Per lane: min, max, mean, first and last of bias, Tx and Rx over the in-situ readings. */
  private static List<Map<String, Object>> laneStatistics(
      JdbcClient jdbc, String campaignId, String serial, Map<String, Object> span) {
    Map<Integer, Map<String, Object>> first = lanesOf(jdbc, span.get("FIRST_ID"));
    Map<Integer, Map<String, Object>> last = lanesOf(jdbc, span.get("LAST_ID"));
    List<Map<String, Object>> lanes = new ArrayList<>();
    for (Map<String, Object> row :
        jdbc.sql(
                "SELECT l.lane, COUNT(*) AS n, MIN(l.bias_ma) AS bias_min, MAX(l.bias_ma) AS"
                    + " bias_max, AVG(l.bias_ma) AS bias_mean, MIN(l.tx_mw) AS tx_min,"
                    + " MAX(l.tx_mw) AS tx_max, AVG(l.tx_mw) AS tx_mean, MIN(l.rx_mw) AS rx_min,"
                    + " MAX(l.rx_mw) AS rx_max, AVG(l.rx_mw) AS rx_mean FROM module_sample s JOIN"
                    + " lane_reading l ON l.sample_id = s.id WHERE s.serial = ? AND s.campaign_id"
                    + " = ? AND s.kind = 'IN_SITU' GROUP BY l.lane ORDER BY l.lane")
            .params(serial, campaignId)
            .query()
            .listOfRows()) {
      int lane = ((Number) row.get("LANE")).intValue();
      Map<String, Object> stats = new LinkedHashMap<>();
      stats.put("lane", lane);
      stats.put("readings", row.get("N"));
      for (String[] q : new String[][] {{"bias", "biasMa"}, {"tx", "txMw"}, {"rx", "rxMw"}}) {
        int places = "bias".equals(q[0]) ? Resolution.BIAS_MA : Resolution.POWER_MW;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("min", Resolution.round(row.get(q[0].toUpperCase() + "_MIN"), places));
        s.put("max", Resolution.round(row.get(q[0].toUpperCase() + "_MAX"), places));
        s.put("mean", Resolution.round(row.get(q[0].toUpperCase() + "_MEAN"), places));
        s.put("first", first.getOrDefault(lane, Map.of()).get(q[1]));
        s.put("last", last.getOrDefault(lane, Map.of()).get(q[1]));
        stats.put(q[1], s);
      }
      lanes.add(stats);
    }
    return lanes;
  }

  private static List<Map<String, Object>> latest(
      JdbcClient jdbc, String campaignId, String serial, String kind, long upTo, int n) {
    List<Map<String, Object>> rows =
        new ArrayList<>(
            jdbc.sql(
                    "SELECT "
                        + SAMPLE_COLUMNS
                        + " FROM module_sample WHERE serial = ? AND campaign_id = ? AND kind = ?"
                        + " AND id <= ? ORDER BY id DESC LIMIT ?")
                .params(serial, campaignId, kind, upTo, n)
                .query()
                .listOfRows());
    java.util.Collections.reverse(rows);
    return rows;
  }

  private static long count(JdbcClient jdbc, String campaignId, String serial, String kind) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM module_sample WHERE serial = ? AND campaign_id = ? AND kind = ?")
        .params(serial, campaignId, kind)
        .query(Long.class)
        .single();
  }

  /** The samples as plain maps, each with its lane readings. */
  private static List<Map<String, Object>> withLanes(
      JdbcClient jdbc, List<Map<String, Object>> samples) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row : samples) {
      Map<String, Object> sample = new LinkedHashMap<>();
      sample.put("kind", row.get("KIND"));
      sample.put("label", row.get("LABEL"));
      sample.put("at", String.valueOf(row.get("AT")));
      sample.put("stressHours", Resolution.round(row.get("STRESS_HOURS"), Resolution.HOURS));
      sample.put("cycles", row.get("CYCLES"));
      sample.put("verdict", row.get("VERDICT"));
      sample.put("state", row.get("STATE"));
      sample.put("temperature", Resolution.round(row.get("TEMPERATURE"), Resolution.TEMPERATURE_C));
      sample.put("vcc", Resolution.round(row.get("VCC"), Resolution.VCC_V));
      sample.put("lanes", new ArrayList<>(lanesOf(jdbc, row.get("ID")).values()));
      out.add(sample);
    }
    return out;
  }

  private static Map<Integer, Map<String, Object>> lanesOf(JdbcClient jdbc, Object sampleId) {
    Map<Integer, Map<String, Object>> lanes = new LinkedHashMap<>();
    if (sampleId == null) {
      return lanes;
    }
    for (Map<String, Object> row :
        jdbc.sql(
                "SELECT lane, bias_ma, tx_mw, rx_mw FROM lane_reading WHERE sample_id = ? ORDER BY"
                    + " lane")
            .param(((Number) sampleId).longValue())
            .query()
            .listOfRows()) {
      Map<String, Object> lane = new LinkedHashMap<>();
      int n = ((Number) row.get("LANE")).intValue();
      lane.put("lane", n);
      lane.put("biasMa", Resolution.round(row.get("BIAS_MA"), Resolution.BIAS_MA));
      lane.put("txMw", Resolution.round(row.get("TX_MW"), Resolution.POWER_MW));
      lane.put("rxMw", Resolution.round(row.get("RX_MW"), Resolution.POWER_MW));
      lanes.put(n, lane);
    }
    return lanes;
  }

  static List<Integer> lanes(String text) {
    List<Integer> lanes = new ArrayList<>();
    for (String s : text.replaceAll("[\\[\\] ]", "").split(",")) {
      if (!s.isEmpty()) {
        lanes.add(Integer.parseInt(s));
      }
    }
    return lanes;
  }
}

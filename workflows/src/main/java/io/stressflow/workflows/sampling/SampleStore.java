package io.stressflow.workflows.sampling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressflow.workflows.plan.Leg.FailureCriteria;
import io.stressflow.workflows.sampling.FailureJudge.Verdict;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Lane;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Sampling's tables: the legs' criteria, rounds (taken once), samples with their lane readings in
 * batches, and each unit's baseline. A unit is a module in one campaign: its state, baseline,
 * samples and failure are keyed by (campaign, serial), so a module tested before in another
 * campaign starts afresh. Writes join the caller's transaction: a round is stored in one.
 */
@Component
class SampleStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final double envelopeMin;
  private final double envelopeMax;
  private final Map<String, Optional<FailureCriteria>> criteria = new ConcurrentHashMap<>();
  private final Map<String, ModuleDiagnostics> baselines = new ConcurrentHashMap<>();
  private final Map<String, Optional<ModuleDiagnostics>> conditionBaselines =
      new ConcurrentHashMap<>();

  SampleStore(
      JdbcClient jdbc,
      JdbcTemplate batch,
      @Value("${stressflow.modules.operating-min:0}") double envelopeMin,
      @Value("${stressflow.modules.operating-max:70}") double envelopeMax) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.envelopeMin = envelopeMin;
    this.envelopeMax = envelopeMax;
  }

  /** Keeps a leg's failure criteria, so rounds can be judged after a restart. */
  void saveLeg(String campaignId, String legId, FailureCriteria c, boolean powered) {
    jdbc.sql(
            // standard MERGE (H2 and PostgreSQL 15+); the casts type the parameters for PostgreSQL
            "MERGE INTO sampling_leg t USING (SELECT CAST(? AS VARCHAR) AS campaign_id,"
                + " CAST(? AS VARCHAR) AS leg_id, CAST(? AS VARCHAR) AS criteria,"
                + " CAST(? AS BOOLEAN) AS powered) s"
                + " ON t.campaign_id = s.campaign_id AND t.leg_id = s.leg_id"
                + " WHEN MATCHED THEN UPDATE SET criteria = s.criteria, powered = s.powered"
                + " WHEN NOT MATCHED THEN INSERT (campaign_id, leg_id, criteria, powered)"
                + " VALUES (s.campaign_id, s.leg_id, s.criteria, s.powered)")
        .params(campaignId, legId, c == null ? null : toJson(c), powered)
        .update();
    criteria.put(key(campaignId, legId), Optional.ofNullable(c));
  }

  /**
   * A registered leg's criteria.
   *
   * @return the criteria (empty if the plan gives none).
   * @throws IllegalStateException if the leg was never registered.
   */
  Optional<FailureCriteria> criteria(String campaignId, String legId) {
    return criteria.computeIfAbsent(
        key(campaignId, legId),
        k ->
            jdbc.sql("SELECT criteria FROM sampling_leg WHERE campaign_id = ? AND leg_id = ?")
                .params(campaignId, legId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)).map(SampleStore::fromJson))
                .optional()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "Expected leg '%s' of %s to be registered for sampling, but it is not"
                                .formatted(legId, campaignId))));
  }

  /**
   * Registers a module as a unit of a campaign, or updates its leg and lot there; its state in that
   * campaign (e.g. FAILED) is never reset, and its units in other campaigns are not touched.
   */
  void saveUnit(
      String serial, String campaignId, String legId, String lot, boolean control, Instant at) {
    int updated =
        jdbc.sql(
                "UPDATE module_unit SET leg_id = ?, lot = COALESCE(?, lot), control = ?"
                    + " WHERE campaign_id = ? AND serial = ?")
            .params(legId, lot, control, campaignId, serial)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO module_unit (serial, campaign_id, leg_id, lot, control, state,"
                  + " registered_at) VALUES (?, ?, ?, ?, ?, 'REGISTERED', ?)")
          .params(serial, campaignId, legId, lot, control, Timestamp.from(at))
          .update();
    }
  }

  /** The leg's units still on test (not failed), by serial. */
  List<String> onTest(String campaignId, String legId) {
    return jdbc.sql(
            "SELECT serial FROM module_unit WHERE campaign_id = ? AND leg_id = ? AND control = FALSE"
                + " AND state <> 'FAILED' ORDER BY serial")
        .params(campaignId, legId)
        .query(String.class)
        .list();
  }

  /**
   * Every module still on test in an open campaign, by serial: whether it is a control sample, and
   * whether its leg powers it under stress.
   */
  java.util.Map<String, OnTest> onTestInOpenCampaigns() {
    java.util.Map<String, OnTest> units = new java.util.LinkedHashMap<>();
    jdbc.sql(
            "SELECT u.serial, u.control, COALESCE(l.powered, TRUE) FROM module_unit u"
                + " JOIN campaign c ON c.id = u.campaign_id"
                + " LEFT JOIN sampling_leg l ON l.campaign_id = u.campaign_id AND l.leg_id = u.leg_id"
                + " WHERE u.state <> 'FAILED' AND c.state = 'ACTIVE' AND c.outcome IS NULL"
                + " ORDER BY u.serial")
        .query(
            (rs, i) -> {
              units.put(rs.getString(1), new OnTest(rs.getBoolean(2), rs.getBoolean(3)));
              return null;
            })
        .list();
    return units;
  }

  /**
   * A module still on test in an open campaign.
   *
   * @param control whether it is a control sample.
   * @param powered whether its leg powers it under stress.
   */
  record OnTest(boolean control, boolean powered) {}

  List<String> units(String campaignId) {
    return jdbc.sql("SELECT serial FROM module_unit WHERE campaign_id = ? ORDER BY serial")
        .param(campaignId)
        .query(String.class)
        .list();
  }

  List<String> controls(String campaignId) {
    return jdbc.sql(
            "SELECT serial FROM module_unit WHERE campaign_id = ? AND control = TRUE ORDER BY serial")
        .param(campaignId)
        .query(String.class)
        .list();
  }

  /** A round begun (and maybe finished) before, by label. */
  Optional<RoundRow> findRound(String campaignId, String legId, String label) {
    return jdbc.sql(
            "SELECT id, completed_at FROM sampling_round WHERE campaign_id = ? AND leg_id = ?"
                + " AND label = ?")
        .params(campaignId, legId, label)
        .query((rs, n) -> new RoundRow(rs.getLong(1), rs.getTimestamp(2) != null))
        .optional();
  }

  /** The modules a round has read so far. */
  Set<String> sampled(long roundId) {
    return Set.copyOf(
        jdbc.sql("SELECT serial FROM module_sample WHERE round_id = ?")
            .param(roundId)
            .query(String.class)
            .list());
  }

  /** Marks a round finished: from now on it is only ever returned. */
  void completeRound(long roundId, Instant at) {
    jdbc.sql("UPDATE sampling_round SET completed_at = ? WHERE id = ?")
        .params(Timestamp.from(at), roundId)
        .update();
  }

  /** The control samples a round found out of spec, with what was wrong. */
  List<String> driftedControls(long roundId) {
    return jdbc.sql(
            "SELECT serial, problems FROM module_sample WHERE round_id = ? AND control = TRUE"
                + " AND verdict = 'FAIL' ORDER BY serial")
        .param(roundId)
        .query((rs, n) -> rs.getString(1) + " (" + rs.getString(2) + ")")
        .list();
  }

  /** A round as it went, from its stored samples. */
  Round round(long roundId) {
    List<Object[]> rows =
        jdbc.sql(
                "SELECT serial, control, verdict FROM module_sample WHERE round_id = ? ORDER BY id")
            .param(roundId)
            .query((rs, n) -> new Object[] {rs.getString(1), rs.getBoolean(2), rs.getString(3)})
            .list();
    int read = 0;
    int controls = 0;
    List<String> failed = new ArrayList<>();
    List<String> drifted = new ArrayList<>();
    for (Object[] r : rows) {
      boolean control = (Boolean) r[1];
      boolean fail = "FAIL".equals(r[2]);
      if (control) {
        controls++;
        if (fail) {
          drifted.add((String) r[0]);
        }
      } else {
        read++;
        if (fail) {
          failed.add((String) r[0]);
        }
      }
    }
    return new Round(read, failed, controls, drifted);
  }

  /** Claims a round; a second claim of the same label fails on the table's unique key. */
  long insertRound(String campaignId, String legId, String kind, String label, Instant at) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO sampling_round (campaign_id, leg_id, kind, label, at) VALUES (?, ?, ?, ?, ?)")
        .params(campaignId, legId, kind, label, Timestamp.from(at))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  /**
   * Stores samples and their lane readings: one batch of samples, one batch of lane rows.
   *
   * @return the sample ids, in the order of {@code samples}.
   */
  long[] insertSamples(
      Long roundId,
      String campaignId,
      String legId,
      String kind,
      String label,
      double hours,
      long cycles,
      List<Sample> samples) {
    if (samples.isEmpty()) {
      return new long[0];
    }
    KeyHolder keys = new GeneratedKeyHolder();
    batch.batchUpdate(
        con ->
            con.prepareStatement(
                "INSERT INTO module_sample (serial, campaign_id, leg_id, at, kind, label,"
                    + " stress_hours, cycles, in_envelope, state, temperature, vcc, verdict,"
                    + " problems, control, round_id, fault_cause, flags)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"}),
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            Sample s = samples.get(i);
            ModuleDiagnostics d = s.diagnostics();
            ps.setString(1, s.serial());
            ps.setString(2, campaignId);
            ps.setString(3, legId);
            ps.setTimestamp(4, Timestamp.from(s.at()));
            ps.setString(5, kind);
            ps.setString(6, label);
            // a control is never stressed
            ps.setDouble(7, s.control() ? 0 : hours);
            ps.setLong(8, s.control() ? 0 : cycles);
            ps.setBoolean(
                9,
                d != null
                    && d.temperature() != null
                    && d.temperature() >= envelopeMin
                    && d.temperature() <= envelopeMax);
            ps.setString(10, d == null ? "SILENT" : d.state().name());
            setDouble(ps, 11, d == null ? null : d.temperature());
            setDouble(ps, 12, d == null ? null : d.vcc());
            ps.setString(13, s.verdict().pass() ? "PASS" : "FAIL");
            ps.setString(14, problems(s));
            ps.setBoolean(15, s.control());
            if (roundId == null) {
              ps.setNull(16, Types.BIGINT);
            } else {
              ps.setLong(16, roundId);
            }
            if (d == null || d.state() != ModuleState.FAULT || d.faultCause() == null) {
              ps.setNull(17, Types.INTEGER);
            } else {
              ps.setInt(17, d.faultCause());
            }
            ps.setString(18, flags(d));
          }

          @Override
          public int getBatchSize() {
            return samples.size();
          }
        },
        keys);
    long[] ids = new long[samples.size()];
    List<Map<String, Object>> generated = keys.getKeyList();
    List<long[]> lanes = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      ids[i] = ((Number) generated.get(i).values().iterator().next()).longValue();
      ModuleDiagnostics d = samples.get(i).diagnostics();
      if (d != null) {
        for (int l = 0; l < d.lanes().size(); l++) {
          lanes.add(new long[] {i, l});
        }
      }
    }
    batch.batchUpdate(
        "INSERT INTO lane_reading (sample_id, lane, bias_ma, tx_mw, rx_mw) VALUES (?, ?, ?, ?, ?)",
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            long[] at = lanes.get(i);
            Lane l = samples.get((int) at[0]).diagnostics().lanes().get((int) at[1]);
            ps.setLong(1, ids[(int) at[0]]);
            ps.setInt(2, l.lane());
            setDouble(ps, 3, l.txBiasMilliamps());
            setDouble(ps, 4, l.txPowerMilliwatts());
            setDouble(ps, 5, l.rxPowerMilliwatts());
          }

          @Override
          public int getBatchSize() {
            return lanes.size();
          }
        });
    return ids;
  }

  /** The latched flags as read, in a stable order; null if none or silent. */
  private static String flags(ModuleDiagnostics d) {
    if (d == null || d.flags().isEmpty()) {
      return null;
    }
    String text =
        d.flags().stream()
            .map(Object::toString)
            .sorted()
            .collect(java.util.stream.Collectors.joining(", "));
    return text.length() > 1000 ? text.substring(0, 997) + "..." : text;
  }

  private static String problems(Sample s) {
    ModuleDiagnostics d = s.diagnostics();
    List<String> all = new ArrayList<>(d == null ? List.of("module did not answer") : d.problems());
    if (d != null) {
      s.verdict().findings().forEach(f -> all.add(f.criterion() + ": " + f.detail()));
    }
    String text = String.join("; ", all);
    return text.length() > 2000 ? text.substring(0, 1997) + "..." : text;
  }

  private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }

  /**
   * The unit's baseline: its first baseline read in this campaign that passed (never one from
   * another campaign), read from the database once and kept while the campaign has its modules;
   * null if it has none.
   */
  ModuleDiagnostics baselineOf(String campaignId, String serial) {
    String key = key(campaignId, serial);
    ModuleDiagnostics known = baselines.get(key);
    if (known != null) {
      return known;
    }
    // not cached while absent: the baseline round may store it later
    ModuleDiagnostics loaded = loadBaseline(campaignId, serial).orElse(null);
    if (loaded != null) {
      baselines.putIfAbsent(key, loaded);
    }
    return loaded;
  }

  /** Keeps a baseline just stored, unless the unit has one already (a control's first stays). */
  void remember(String campaignId, String serial, ModuleDiagnostics baseline) {
    baselines.putIfAbsent(key(campaignId, serial), baseline);
  }

  /** Drops what is kept in memory about a campaign's units, once its modules are released. */
  void forget(String campaignId) {
    String prefix = campaignId + "/";
    baselines.keySet().removeIf(k -> k.startsWith(prefix));
    conditionBaselines.keySet().removeIf(k -> k.startsWith(prefix));
    criteria.keySet().removeIf(k -> k.startsWith(prefix));
  }

  /**
   * The unit's baseline taken at the stress condition in a leg whose read points are measured in
   * situ (the read point labelled {@code label}), if it has one: drift measured at condition is
   * judged against a reading at the same condition.
   */
  Optional<ModuleDiagnostics> conditionBaselineOf(
      String campaignId, String legId, String serial, String label) {
    return conditionBaselines.computeIfAbsent(
        campaignId + "/" + legId + "/" + serial,
        k ->
            jdbc.sql(
                    "SELECT id FROM module_sample WHERE serial = ? AND campaign_id = ? AND"
                        + " leg_id = ? AND kind = 'READ_POINT' AND label = ? AND verdict ="
                        + " 'PASS' ORDER BY id LIMIT 1")
                .params(serial, campaignId, legId, label)
                .query(Long.class)
                .optional()
                .map(this::diagnosticsOf));
  }

  private Optional<ModuleDiagnostics> loadBaseline(String campaignId, String serial) {
    return jdbc.sql(
            "SELECT id FROM module_sample WHERE campaign_id = ? AND serial = ? AND kind ="
                + " 'BASELINE' AND verdict = 'PASS' ORDER BY id LIMIT 1")
        .params(campaignId, serial)
        .query(Long.class)
        .optional()
        .map(this::diagnosticsOf);
  }

  private ModuleDiagnostics diagnosticsOf(long sampleId) {
    List<Lane> lanes =
        jdbc.sql(
                "SELECT lane, bias_ma, tx_mw, rx_mw FROM lane_reading WHERE sample_id = ? ORDER BY"
                    + " lane")
            .param(sampleId)
            .query(
                (rs, n) ->
                    new Lane(
                        rs.getInt(1),
                        (Double) rs.getObject(2),
                        (Double) rs.getObject(3),
                        (Double) rs.getObject(4)))
            .list();
    return new ModuleDiagnostics(
        ModuleState.READY, null, null, lanes, true, null, Set.of(), List.of());
  }

  private static String key(String campaignId, String legId) {
    return campaignId + "/" + legId;
  }

  private static String toJson(FailureCriteria c) {
    try {
      return JSON.writeValueAsString(c);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected criteria to serialise, but: " + e.getMessage(), e);
    }
  }

  private static FailureCriteria fromJson(String json) {
    try {
      return JSON.readValue(json, FailureCriteria.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "Expected stored failure criteria, but could not read " + json + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * A stored round.
   *
   * @param id its key.
   * @param completed whether every module has been read and the round closed.
   */
  record RoundRow(long id, boolean completed) {}

  /**
   * One module read and judged in a round.
   *
   * @param serial the module.
   * @param control whether it is a control sample.
   * @param at when it was read.
   * @param diagnostics what it said, or null if silent.
   * @param verdict the judgement.
   */
  record Sample(
      String serial, boolean control, Instant at, ModuleDiagnostics diagnostics, Verdict verdict) {}
}

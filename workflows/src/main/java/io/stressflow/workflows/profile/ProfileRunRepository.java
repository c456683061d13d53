package io.stressflow.workflows.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.profile.ProfileProgress.Deviation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code profile_run} and {@code profile_deviation} tables. */
@Repository
class ProfileRunRepository {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;

  ProfileRunRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(ProfileRun run, Instant now) {
    jdbc.sql(
            "INSERT INTO profile_run (id, campaign_id, leg_id, chamber, leg, state, step,"
                + " target_temperature, cycles, soak_credited, stress_seconds, last_in_band,"
                + " next_read_point, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, 23, 0, 0, 0, FALSE, 0, ?, ?)")
        .params(
            run.id(),
            run.campaignId(),
            run.legId(),
            run.chamber(),
            toJson(run.leg()),
            run.state(),
            Timestamp.from(now),
            Timestamp.from(now))
        .update();
  }

  /**
   * Stores a run's progress and state, only if the run is still in one of the expected states.
   *
   * @return whether it was stored (false: another transition got there first).
   */
  boolean save(String id, Set<String> expected, String state, ProfileProgress p, Instant now) {
    List<String> from = List.copyOf(expected);
    String in = String.join(", ", java.util.Collections.nCopies(from.size(), "?"));
    Deviation d = p.deviation();
    List<Object> params = new java.util.ArrayList<>();
    params.addAll(
        java.util.Arrays.asList(
            state,
            p.step(),
            p.targetTemperature(),
            p.rampRate(),
            p.humidity(),
            p.cycles(),
            p.soakCredited(),
            p.stressSeconds(),
            p.lastInBand(),
            p.lastTick() == null ? null : Timestamp.from(p.lastTick()),
            d == null ? null : Timestamp.from(d.start()),
            d == null ? null : d.setpoint(),
            d == null ? null : d.worst(),
            p.nextReadPoint(),
            extrasJson(p.extras()),
            Timestamp.from(now),
            id));
    params.addAll(from);
    return jdbc.sql(
                "UPDATE profile_run SET state = ?, step = ?, target_temperature = ?, ramp_rate = ?,"
                    + " humidity = ?, cycles = ?, soak_credited = ?, stress_seconds = ?,"
                    + " last_in_band = ?, last_tick = ?, deviation_start = ?,"
                    + " deviation_setpoint = ?, deviation_worst = ?, next_read_point = ?, extras ="
                    + " ?, updated_at = ? WHERE id = ? AND state IN ("
                    + in
                    + ")")
            .params(params)
            .update()
        > 0;
  }

  /**
   * The chamber's reading farthest from {@code target} in a window (the load, or the air without a
   * load sensor), computed by the database so a long window is never loaded into memory.
   */
  Optional<Double> farthestReading(String chamber, Instant from, Instant to, double target) {
    return jdbc.sql(
            "SELECT COALESCE(load_temperature, air_temperature) FROM chamber_sample WHERE chamber ="
                + " ? AND at BETWEEN ? AND ? ORDER BY ABS(COALESCE(load_temperature,"
                + " air_temperature) - ?) DESC LIMIT 1")
        .params(chamber, Timestamp.from(from), Timestamp.from(to), target)
        .query(Double.class)
        .optional();
  }

  /** The run's stored state, if it exists. */
  Optional<String> state(String id) {
    return jdbc.sql("SELECT state FROM profile_run WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  void insertDeviation(String runId, Deviation d, Instant end, String quantity) {
    jdbc.sql(
            "INSERT INTO profile_deviation (run_id, started, ended, setpoint, worst, quantity)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            runId,
            Timestamp.from(d.start()),
            Timestamp.from(end),
            d.setpoint(),
            d.worst(),
            quantity)
        .update();
  }

  void insertInterruption(
      String runId, Instant start, Instant end, double setpoint, double worst, String cause) {
    jdbc.sql(
            "INSERT INTO profile_deviation (run_id, started, ended, setpoint, worst, cause)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(runId, Timestamp.from(start), Timestamp.from(end), setpoint, worst, cause)
        .update();
  }

  void paused(String runId, Instant at, String cause) {
    jdbc.sql("UPDATE profile_run SET paused_at = ?, pause_cause = ? WHERE id = ?")
        .params(at == null ? null : Timestamp.from(at), cause, runId)
        .update();
  }

  Optional<java.util.Map.Entry<Instant, String>> pausedAt(String runId) {
    return jdbc.sql(
            "SELECT paused_at, pause_cause FROM profile_run WHERE id = ? AND paused_at IS NOT NULL")
        .param(runId)
        .query(
            (rs, i) ->
                java.util.Map.entry(
                    rs.getTimestamp(1).toInstant(),
                    rs.getString(2) == null ? "paused" : rs.getString(2)))
        .optional();
  }

  void insertReadPoint(
      ProfileRun run,
      String label,
      double hours,
      long cycles,
      ProfileExecutor.Condition condition,
      String mode,
      Instant at) {
    jdbc.sql(
            "INSERT INTO leg_read_point (campaign_id, leg_id, label, position, hours, cycles,"
                + " reached_at, mode, air_temperature, load_temperature, humidity,"
                + " recovery_hours) SELECT ?, ?, ?, (SELECT COUNT(*) FROM leg_read_point WHERE"
                + " campaign_id = ? AND leg_id = ?), ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM leg_read_point WHERE campaign_id = ? AND leg_id = ? AND"
                + " label = ?)")
        .params(
            run.campaignId(),
            run.legId(),
            label,
            run.campaignId(),
            run.legId(),
            hours,
            cycles,
            Timestamp.from(at),
            mode,
            condition == null ? null : condition.air(),
            condition == null ? null : condition.load(),
            condition == null ? null : condition.humidity(),
            condition == null ? 0.0 : condition.recoveryHours(),
            run.campaignId(),
            run.legId(),
            label)
        .update();
  }

  /** Marks a read point measured (its modules read); false if it was already, or is unknown. */
  boolean readPointMeasured(
      String campaignId, String legId, String label, Instant at, int read, String failed) {
    return jdbc.sql(
                "UPDATE leg_read_point SET measured_at = ?, modules_read = COALESCE(modules_read,"
                    + " ?), failed = COALESCE(failed, ?) WHERE campaign_id = ? AND leg_id = ? AND"
                    + " label = ? AND measured_at IS NULL")
            .params(Timestamp.from(at), read, failed, campaignId, legId, label)
            .update()
        > 0;
  }

  /**
   * Read points reached and not measured yet (not lab tasks) of runs still running or paused, in
   * the order they were reached per leg; of one leg, or of all when {@code campaignId} is null.
   */
  List<ProfileRunner.ReadPointReached> unmeasuredReadPoints(String campaignId, String legId) {
    String sql =
        "SELECT p.campaign_id, p.leg_id, p.label, p.hours, p.cycles, p.mode FROM leg_read_point p"
            + " WHERE p.measured_at IS NULL AND (p.mode IS NULL OR p.mode <> 'LAB_TASK')"
            + " AND EXISTS (SELECT 1 FROM profile_run r WHERE r.campaign_id = p.campaign_id"
            + " AND r.leg_id = p.leg_id AND r.state IN ('RUNNING', 'PAUSED'))"
            + (campaignId == null ? "" : " AND p.campaign_id = :campaign AND p.leg_id = :leg")
            + " ORDER BY p.campaign_id, p.leg_id, p.position";
    var statement = jdbc.sql(sql);
    if (campaignId != null) {
      statement = statement.param("campaign", campaignId).param("leg", legId);
    }
    return statement
        .query(
            (rs, i) ->
                new ProfileRunner.ReadPointReached(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getDouble(4),
                    rs.getLong(5),
                    rs.getString(6) == null ? "RECOVERY" : rs.getString(6)))
        .list();
  }

  /** A read point's stored hours and cycles. */
  Optional<ProfileExecutor.ReadPointReachedAt> readPointOf(
      String campaignId, String legId, String label) {
    return jdbc.sql(
            "SELECT hours, cycles FROM leg_read_point WHERE campaign_id = ? AND leg_id = ? AND"
                + " label = ?")
        .params(campaignId, legId, label)
        .query((rs, i) -> new ProfileExecutor.ReadPointReachedAt(rs.getDouble(1), rs.getLong(2)))
        .optional();
  }

  /** Whether a read point has been measured. */
  boolean isReadPointMeasured(String campaignId, String legId, String label) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM leg_read_point WHERE campaign_id = ? AND leg_id = ? AND"
                    + " label = ? AND measured_at IS NOT NULL")
            .params(campaignId, legId, label)
            .query(Integer.class)
            .single()
        > 0;
  }

  Optional<ProfileRun> find(String id) {
    return jdbc.sql("SELECT * FROM profile_run WHERE id = ?").param(id).query(this::map).optional();
  }

  List<ProfileRun> findByState(String state) {
    return jdbc.sql("SELECT * FROM profile_run WHERE state = ?")
        .param(state)
        .query(this::map)
        .list();
  }

  List<ProfileRun.DeviationRecord> deviations(String runId) {
    return jdbc.sql(
            "SELECT started, ended, setpoint, worst, cause, quantity FROM profile_deviation WHERE"
                + " run_id = ?"
                + " ORDER BY id")
        .param(runId)
        .query(
            (rs, i) ->
                new ProfileRun.DeviationRecord(
                    rs.getTimestamp(1).toInstant(),
                    rs.getTimestamp(2).toInstant(),
                    rs.getDouble(3),
                    rs.getDouble(4),
                    rs.getString(5),
                    rs.getString(6) == null ? "temperature, °C" : rs.getString(6)))
        .list();
  }

  private ProfileRun map(ResultSet rs, int row) throws SQLException {
    Timestamp lastTick = rs.getTimestamp("last_tick");
    Timestamp devStart = rs.getTimestamp("deviation_start");
    ProfileProgress p =
        new ProfileProgress(
            rs.getLong("step"),
            false,
            rs.getDouble("target_temperature"),
            (Double) rs.getObject("ramp_rate"),
            (Double) rs.getObject("humidity"),
            rs.getLong("cycles"),
            rs.getDouble("soak_credited"),
            rs.getDouble("stress_seconds"),
            rs.getBoolean("last_in_band"),
            lastTick == null ? null : lastTick.toInstant(),
            devStart == null
                ? null
                : new Deviation(
                    devStart.toInstant(),
                    rs.getDouble("deviation_setpoint"),
                    rs.getDouble("deviation_worst")),
            rs.getInt("next_read_point"),
            "PAUSED".equals(rs.getString("state")),
            "COMPLETED".equals(rs.getString("state")),
            extrasFromJson(rs.getString("extras")));
    return new ProfileRun(
        rs.getString("id"),
        rs.getString("campaign_id"),
        rs.getString("leg_id"),
        rs.getString("chamber"),
        fromJson(rs.getString("leg")),
        rs.getString("state"),
        p);
  }

  private static String toJson(Leg leg) {
    try {
      return JSON.writeValueAsString(leg);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected a leg to serialise, but: " + e.getMessage(), e);
    }
  }

  private static String extrasJson(ProfileProgress.Extras extras) {
    try {
      return JSON.writeValueAsString(extras);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "Expected a run's state to serialise, but: " + e.getMessage(), e);
    }
  }

  private static ProfileProgress.Extras extrasFromJson(String json) {
    if (json == null) {
      return ProfileProgress.Extras.NONE;
    }
    try {
      return JSON.readValue(json, ProfileProgress.Extras.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "Expected a stored run's state to parse, but: " + e.getMessage(), e);
    }
  }

  private static Leg fromJson(String json) {
    try {
      return JSON.readValue(json, Leg.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected a stored leg to parse, but: " + e.getMessage(), e);
    }
  }
}

package io.stressflow.workflows.chamber;

import io.stressflow.chamber.ChamberState;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code chamber_sample} table: one row per telemetry read, and its {@code chamber_minute}
 * summaries once the raw rows are past the retention window.
 */
@Repository
public class TelemetryRepository {

  private final JdbcClient jdbc;
  private final Duration idleInterval;

  TelemetryRepository(
      JdbcClient jdbc, @Value("${stressflow.telemetry.idle-interval:1m}") Duration idleInterval) {
    if (idleInterval.isNegative()) {
      throw new io.stressflow.workflows.system.ConfigurationProblem(
          "stressflow.telemetry.idle-interval",
          "expected 0 (store every reading) or a positive interval, but was " + idleInterval,
          "Set stressflow.telemetry.idle-interval to a duration such as 1m, or 0s.",
          null);
    }
    this.jdbc = jdbc;
    this.idleInterval = idleInterval;
  }

  /**
   * How often an idle chamber's telemetry is stored ({@code stressflow.telemetry.idle-interval},
   * default 1 minute); zero stores every reading.
   */
  Duration idleInterval() {
    return idleInterval;
  }

  /**
   * Whether a profile runs (or is paused) on the chamber: its telemetry is then kept at full rate.
   */
  boolean profileActive(String chamber) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM profile_run WHERE chamber = ? AND state IN ('RUNNING', 'PAUSED')")
            .param(chamber)
            .query(Long.class)
            .single()
        > 0;
  }

  void insert(String chamber, Instant at, ChamberState state) {
    jdbc.sql(
            "INSERT INTO chamber_sample (chamber, at, air_temperature, air_setpoint,"
                + " load_temperature, humidity) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            chamber,
            Timestamp.from(at),
            state.airTemperature(),
            state.airSetpoint(),
            state.loadTemperature(),
            state.humidity())
        .update();
  }

  /**
   * The readings of one chamber in a time window, oldest first.
   *
   * @param chamber the chamber's name.
   * @param from the start of the window, inclusive.
   * @param to the end of the window, inclusive.
   * @return the readings.
   */
  public List<Sample> history(String chamber, Instant from, Instant to) {
    return jdbc.sql(
            "SELECT at, air_temperature, air_setpoint, load_temperature FROM chamber_sample"
                + " WHERE chamber = ? AND at BETWEEN ? AND ? ORDER BY at")
        .params(chamber, Timestamp.from(from), Timestamp.from(to))
        .query(
            (rs, i) ->
                new Sample(
                    rs.getTimestamp(1).toInstant(),
                    rs.getDouble(2),
                    rs.getDouble(3),
                    (Double) rs.getObject(4)))
        .list();
  }

  /**
   * The readings of a window folded into at most {@code points} buckets of equal length, for plots:
   * a month of 1 Hz telemetry is 2.6 million rows, a plot needs a few hundred points.
   *
   * @param chamber the chamber's name.
   * @param from the start of the window.
   * @param to the end of the window, after {@code from}.
   * @param points the most buckets wanted, &gt;= 1.
   * @return one bucket per interval that has readings, oldest first.
   */
  public List<Bucket> downsample(String chamber, Instant from, Instant to, int points) {
    long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
    long width = Math.max(1, (span + points - 1) / points);
    Timestamp start = Timestamp.from(from);
    Timestamp end = Timestamp.from(to);
    return jdbc.sql(
            // EXTRACT(EPOCH ...): seconds since 1970 in H2 and PostgreSQL alike; divided as a
            // double (H2 rounds a NUMERIC divided by a BIGINT to a whole number). Means are
            // weighted by readings: a minute summary counts as its readings.
            "SELECT FLOOR(CAST(EXTRACT(EPOCH FROM at) * 1000 - ? AS DOUBLE PRECISION) / ?) AS b,"
                + " MIN(at), SUM(n),"
                + " MIN(air_min), SUM(air_mean * n) / SUM(n), MAX(air_max),"
                + " SUM(load_mean * load_n) / NULLIF(SUM(load_n), 0),"
                + " SUM(humidity_mean * humidity_n) / NULLIF(SUM(humidity_n), 0),"
                + " MAX(setpoint), MAX(summary)"
                + " FROM ("
                + SERIES
                + ") t GROUP BY b ORDER BY b")
        .params(from.toEpochMilli(), width, chamber, start, end, chamber, start, end)
        .query(
            (rs, i) ->
                new Bucket(
                    rs.getTimestamp(2).toInstant(),
                    rs.getInt(3),
                    rs.getDouble(4),
                    rs.getDouble(5),
                    rs.getDouble(6),
                    nullableDouble(rs, 7),
                    nullableDouble(rs, 8),
                    rs.getDouble(9),
                    rs.getInt(10) == 1))
        .list();
  }

  /**
   * The telemetry of one chamber in a window as rows (at, n, air_min, air_mean, air_max, load_n,
   * load_mean, humidity_n, humidity_mean, setpoint, air_setpoint, air_temperature,
   * load_temperature, humidity, summary): the raw readings (n = 1) and, where retention has folded
   * them ({@code stressflow.telemetry.retention}), the minute summaries (at = the minute's start, n
   * = its readings, the temperatures and humidity its means, summary = 1). Takes the parameters
   * chamber, from, to, chamber, from, to.
   */
  public static final String SERIES =
      "SELECT at, 1 AS n, air_temperature AS air_min, air_temperature AS air_mean,"
          + " air_temperature AS air_max, CASE WHEN load_temperature IS NULL THEN 0 ELSE 1 END"
          + " AS load_n, load_temperature AS load_mean, CASE WHEN humidity IS NULL THEN 0 ELSE 1"
          + " END AS humidity_n, humidity AS humidity_mean, air_setpoint AS setpoint,"
          + " air_setpoint, air_temperature, load_temperature, humidity, 0 AS summary"
          + " FROM chamber_sample WHERE chamber = ? AND at BETWEEN ? AND ?"
          + " UNION ALL SELECT minute_start, readings, air_min, air_mean, air_max, load_readings,"
          + " load_mean, humidity_readings, humidity_mean, setpoint_max, setpoint_max, air_mean,"
          + " load_mean, humidity_mean, 1 FROM chamber_minute"
          + " WHERE chamber = ? AND minute_start BETWEEN ? AND ?";

  /** AVG over DOUBLE comes back as a DECFLOAT in H2 2.x; null stays null. */
  private static Double nullableDouble(java.sql.ResultSet rs, int column)
      throws java.sql.SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  /**
   * Readings folded into one plot point.
   *
   * @param at the first reading's time.
   * @param readings how many readings it holds.
   * @param airMin lowest air temperature, degC.
   * @param airMean mean air temperature, degC.
   * @param airMax highest air temperature, degC.
   * @param loadMean mean load temperature, degC, or null.
   * @param humidityMean mean humidity, %RH, or null.
   * @param setpoint the highest setpoint in the bucket, degC.
   * @param minuteSummaries whether some of the bucket comes from minute summaries (telemetry older
   *     than the raw retention window): its min and max are then the minutes' extremes, and the
   *     minutes count with their readings.
   */
  public record Bucket(
      Instant at,
      int readings,
      double airMin,
      double airMean,
      double airMax,
      Double loadMean,
      Double humidityMean,
      double setpoint,
      boolean minuteSummaries) {}

  /**
   * One stored reading.
   *
   * @param at when it was read (wall clock).
   * @param airTemperature chamber air, degC.
   * @param airSetpoint the controller's setpoint, degC.
   * @param loadTemperature the load or DUT thermocouple, degC, or null.
   */
  public record Sample(
      Instant at, double airTemperature, double airSetpoint, Double loadTemperature) {}
}

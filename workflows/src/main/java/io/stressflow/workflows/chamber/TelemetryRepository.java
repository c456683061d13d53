package io.stressflow.workflows.chamber;

import io.stressflow.chamber.ChamberState;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code chamber_sample} table: one row per telemetry read. */
@Repository
public class TelemetryRepository {

  private final JdbcClient jdbc;

  TelemetryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
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
    return jdbc.sql(
            // EXTRACT(EPOCH ...): seconds since 1970 in H2 and PostgreSQL alike; divided as a
            // double (H2 rounds a NUMERIC divided by a BIGINT to a whole number)
            "SELECT FLOOR(CAST(EXTRACT(EPOCH FROM at) * 1000 - ? AS DOUBLE PRECISION) / ?) AS b,"
                + " MIN(at), COUNT(*),"
                + " MIN(air_temperature), AVG(air_temperature), MAX(air_temperature),"
                + " AVG(load_temperature), AVG(humidity), MAX(air_setpoint)"
                + " FROM chamber_sample WHERE chamber = ? AND at BETWEEN ? AND ?"
                + " GROUP BY b ORDER BY b")
        .params(from.toEpochMilli(), width, chamber, Timestamp.from(from), Timestamp.from(to))
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
                    rs.getDouble(9)))
        .list();
  }

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
   */
  public record Bucket(
      Instant at,
      int readings,
      double airMin,
      double airMean,
      double airMax,
      Double loadMean,
      Double humidityMean,
      double setpoint) {}

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

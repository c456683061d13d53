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

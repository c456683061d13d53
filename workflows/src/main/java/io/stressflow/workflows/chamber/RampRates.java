package io.stressflow.workflows.chamber;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How fast each chamber really ramps when the plan asks for more than it can do (issue #19): the
 * achieved rate of its ramps, smoothed, once a ramp fell short of its planned rate by more than
 * {@value #SHORTFALL_PERCENT} %. A ramp that keeps up and is faster than the rate known forgets it
 * (the chamber was repaired, or the slow ramps were an exception). The ETA uses the rate known.
 */
@Repository
public class RampRates {

  /** A ramp this much slower than planned, %, shows what the chamber can do. */
  public static final int SHORTFALL_PERCENT = 10;

  /** Weight of a new measurement in the smoothed rate. */
  static final double WEIGHT = 0.3;

  private final JdbcClient jdbc;

  RampRates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * What a chamber can do, as measured.
   *
   * @param rate the achieved rate, smoothed, K/min.
   * @param planned the rate the plan asked when last measured short, K/min.
   * @param ramps how many short ramps were measured.
   * @param measuredAt when last measured.
   */
  public record Known(double rate, double planned, long ramps, Instant measuredAt) {}

  /** Whether {@code achieved} fell short of {@code planned}. */
  public static boolean isShort(Double planned, double achieved) {
    return planned != null && achieved < planned * (1 - SHORTFALL_PERCENT / 100.0);
  }

  /**
   * Records a ramp's achieved rate.
   *
   * @param chamber the chamber.
   * @param planned the planned rate, K/min, or null (then nothing is learnt).
   * @param achieved the achieved rate, K/min.
   * @param at when.
   * @return the rate now known for the chamber, if any.
   */
  public Optional<Known> record(String chamber, Double planned, double achieved, Instant at) {
    Optional<Known> known = find(chamber);
    if (planned == null) {
      return known;
    }
    if (isShort(planned, achieved)) {
      if (known.isEmpty()) {
        jdbc.sql(
                "INSERT INTO chamber_ramp_rate (chamber, rate, planned, ramps, measured_at) VALUES"
                    + " (?, ?, ?, 1, ?)")
            .params(chamber, achieved, planned, Timestamp.from(at))
            .update();
      } else {
        double rate = known.get().rate() * (1 - WEIGHT) + achieved * WEIGHT;
        jdbc.sql(
                "UPDATE chamber_ramp_rate SET rate = ?, planned = ?, ramps = ramps + 1,"
                    + " measured_at = ? WHERE chamber = ?")
            .params(rate, planned, Timestamp.from(at), chamber)
            .update();
      }
      return find(chamber);
    }
    if (known.isPresent() && achieved > known.get().rate() * (1 + SHORTFALL_PERCENT / 100.0)) {
      jdbc.sql("DELETE FROM chamber_ramp_rate WHERE chamber = ?").param(chamber).update();
      return Optional.empty();
    }
    return known;
  }

  /**
   * The rate known for a chamber.
   *
   * @param chamber the chamber.
   * @return what it achieves, if it was measured short of a plan.
   */
  public Optional<Known> find(String chamber) {
    return jdbc.sql(
            "SELECT rate, planned, ramps, measured_at FROM chamber_ramp_rate WHERE chamber = ?")
        .param(chamber)
        .query(
            (rs, i) ->
                new Known(
                    rs.getDouble(1),
                    rs.getDouble(2),
                    rs.getLong(3),
                    rs.getTimestamp(4).toInstant()))
        .optional();
  }
}

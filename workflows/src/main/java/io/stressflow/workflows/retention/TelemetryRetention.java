package io.stressflow.workflows.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds telemetry ({@code chamber_sample}) older than the retention window into one {@code
 * chamber_minute} row per chamber and minute (readings, min/mean/max) and deletes the raw rows, in
 * the same transaction: a second run finds nothing left to fold, so nothing is counted twice. A
 * minute already summarised (a reading written late) is merged into its row, not duplicated.
 */
@Component
public class TelemetryRetention {

  static final String KIND = "TELEMETRY";

  /** A run folds at most this much time per transaction (the first run after an upgrade). */
  static final Duration SLICE = Duration.ofDays(1);

  private static final String MERGE =
      "MERGE INTO chamber_minute m USING (SELECT chamber, DATE_TRUNC('minute', at) AS minute_start,"
          + " COUNT(*) AS readings, MIN(air_temperature) AS air_min,"
          + " CAST(AVG(air_temperature) AS DOUBLE PRECISION) AS air_mean,"
          + " MAX(air_temperature) AS air_max, MIN(air_setpoint) AS setpoint_min,"
          + " MAX(air_setpoint) AS setpoint_max, COUNT(load_temperature) AS load_readings,"
          + " MIN(load_temperature) AS load_min,"
          + " CAST(AVG(load_temperature) AS DOUBLE PRECISION) AS load_mean,"
          + " MAX(load_temperature) AS load_max, COUNT(humidity) AS humidity_readings,"
          + " MIN(humidity) AS humidity_min, CAST(AVG(humidity) AS DOUBLE PRECISION) AS"
          + " humidity_mean, MAX(humidity) AS humidity_max FROM chamber_sample WHERE at < ?"
          + " GROUP BY chamber, DATE_TRUNC('minute', at)) s"
          + " ON (m.chamber = s.chamber AND m.minute_start = s.minute_start)"
          + " WHEN MATCHED THEN UPDATE SET"
          + " air_mean = (m.air_mean * m.readings + s.air_mean * s.readings)"
          + " / (m.readings + s.readings),"
          + " air_min = COALESCE(LEAST(m.air_min, s.air_min), m.air_min, s.air_min),"
          + " air_max = COALESCE(GREATEST(m.air_max, s.air_max), m.air_max, s.air_max),"
          + " setpoint_min = COALESCE(LEAST(m.setpoint_min, s.setpoint_min), m.setpoint_min),"
          + " setpoint_max = COALESCE(GREATEST(m.setpoint_max, s.setpoint_max), m.setpoint_max),"
          + " load_mean = (COALESCE(m.load_mean * m.load_readings, 0)"
          + " + COALESCE(s.load_mean * s.load_readings, 0))"
          + " / NULLIF(m.load_readings + s.load_readings, 0),"
          + " load_min = COALESCE(LEAST(m.load_min, s.load_min), m.load_min, s.load_min),"
          + " load_max = COALESCE(GREATEST(m.load_max, s.load_max), m.load_max, s.load_max),"
          + " load_readings = m.load_readings + s.load_readings,"
          + " humidity_mean = (COALESCE(m.humidity_mean * m.humidity_readings, 0)"
          + " + COALESCE(s.humidity_mean * s.humidity_readings, 0))"
          + " / NULLIF(m.humidity_readings + s.humidity_readings, 0),"
          + " humidity_min = COALESCE(LEAST(m.humidity_min, s.humidity_min), m.humidity_min,"
          + " s.humidity_min),"
          + " humidity_max = COALESCE(GREATEST(m.humidity_max, s.humidity_max), m.humidity_max,"
          + " s.humidity_max),"
          + " humidity_readings = m.humidity_readings + s.humidity_readings,"
          + " readings = m.readings + s.readings"
          + " WHEN NOT MATCHED THEN INSERT (chamber, minute_start, readings, air_min, air_mean,"
          + " air_max, setpoint_min, setpoint_max, load_readings, load_min, load_mean, load_max,"
          + " humidity_readings, humidity_min, humidity_mean, humidity_max) VALUES (s.chamber,"
          + " s.minute_start, s.readings, s.air_min, s.air_mean, s.air_max, s.setpoint_min,"
          + " s.setpoint_max, s.load_readings, s.load_min, s.load_mean, s.load_max,"
          + " s.humidity_readings, s.humidity_min, s.humidity_mean, s.humidity_max)";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public TelemetryRetention(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /**
   * Summarises and deletes the telemetry read before {@code now - window}, rounded down to a whole
   * minute, one {@link #SLICE} per transaction.
   *
   * @param now the current time.
   * @param window how long raw telemetry is kept, positive.
   * @return the raw rows folded and deleted.
   */
  public long run(Instant now, Duration window) {
    Instant cutoff = now.minus(window).truncatedTo(ChronoUnit.MINUTES);
    return RetentionMarks.fold(
        jdbc,
        transactions,
        KIND,
        this::oldestReading,
        ChronoUnit.MINUTES,
        cutoff,
        SLICE,
        end -> {
          jdbc.sql(MERGE).param(Timestamp.from(end)).update();
          return jdbc.sql("DELETE FROM chamber_sample WHERE at < ?")
              .param(Timestamp.from(end))
              .update();
        });
  }

  private Instant oldestReading() {
    Timestamp oldest =
        jdbc.sql("SELECT MIN(at) FROM chamber_sample")
            .query((rs, i) -> rs.getTimestamp(1))
            .list()
            .get(0);
    return oldest == null ? null : oldest.toInstant();
  }
}

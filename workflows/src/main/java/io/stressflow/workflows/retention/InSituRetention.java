package io.stressflow.workflows.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds passing in-situ module samples older than the retention window into one {@code in_situ_day}
 * row per campaign, module, lane and day (samples, min/mean/max of bias, Tx and Rx) and deletes the
 * samples and their lane readings in the same transaction, so a second run counts nothing twice.
 * Never deleted: baselines and read points (any kind but {@code IN_SITU}), failing in-situ samples,
 * and samples a failure points at.
 */
@Component
public class InSituRetention {

  static final String KIND = "IN_SITU";

  /** A run folds at most this much time per transaction (the first run after an upgrade). */
  static final Duration SLICE = Duration.ofDays(1);

  /**
   * The samples that may go, as a condition on {@code s}: passing in-situ ones before the bound, no
   * failure's evidence. Written as a plain filter (no IN over a subquery): H2 ran the IN form as a
   * scan per row.
   */
  private static final String OLD =
      "s.kind = 'IN_SITU' AND s.verdict = 'PASS' AND s.at < ?"
          + " AND NOT EXISTS (SELECT 1 FROM module_failure f WHERE f.sample_id = s.id)";

  /** Samples deleted per statement: an IN list of this many ids, each found by its index. */
  static final int CHUNK = 1000;

  private static final String MERGE =
      "MERGE INTO in_situ_day d USING (SELECT s.campaign_id, s.serial,"
          + " DATE_TRUNC('day', s.at) AS day_start, l.lane, MAX(s.leg_id) AS leg_id,"
          + " COUNT(*) AS samples, MIN(l.bias_ma) AS bias_min,"
          + " CAST(AVG(l.bias_ma) AS DOUBLE PRECISION) AS bias_mean, MAX(l.bias_ma) AS bias_max,"
          + " MIN(l.tx_mw) AS tx_min, CAST(AVG(l.tx_mw) AS DOUBLE PRECISION) AS tx_mean,"
          + " MAX(l.tx_mw) AS tx_max, MIN(l.rx_mw) AS rx_min,"
          + " CAST(AVG(l.rx_mw) AS DOUBLE PRECISION) AS rx_mean, MAX(l.rx_mw) AS rx_max"
          + " FROM module_sample s JOIN lane_reading l ON l.sample_id = s.id WHERE "
          + OLD
          + " GROUP BY s.campaign_id, s.serial, DATE_TRUNC('day', s.at), l.lane) n"
          + " ON (d.campaign_id = n.campaign_id AND d.serial = n.serial"
          + " AND d.day_start = n.day_start AND d.lane = n.lane)"
          + " WHEN MATCHED THEN UPDATE SET"
          + mergeOf("bias")
          + ","
          + mergeOf("tx")
          + ","
          + mergeOf("rx")
          + ", samples = d.samples + n.samples"
          + " WHEN NOT MATCHED THEN INSERT (campaign_id, serial, day_start, lane, leg_id, samples,"
          + " bias_min, bias_mean, bias_max, tx_min, tx_mean, tx_max, rx_min, rx_mean, rx_max)"
          + " VALUES (n.campaign_id, n.serial, n.day_start, n.lane, n.leg_id, n.samples,"
          + " n.bias_min, n.bias_mean, n.bias_max, n.tx_min, n.tx_mean, n.tx_max, n.rx_min,"
          + " n.rx_mean, n.rx_max)";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public InSituRetention(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** The update of one quantity's min/mean/max when a day's row gets more samples. */
  private static String mergeOf(String q) {
    return (" %1$s_mean = (COALESCE(d.%1$s_mean * d.samples, 0) + COALESCE(n.%1$s_mean * n.samples,"
            + " 0)) / (d.samples + n.samples),"
            + " %1$s_min = COALESCE(LEAST(d.%1$s_min, n.%1$s_min), d.%1$s_min, n.%1$s_min),"
            + " %1$s_max = COALESCE(GREATEST(d.%1$s_max, n.%1$s_max), d.%1$s_max, n.%1$s_max)")
        .formatted(q);
  }

  /**
   * Summarises and deletes the passing in-situ samples taken before {@code now - window}, rounded
   * down to a whole day (UTC), one {@link #SLICE} per transaction.
   *
   * @param now the current time.
   * @param window how long raw in-situ samples are kept, positive.
   * @return the samples folded and deleted.
   */
  public long run(Instant now, Duration window) {
    Instant cutoff = now.minus(window).truncatedTo(ChronoUnit.DAYS);
    return RetentionMarks.fold(
        jdbc,
        transactions,
        KIND,
        this::oldestSample,
        ChronoUnit.DAYS,
        cutoff,
        SLICE,
        before -> {
          Timestamp end = Timestamp.from(before);
          jdbc.sql(MERGE).param(end).update();
          List<Long> ids =
              jdbc.sql("SELECT s.id FROM module_sample s WHERE " + OLD)
                  .param(end)
                  .query(Long.class)
                  .list();
          long deleted = 0;
          for (int i = 0; i < ids.size(); i += CHUNK) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            jdbc.sql("DELETE FROM lane_reading WHERE sample_id IN (:ids)")
                .param("ids", chunk)
                .update();
            deleted +=
                jdbc.sql("DELETE FROM module_sample WHERE id IN (:ids)")
                    .param("ids", chunk)
                    .update();
          }
          return deleted;
        });
  }

  private Instant oldestSample() {
    Timestamp oldest =
        jdbc.sql("SELECT MIN(at) FROM module_sample WHERE kind = 'IN_SITU'")
            .query((rs, i) -> rs.getTimestamp(1))
            .list()
            .get(0);
    return oldest == null ? null : oldest.toInstant();
  }
}

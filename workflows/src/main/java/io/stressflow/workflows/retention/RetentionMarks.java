package io.stressflow.workflows.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code retention_mark} table: up to where each kind of data has been summarised. */
final class RetentionMarks {

  private RetentionMarks() {}

  /** Up to where {@code kind} is summarised (raw rows before it are gone), if ever. */
  static Optional<Instant> get(JdbcClient jdbc, String kind) {
    return jdbc.sql("SELECT summarised_to FROM retention_mark WHERE kind = ?")
        .param(kind)
        .query((rs, i) -> rs.getObject(1, OffsetDateTime.class).toInstant())
        .optional();
  }

  /** Moves the mark of {@code kind} to {@code to}; never backwards. */
  static void advance(JdbcClient jdbc, String kind, Instant to) {
    int updated =
        jdbc.sql("UPDATE retention_mark SET summarised_to = ? WHERE kind = ? AND summarised_to < ?")
            .params(Timestamp.from(to), kind, Timestamp.from(to))
            .update();
    if (updated == 0 && get(jdbc, kind).isEmpty()) {
      jdbc.sql("INSERT INTO retention_mark (kind, summarised_to) VALUES (?, ?)")
          .params(kind, Timestamp.from(to))
          .update();
    }
  }

  /**
   * Folds the raw rows of {@code kind} from its mark (or {@code oldest}, the first time) up to
   * {@code cutoff}, one {@code slice} per transaction: {@code foldBefore} summarises and deletes
   * the rows before the instant it is given, and the mark moves with each slice.
   *
   * @param jdbc the database.
   * @param transactions one transaction per slice.
   * @param kind the mark's kind.
   * @param oldest the oldest raw row's time, or null when there is none.
   * @param unit the summaries' unit: slices start on it.
   * @param cutoff where to stop (on a whole {@code unit}).
   * @param slice how much is folded per transaction.
   * @param foldBefore folds and deletes the rows before the instant given, answers how many.
   * @return the raw rows folded and deleted.
   */
  static long fold(
      JdbcClient jdbc,
      org.springframework.transaction.support.TransactionTemplate transactions,
      String kind,
      java.util.function.Supplier<Instant> oldest,
      java.time.temporal.ChronoUnit unit,
      Instant cutoff,
      java.time.Duration slice,
      java.util.function.ToLongFunction<Instant> foldBefore) {
    Instant from = get(jdbc, kind).orElseGet(oldest);
    if (from == null) {
      advance(jdbc, kind, cutoff);
      return 0;
    }
    long folded = 0;
    Instant sliceEnd = from.truncatedTo(unit);
    do {
      Instant next = sliceEnd.plus(slice);
      Instant end = next.isBefore(cutoff) ? next : cutoff;
      sliceEnd = end;
      folded +=
          transactions.execute(
              tx -> {
                long deleted = foldBefore.applyAsLong(end);
                advance(jdbc, kind, end);
                return deleted;
              });
    } while (sliceEnd.isBefore(cutoff));
    return folded;
  }
}

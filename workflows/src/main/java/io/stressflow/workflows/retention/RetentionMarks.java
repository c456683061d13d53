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
}

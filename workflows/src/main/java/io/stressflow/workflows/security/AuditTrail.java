package io.stressflow.workflows.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The audit trail, {@code audit_event}: every state-changing API call (refused ones too) and every
 * failed login, with who, when, what, on what, the outcome, the stated reason and the request id.
 * Append-only: this class only inserts, and the table's triggers refuse UPDATE and DELETE.
 */
@Service
public class AuditTrail {

  /**
   * One audited act.
   *
   * @param id its sequence number.
   * @param at when.
   * @param actor who ({@code anonymous} if not authenticated).
   * @param action what, e.g. {@code POST /api/campaigns/{id}/abort} or {@code LOGIN_FAILED}.
   * @param target on what: the request path.
   * @param outcome the HTTP status, e.g. {@code 202}, {@code 403}.
   * @param reason the reason the caller gave, if any.
   * @param requestId the request's correlation id ({@code X-Request-Id}).
   */
  public record Entry(
      long id,
      Instant at,
      String actor,
      String action,
      String target,
      String outcome,
      String reason,
      String requestId) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  AuditTrail(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Appends an entry. */
  public void record(
      String actor, String action, String target, String outcome, String reason, String id) {
    jdbc.sql(
            "INSERT INTO audit_event (at, actor, action, target, outcome, reason, request_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            Timestamp.from(clock.instant()),
            cut(actor, 200),
            cut(action, 200),
            cut(target, 1000),
            cut(outcome, 64),
            reason == null ? null : cut(reason, 1000),
            cut(id, 64))
        .update();
  }

  /**
   * Entries, oldest first.
   *
   * @param from only those at or after, or null.
   * @param to only those before, or null.
   * @param actor only this actor's, or null.
   * @param limit at most this many (the newest of them).
   * @return the entries.
   */
  public List<Entry> list(Instant from, Instant to, String actor, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, at, actor, action, target, outcome, reason, request_id FROM audit_event"
                + " WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (from != null) {
      sql.append(" AND at >= ?");
      params.add(Timestamp.from(from));
    }
    if (to != null) {
      sql.append(" AND at < ?");
      params.add(Timestamp.from(to));
    }
    if (actor != null) {
      sql.append(" AND actor = ?");
      params.add(actor);
    }
    sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, Math.min(limit, 10_000)));
    List<Entry> newestFirst =
        jdbc.sql(sql.toString())
            .params(params)
            .query(
                (rs, i) ->
                    new Entry(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)))
            .list();
    List<Entry> oldestFirst = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  private static String cut(String s, int max) {
    String v = s == null ? "" : s;
    return v.length() <= max ? v : v.substring(0, max);
  }
}

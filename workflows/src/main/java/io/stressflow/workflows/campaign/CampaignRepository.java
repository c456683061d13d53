package io.stressflow.workflows.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code campaign} table. */
@Repository
class CampaignRepository {

  private static final String COLUMNS =
      "id, process_instance_key, process_id, title, product, lots, chamber, state, verdict,"
          + " outcome, started_at, ended_at";

  private final JdbcClient jdbc;

  CampaignRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Campaign c, String plan) {
    jdbc.sql(
            "INSERT INTO campaign ("
                + COLUMNS
                + ", plan) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            c.id(),
            Long.toString(c.processInstanceKey()),
            c.processId(),
            c.title(),
            c.product(),
            c.lots(),
            c.chamber(),
            c.state(),
            c.verdict(),
            c.outcome(),
            Timestamp.from(c.startedAt()),
            c.endedAt() == null ? null : Timestamp.from(c.endedAt()),
            plan)
        .update();
  }

  void updateProcessInstance(String id, long key) {
    jdbc.sql("UPDATE campaign SET process_instance_key = ? WHERE id = ?")
        .params(Long.toString(key), id)
        .update();
  }

  void updateState(String id, String state, Instant endedAt) {
    jdbc.sql("UPDATE campaign SET state = ?, ended_at = ? WHERE id = ?")
        .params(state, endedAt == null ? null : Timestamp.from(endedAt), id)
        .update();
  }

  void updateVerdict(String id, String verdict, String report) {
    jdbc.sql("UPDATE campaign SET verdict = ?, report = COALESCE(?, report) WHERE id = ?")
        .params(verdict, report, id)
        .update();
  }

  void updateOutcome(String id, String outcome) {
    jdbc.sql("UPDATE campaign SET outcome = ? WHERE id = ?").params(outcome, id).update();
  }

  Optional<String> plan(String id) {
    return jdbc.sql("SELECT plan FROM campaign WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  Optional<String> report(String id) {
    return jdbc.sql("SELECT report FROM campaign WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  Optional<Campaign> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE id = ?")
        .param(id)
        .query(CampaignRepository::map)
        .optional();
  }

  List<Campaign> findAll() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM campaign ORDER BY started_at DESC")
        .query(CampaignRepository::map)
        .list();
  }

  private static Campaign map(ResultSet rs, int row) throws SQLException {
    Timestamp ended = rs.getTimestamp(12);
    return new Campaign(
        rs.getString(1),
        Long.parseLong(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getTimestamp(11).toInstant(),
        ended == null ? null : ended.toInstant());
  }
}

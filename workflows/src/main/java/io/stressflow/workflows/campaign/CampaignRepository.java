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
      "id, process_instance_key, process_id, chamber, state, started_at, ended_at";

  private final JdbcClient jdbc;

  CampaignRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Campaign c) {
    jdbc.sql("INSERT INTO campaign (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            c.id(),
            Long.toString(c.processInstanceKey()),
            c.processId(),
            c.chamber(),
            c.state(),
            Timestamp.from(c.startedAt()),
            c.endedAt() == null ? null : Timestamp.from(c.endedAt()))
        .update();
  }

  void updateState(String id, String state, Instant endedAt) {
    jdbc.sql("UPDATE campaign SET state = ?, ended_at = ? WHERE id = ?")
        .params(state, endedAt == null ? null : Timestamp.from(endedAt), id)
        .update();
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
    Timestamp ended = rs.getTimestamp(7);
    return new Campaign(
        rs.getString(1),
        Long.parseLong(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getTimestamp(6).toInstant(),
        ended == null ? null : ended.toInstant());
  }
}

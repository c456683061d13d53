package io.stressflow.workflows.campaign;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code campaign_leg} and {@code leg_read_point} tables. */
@Repository
class CampaignLegRepository {

  private final JdbcClient jdbc;

  CampaignLegRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String campaignId, CampaignView.LegView leg, int position) {
    jdbc.sql(
            "INSERT INTO campaign_leg (campaign_id, leg_id, position, name, hours, cycles, samples,"
                + " allowed_failures, state, chamber) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?)")
        .params(
            campaignId,
            leg.id(),
            position,
            leg.name(),
            leg.hours(),
            leg.cycles(),
            leg.samples(),
            leg.allowedFailures(),
            leg.chamber())
        .update();
  }

  List<CampaignView.LegView> legs(String campaignId) {
    return jdbc.sql(
            "SELECT leg_id, name, state, run_id, hours, cycles, samples, allowed_failures,"
                + " started_at, ended_at, chamber FROM campaign_leg WHERE campaign_id = ?"
                + " ORDER BY position")
        .param(campaignId)
        .query(
            (rs, i) ->
                new CampaignView.LegView(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getDouble(5),
                    rs.getDouble(5),
                    rs.getLong(6),
                    rs.getInt(7),
                    (Integer) rs.getObject(8),
                    instant(rs.getTimestamp(9)),
                    instant(rs.getTimestamp(10)),
                    0,
                    0,
                    0,
                    List.of(),
                    rs.getString(11)))
        .list();
  }

  void assignChamber(String campaignId, String legId, String chamber) {
    jdbc.sql("UPDATE campaign_leg SET chamber = ? WHERE campaign_id = ? AND leg_id = ?")
        .params(chamber, campaignId, legId)
        .update();
  }

  Optional<CampaignView.LegView> leg(String campaignId, String legId) {
    return legs(campaignId).stream().filter(l -> l.id().equals(legId)).findFirst();
  }

  void started(String campaignId, String legId, String runId, Instant at) {
    jdbc.sql(
            "UPDATE campaign_leg SET run_id = ?, state = 'RUNNING', started_at = ? WHERE"
                + " campaign_id = ? AND leg_id = ?")
        .params(runId, Timestamp.from(at), campaignId, legId)
        .update();
  }

  void ended(String campaignId, String legId, String state, Instant at) {
    jdbc.sql(
            "UPDATE campaign_leg SET state = ?, ended_at = COALESCE(ended_at, ?) WHERE"
                + " campaign_id = ? AND leg_id = ?")
        .params(state, Timestamp.from(at), campaignId, legId)
        .update();
  }

  List<CampaignView.ReadPointView> readPoints(String campaignId, String legId) {
    return jdbc.sql(
            "SELECT leg_id, label, hours, cycles, mode, reached_at, measured_at, sampled_at,"
                + " air_temperature, load_temperature, humidity, recovery_hours, modules_read,"
                + " failed, station_record, measured_by, modules_out_at, modules_back_at, lab_notes"
                + " FROM leg_read_point WHERE campaign_id = ? AND leg_id = ? ORDER BY"
                + " position")
        .params(campaignId, legId)
        .query(
            (rs, i) ->
                new CampaignView.ReadPointView(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getDouble(3),
                    rs.getLong(4),
                    rs.getString(5),
                    instant(rs.getTimestamp(6)),
                    instant(rs.getTimestamp(7)),
                    instant(rs.getTimestamp(8)),
                    (Double) rs.getObject(9),
                    (Double) rs.getObject(10),
                    (Double) rs.getObject(11),
                    (Double) rs.getObject(12),
                    (Integer) rs.getObject(13),
                    rs.getString(14),
                    rs.getString(15),
                    rs.getString(16),
                    instant(rs.getTimestamp(17)),
                    instant(rs.getTimestamp(18)),
                    rs.getString(19)))
        .list();
  }

  void sampled(
      String campaignId, String legId, String label, int read, List<String> failed, Instant at) {
    jdbc.sql(
            "UPDATE leg_read_point SET sampled_at = ?, modules_read = ?, failed = ? WHERE"
                + " campaign_id = ? AND leg_id = ? AND label = ? AND sampled_at IS NULL")
        .params(
            Timestamp.from(at),
            read,
            failed.isEmpty() ? null : String.join(", ", failed),
            campaignId,
            legId,
            label)
        .update();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}

package io.stressflow.workflows.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A module's readings in a campaign for the console's per-lane plots: the baseline and every read
 * point (in-situ readings too, marked as such), each with its lanes' bias, Tx and Rx power, and the
 * failure criteria of the leg it was read in, so the limits can be drawn. Read only.
 */
@Service
public class ModuleHistory {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** At most this many readings are answered, the latest (a long in-situ leg has thousands). */
  static final int MAX_SAMPLES = 2000;

  private final JdbcClient jdbc;

  ModuleHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One lane of a reading.
   *
   * @param lane the lane, from 1.
   * @param biasMa laser bias, mA.
   * @param txMw Tx power, mW.
   * @param rxMw Rx power, mW.
   */
  public record Lane(int lane, Double biasMa, Double txMw, Double rxMw) {}

  /**
   * One reading of the module.
   *
   * @param id the sample's key.
   * @param leg the leg.
   * @param kind {@code BASELINE}, {@code READ_POINT} or {@code IN_SITU}.
   * @param label e.g. {@code 30 h}.
   * @param at when it was read.
   * @param stressHours hours at condition credited then.
   * @param cycles cycles then.
   * @param state the module's state.
   * @param temperature the module's temperature, degC.
   * @param vcc its supply, V.
   * @param verdict the judgement.
   * @param problems what failed, or null.
   * @param flags the latched flags, or null.
   * @param lanes its lanes.
   */
  public record Sample(
      long id,
      String leg,
      String kind,
      String label,
      Instant at,
      double stressHours,
      long cycles,
      String state,
      Double temperature,
      Double vcc,
      String verdict,
      String problems,
      String flags,
      List<Lane> lanes) {}

  /**
   * A module's history in one campaign.
   *
   * @param serial the module.
   * @param campaignId the campaign.
   * @param campaigns every campaign the module was read in, newest first.
   * @param criteria the failure criteria by leg (as the plan gave them).
   * @param samples its readings, oldest first.
   */
  public record History(
      String serial,
      String campaignId,
      List<String> campaigns,
      Map<String, Object> criteria,
      List<Sample> samples) {}

  /**
   * The module's readings in a campaign.
   *
   * @param serial the module.
   * @param campaignId the campaign, or null for the latest it was read in.
   * @return its history.
   * @throws NoSuchElementException if it was never read.
   */
  public History of(String serial, String campaignId) {
    List<String> campaigns =
        jdbc.sql(
                "SELECT campaign_id FROM module_sample WHERE serial = ? GROUP BY campaign_id"
                    + " ORDER BY MAX(id) DESC")
            .param(serial)
            .query(String.class)
            .list();
    String campaign =
        campaignId != null ? campaignId : campaigns.isEmpty() ? null : campaigns.get(0);
    if (campaign == null || !campaigns.contains(campaign)) {
      throw new NoSuchElementException(
          "Module '%s' has no readings%s"
              .formatted(serial, campaignId == null ? "" : " in campaign " + campaignId));
    }
    List<Sample> samples =
        new ArrayList<>(
            jdbc.sql(
                    "SELECT id, leg_id, kind, label, at, stress_hours, cycles, state, temperature,"
                        + " vcc, verdict, problems, flags FROM module_sample WHERE serial = ? AND"
                        + " campaign_id = ? ORDER BY id DESC LIMIT "
                        + MAX_SAMPLES)
                .params(serial, campaign)
                .query(
                    (rs, n) ->
                        new Sample(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getObject(5, java.time.OffsetDateTime.class).toInstant(),
                            rs.getDouble(6),
                            rs.getLong(7),
                            rs.getString(8),
                            (Double) rs.getObject(9),
                            (Double) rs.getObject(10),
                            rs.getString(11),
                            rs.getString(12),
                            rs.getString(13),
                            new ArrayList<>()))
                .list());
    java.util.Collections.reverse(samples);
    Map<Long, Sample> byId = new LinkedHashMap<>();
    samples.forEach(s -> byId.put(s.id(), s));
    if (!samples.isEmpty()) {
      jdbc.sql(
              "SELECT l.sample_id, l.lane, l.bias_ma, l.tx_mw, l.rx_mw FROM lane_reading l JOIN"
                  + " module_sample s ON s.id = l.sample_id WHERE s.serial = ? AND s.campaign_id ="
                  + " ? AND s.id >= ? ORDER BY l.sample_id, l.lane")
          .params(serial, campaign, samples.get(0).id())
          .query(
              rs -> {
                Sample s = byId.get(rs.getLong(1));
                if (s != null) {
                  s.lanes()
                      .add(
                          new Lane(
                              rs.getInt(2),
                              (Double) rs.getObject(3),
                              (Double) rs.getObject(4),
                              (Double) rs.getObject(5)));
                }
              });
    }
    Map<String, Object> criteria = new LinkedHashMap<>();
    jdbc.sql("SELECT leg_id, criteria FROM sampling_leg WHERE campaign_id = ? ORDER BY leg_id")
        .param(campaign)
        .query(
            rs -> {
              criteria.put(rs.getString(1), parse(rs.getString(2)));
            });
    return new History(serial, campaign, campaigns, criteria, samples);
  }

  private static Object parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, Map.class);
    } catch (java.io.IOException e) {
      return json;
    }
  }
}

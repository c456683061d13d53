package io.stressflow.workflows.campaign;

import io.stressflow.workflows.plan.PlanBounds;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The lab's registry of production lots and module serials. Launching a campaign registers the
 * plan's lots and modules too, so registering ahead is optional; it lets lab staff record modules
 * as they arrive and see, per module, where it is on test and every campaign it was tested in.
 *
 * <p>The registry of physical modules (serial, lot, part number) is global; a module's test state
 * (leg, state, credit, baseline, samples, failure) belongs to one campaign ({@link CampaignUnit}).
 */
@Service
public class ModuleRegistry {

  private final JdbcClient jdbc;
  private final Clock clock;

  ModuleRegistry(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A lot.
   *
   * @param id the lot id.
   * @param partNumber the product's part number.
   * @param dateCode its date code.
   * @param registeredAt when it was registered.
   */
  public record Lot(String id, String partNumber, String dateCode, Instant registeredAt) {}

  /**
   * A module and where it is on test.
   *
   * @param serial its serial.
   * @param lot its lot.
   * @param partNumber its part number.
   * @param registeredAt when it was registered.
   * @param campaignId the campaign it is on test in now, else the one it was last in, or null.
   * @param leg its leg there.
   * @param control whether it is a control sample there.
   * @param state {@code REGISTERED}, {@code IN_STRESS}, {@code FAILED}, {@code UNLOADED}, {@code
   *     ABORTED}… in that campaign.
   * @param creditedHours time on test credited there.
   * @param campaigns every campaign (or profile run outside a campaign) it was put on test in,
   *     oldest first, each with its outcome there.
   */
  public record Module(
      String serial,
      String lot,
      String partNumber,
      Instant registeredAt,
      String campaignId,
      String leg,
      Boolean control,
      String state,
      Double creditedHours,
      List<CampaignUnit> campaigns) {}

  /**
   * A module as a unit of one campaign: what happened to it there.
   *
   * @param campaignId the campaign, or the campaign id a profile run outside a campaign was given.
   * @param campaignState {@code ACTIVE}, {@code COMPLETED}, {@code ABORTED}, {@code TERMINATED};
   *     null for a profile run outside a campaign.
   * @param leg its leg there (null for a control sample, or before the campaign registered it).
   * @param control whether it was a control sample there.
   * @param state {@code REGISTERED}, {@code IN_STRESS}, {@code CONTROL}, {@code FAILED}, {@code
   *     UNLOADED} (taken out after the campaign), {@code ABORTED} (taken out of an aborted one);
   *     null if the campaign was launched but never registered it for sampling.
   * @param creditedHours time on test credited there.
   * @param failedInLeg the leg it failed in there, or null if it did not fail.
   * @param analysisOutcome its failure analysis's outcome ({@code CONFIRMED}, {@code CND}: could
   *     not duplicate), or null while open or if it did not fail.
   * @param since when it was put on test there.
   */
  public record CampaignUnit(
      String campaignId,
      String campaignState,
      String leg,
      Boolean control,
      String state,
      Double creditedHours,
      String failedInLeg,
      String analysisOutcome,
      Instant since) {

    /** Whether the module failed in this campaign. */
    public boolean failed() {
      return failedInLeg != null || "FAILED".equals(state);
    }

    /** Whether the campaign is running (its modules are on test now). */
    public boolean running() {
      return "ACTIVE".equals(campaignState);
    }

    /**
     * What happened to the module there, for people, e.g. {@code campaign C-20260101-ab12cd
     * (COMPLETED): failed in leg dh, analysis could not duplicate (CND)}.
     */
    public String describe() {
      String where =
          campaignState == null
              ? "profile run outside a campaign under id " + campaignId
              : "campaign " + campaignId + " (" + campaignState + ")";
      String what;
      if (failed()) {
        what =
            "failed"
                + (failedInLeg == null ? "" : " in leg " + failedInLeg)
                + ", analysis "
                + (analysisOutcome == null
                    ? "open"
                    : "CND".equals(analysisOutcome)
                        ? "could not duplicate (CND)"
                        : analysisOutcome);
      } else if (running()) {
        what = "on test now";
      } else if ("ABORTED".equals(state)) {
        what =
            "test aborted, unloaded (%.1f h credited)"
                .formatted(creditedHours == null ? 0 : creditedHours);
      } else if (state == null || "REGISTERED".equals(state)) {
        what = "put on test, never read";
      } else if (Boolean.TRUE.equals(control)) {
        what = "control sample, did not fail";
      } else {
        what =
            "tested, did not fail (%.1f h credited)"
                .formatted(creditedHours == null ? 0 : creditedHours);
      }
      return where + ": " + what;
    }
  }

  /**
   * Every campaign (or profile run outside a campaign) each module was put on test in, oldest
   * first: its units, the modules a campaign was launched with, and its failures.
   *
   * @param serials the modules.
   * @return by serial, only those tested somewhere.
   */
  public Map<String, List<CampaignUnit>> history(java.util.Collection<String> serials) {
    if (serials.isEmpty()) {
      return Map.of();
    }
    return history("serial IN (:serials)", Map.of("serials", List.copyOf(serials)));
  }

  private Map<String, List<CampaignUnit>> history(String filter, Map<String, ?> params) {
    String sql =
        ("SELECT k.serial, k.campaign_id, c.state, u.leg_id, u.control, u.state,"
                + " u.credited_hours, f.leg_id, f.fa_outcome,"
                + " COALESCE(u.registered_at, c.started_at, f.detected_at) AS since"
                + " FROM (SELECT campaign_id, serial FROM module_unit WHERE %1$s"
                + " UNION SELECT campaign_id, serial FROM campaign_module WHERE %1$s"
                + " UNION SELECT campaign_id, serial FROM module_failure WHERE %1$s) k"
                + " LEFT JOIN module_unit u ON u.campaign_id = k.campaign_id AND u.serial = k.serial"
                + " LEFT JOIN module_failure f ON f.campaign_id = k.campaign_id"
                + " AND f.serial = k.serial"
                + " LEFT JOIN campaign c ON c.id = k.campaign_id"
                + " ORDER BY k.serial, since, k.campaign_id")
            .formatted(filter);
    Map<String, List<CampaignUnit>> history = new java.util.LinkedHashMap<>();
    jdbc.sql(sql)
        .params(params)
        .query(
            (rs, i) -> {
              Timestamp since = rs.getTimestamp(10);
              history
                  .computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                  .add(
                      new CampaignUnit(
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          (Boolean) rs.getObject(5),
                          rs.getString(6),
                          (Double) rs.getObject(7),
                          rs.getString(8),
                          rs.getString(9),
                          since == null ? null : since.toInstant()));
              return null;
            })
        .list();
    return history;
  }

  /**
   * Registers a lot (again: updates what is given, keeps what is not).
   *
   * @param lot the lot; {@code id} is required.
   * @return the lot as stored.
   */
  public Lot registerLot(Lot lot) {
    id(lot.id(), "id");
    length(lot.partNumber(), PlanBounds.MAX_PART_NUMBER_LENGTH, "partNumber");
    length(lot.dateCode(), PlanBounds.MAX_DATE_CODE_LENGTH, "dateCode");
    jdbc.sql(
            // standard MERGE (H2 and PostgreSQL 15+); the casts type the parameters for PostgreSQL
            "MERGE INTO lot t USING (SELECT CAST(? AS VARCHAR) AS id, CAST(? AS VARCHAR) AS"
                + " part_number, CAST(? AS VARCHAR) AS date_code, CAST(? AS TIMESTAMP WITH TIME"
                + " ZONE) AS registered_at) s ON t.id = s.id"
                + " WHEN MATCHED THEN UPDATE SET part_number = COALESCE(s.part_number,"
                + " t.part_number), date_code = COALESCE(s.date_code, t.date_code)"
                + " WHEN NOT MATCHED THEN INSERT (id, part_number, date_code, registered_at)"
                + " VALUES (s.id, s.part_number, s.date_code, s.registered_at)")
        .params(lot.id(), lot.partNumber(), lot.dateCode(), now())
        .update();
    return lot(lot.id()).orElseThrow();
  }

  /**
   * One lot.
   *
   * @param id its id.
   * @return the lot, or empty if it is not registered.
   */
  public Optional<Lot> lot(String id) {
    return jdbc.sql("SELECT id, part_number, date_code, registered_at FROM lot WHERE id = ?")
        .param(id)
        .query(
            (rs, i) ->
                new Lot(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getTimestamp(4).toInstant()))
        .optional();
  }

  /** Every lot. */
  public List<Lot> lots() {
    return jdbc.sql("SELECT id, part_number, date_code, registered_at FROM lot ORDER BY id")
        .query(
            (rs, i) ->
                new Lot(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getTimestamp(4).toInstant()))
        .list();
  }

  /**
   * Registers a module (again: updates it).
   *
   * @param serial required.
   * @param lot a registered lot, or null.
   * @param partNumber the part number, or null to take the lot's.
   * @return the module.
   * @throws IllegalArgumentException if the serial is missing or the lot is not registered.
   */
  public Module registerModule(String serial, String lot, String partNumber) {
    // every field is checked before anything is written: a refused module leaves no trace
    id(serial, "serial");
    if (lot != null) {
      id(lot, "lot");
    }
    length(partNumber, PlanBounds.MAX_PART_NUMBER_LENGTH, "partNumber");
    String part = partNumber;
    if (lot != null) {
      Lot known =
          lot(lot)
              .orElseThrow(
                  () ->
                      new InvalidFieldException(
                          "lot",
                          "'" + lot + "' is not registered; register it first (POST /api/lots)"));
      part = part != null ? part : known.partNumber();
    }
    jdbc.sql(
            "MERGE INTO module t USING (SELECT CAST(? AS VARCHAR) AS serial, CAST(? AS VARCHAR)"
                + " AS lot, CAST(? AS VARCHAR) AS part_number, CAST(? AS TIMESTAMP WITH TIME ZONE)"
                + " AS registered_at) s ON t.serial = s.serial"
                + " WHEN MATCHED THEN UPDATE SET lot = s.lot, part_number = s.part_number"
                + " WHEN NOT MATCHED THEN INSERT (serial, lot, part_number, registered_at)"
                + " VALUES (s.serial, s.lot, s.part_number, s.registered_at)")
        .params(serial, lot, part, now())
        .update();
    return module(serial);
  }

  /**
   * The modules, optionally of one lot.
   *
   * @param lot a lot id, or null for all.
   * @return the modules by serial.
   */
  public List<Module> modules(String lot) {
    Map<String, List<CampaignUnit>> history =
        lot == null
            ? history("1 = 1", Map.of())
            : history("serial IN (SELECT serial FROM module WHERE lot = :lot)", Map.of("lot", lot));
    return jdbc.sql(SELECT + (lot == null ? "" : " WHERE m.lot = :lot") + " ORDER BY m.serial")
        .params(lot == null ? Map.of() : Map.of("lot", lot))
        .query((rs, i) -> map(rs, history))
        .list();
  }

  /**
   * One module.
   *
   * @param serial its serial.
   * @return the module.
   * @throws NoSuchElementException if it is not registered.
   */
  public Module module(String serial) {
    Map<String, List<CampaignUnit>> history = history(List.of(serial));
    return jdbc.sql(SELECT + " WHERE m.serial = :serial")
        .param("serial", serial)
        .query((rs, i) -> map(rs, history))
        .optional()
        .orElseThrow(() -> new NoSuchElementException("No module with serial '" + serial + "'"));
  }

  private static final String SELECT =
      "SELECT m.serial, m.lot, m.part_number, m.registered_at FROM module m";

  private static Module map(java.sql.ResultSet rs, Map<String, List<CampaignUnit>> history)
      throws java.sql.SQLException {
    String serial = rs.getString(1);
    List<CampaignUnit> campaigns = history.getOrDefault(serial, List.of());
    // where it is on test now, else where it was last
    CampaignUnit now =
        campaigns.stream()
            .filter(CampaignUnit::running)
            .findFirst()
            .orElse(campaigns.isEmpty() ? null : campaigns.get(campaigns.size() - 1));
    return new Module(
        serial,
        rs.getString(2),
        rs.getString(3),
        rs.getTimestamp(4).toInstant(),
        now == null ? null : now.campaignId(),
        now == null ? null : now.leg(),
        now == null ? null : now.control(),
        now == null ? null : now.state(),
        now == null ? null : now.creditedHours(),
        List.copyOf(campaigns));
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static void id(String value, String field) {
    String problem = PlanBounds.idProblem(value);
    if (problem != null) {
      throw new InvalidFieldException(field, problem);
    }
  }

  private static void length(String value, int max, String field) {
    String problem = PlanBounds.lengthProblem(value, max);
    if (problem != null) {
      throw new InvalidFieldException(field, problem);
    }
  }
}

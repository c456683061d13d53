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
 * as they arrive and see, per module, where it is on test.
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
   * @param campaignId the campaign it is (or was last) in, or null.
   * @param leg its leg there.
   * @param control whether it is a control sample there.
   * @param state {@code REGISTERED}, {@code IN_STRESS}, {@code FAILED}… in that campaign.
   * @param creditedHours time on test credited there.
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
      Double creditedHours) {}

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
            "MERGE INTO lot (id, part_number, date_code, registered_at) KEY (id) SELECT ?,"
                + " COALESCE(?, (SELECT part_number FROM lot WHERE id = ?)),"
                + " COALESCE(?, (SELECT date_code FROM lot WHERE id = ?)),"
                + " COALESCE((SELECT registered_at FROM lot WHERE id = ?), ?)")
        .params(lot.id(), lot.partNumber(), lot.id(), lot.dateCode(), lot.id(), lot.id(), now())
        .update();
    return lot(lot.id()).orElseThrow();
  }

  private Optional<Lot> lot(String id) {
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
            "MERGE INTO module (serial, lot, part_number, registered_at) KEY (serial) SELECT ?, ?,"
                + " ?, COALESCE((SELECT registered_at FROM module WHERE serial = ?), ?)")
        .params(serial, lot, part, serial, now())
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
    return jdbc.sql(SELECT + (lot == null ? "" : " WHERE m.lot = :lot") + " ORDER BY m.serial")
        .params(lot == null ? Map.of() : Map.of("lot", lot))
        .query(ModuleRegistry::map)
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
    return jdbc.sql(SELECT + " WHERE m.serial = :serial")
        .param("serial", serial)
        .query(ModuleRegistry::map)
        .optional()
        .orElseThrow(() -> new NoSuchElementException("No module with serial '" + serial + "'"));
  }

  private static final String SELECT =
      "SELECT m.serial, m.lot, m.part_number, m.registered_at, u.campaign_id, u.leg_id, u.control,"
          + " u.state, u.credited_hours FROM module m LEFT JOIN module_unit u ON u.serial ="
          + " m.serial";

  private static Module map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Module(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getTimestamp(4).toInstant(),
        rs.getString(5),
        rs.getString(6),
        (Boolean) rs.getObject(7),
        rs.getString(8),
        (Double) rs.getObject(9));
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

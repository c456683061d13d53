package io.stressflow.workflows.chamber;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The chamber inventory table ({@code lab_chamber}): definitions as JSON, with their source. */
public class LabRepository {

  /** Where a chamber's definition came from. */
  public enum Source {
    /** The lab file: rewritten at every start. */
    FILE,
    /** The API: kept until changed there. */
    API
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;

  LabRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every stored chamber. */
  public List<LabChamber> all() {
    return jdbc
        .sql("SELECT definition FROM lab_chamber ORDER BY id")
        .query(String.class)
        .list()
        .stream()
        .map(LabRepository::parse)
        .toList();
  }

  /** A stored chamber. */
  public Optional<LabChamber> find(String id) {
    return jdbc.sql("SELECT definition FROM lab_chamber WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional()
        .map(LabRepository::parse);
  }

  /**
   * Writes a chamber (insert or replace).
   *
   * @param c the chamber.
   * @param source where it came from.
   * @param at when.
   * @param by who, or null for the application itself.
   */
  public void save(LabChamber c, Source source, Instant at, String by) {
    String json;
    try {
      json = JSON.writeValueAsString(LabChamberReader.write(c));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    int updated =
        jdbc.sql(
                "UPDATE lab_chamber SET definition = ?, source = ?, updated_at = ?, updated_by = ?"
                    + " WHERE id = ?")
            .params(json, source.name(), Timestamp.from(at), by, c.id())
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO lab_chamber (id, definition, source, updated_at, updated_by)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(c.id(), json, source.name(), Timestamp.from(at), by)
          .update();
    }
  }

  private static LabChamber parse(String json) {
    try {
      return LabChamberReader.readOne(JSON.readValue(json, Map.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable lab_chamber row: " + e.getMessage(), e);
    }
  }
}

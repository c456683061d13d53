package io.stressflow.engine.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes the {@link EngineState} to H2 through plain JDBC: one table per kind of entity ({@code
 * state_<kind>}, keyed by the entity key, the entity as JSON: inline up to {@link #INLINE_LIMIT}
 * characters, else as a CLOB) plus the key counter, and one transaction per batch of engine
 * commands, so a crash never leaves half a command.
 */
public final class StateStore implements AutoCloseable {
  /**
   * Entities up to this many characters of JSON are stored inline (fast); longer ones, rare (large
   * variables), as a CLOB.
   */
  static final int INLINE_LIMIT = 65_536;

  private static final String SCHEMA_META =
      "CREATE TABLE IF NOT EXISTS meta (name VARCHAR(64) PRIMARY KEY, v BIGINT NOT NULL)";

  private final Connection connection;
  private final Map<String, Statements> statements = new HashMap<>();
  private boolean migrated;
  private long flushedNextKey = -1;
  private final ObjectMapper mapper =
      new ObjectMapper()
          .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The prepared statements of one kind's table, kept for the life of the store. */
  private record Statements(
      PreparedStatement select, PreparedStatement merge, PreparedStatement delete) {}

  private StateStore(final Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens (and creates) the database; the tables of the entity kinds are created (and databases of
   * earlier versions migrated) on the first {@link #load}.
   *
   * @param jdbcUrl the H2 JDBC URL.
   * @return the open store.
   */
  public static StateStore open(final String jdbcUrl) {
    try {
      final Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
      try (Statement statement = connection.createStatement()) {
        // write every commit through to the file at once, so a killed process loses nothing
        // it acknowledged (H2 delays writes by 500 ms by default)
        statement.execute("SET WRITE_DELAY 0");
        statement.execute(SCHEMA_META);
      }
      connection.setAutoCommit(false);
      return new StateStore(connection);
    } catch (final SQLException e) {
      throw new IllegalStateException(
          "Expected to open the engine database '%s', but: %s".formatted(jdbcUrl, e.getMessage()),
          e);
    }
  }

  private Statements statements(final String kind) throws SQLException {
    Statements result = statements.get(kind);
    if (result == null) {
      final String table = "state_" + kind;
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE IF NOT EXISTS %s (k BIGINT PRIMARY KEY, json VARCHAR(%d), big_json CLOB)"
                .formatted(table, INLINE_LIMIT));
      }
      result =
          new Statements(
              connection.prepareStatement(
                  "SELECT json, big_json FROM %s ORDER BY k".formatted(table)),
              connection.prepareStatement(
                  "MERGE INTO %s (k, json, big_json) KEY (k) VALUES (?, ?, ?)".formatted(table)),
              connection.prepareStatement("DELETE FROM %s WHERE k = ?".formatted(table)));
      statements.put(kind, result);
    }
    return result;
  }

  /**
   * Moves the rows of databases written before one table per kind (every entity a CLOB in table
   * {@code entity}) into the kinds' tables.
   */
  private void migrate(final EngineState state) throws SQLException {
    final boolean oldTable;
    try (Statement statement = connection.createStatement();
        ResultSet tables =
            statement.executeQuery(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                    + " AND TABLE_NAME = 'ENTITY'")) {
      tables.next();
      oldTable = tables.getLong(1) > 0;
    }
    if (oldTable) {
      for (final Table<?> table : state.tables()) {
        statements(table.kind());
        try (PreparedStatement copy =
            connection.prepareStatement(
                ("INSERT INTO state_%s (k, json, big_json) SELECT k,"
                        + " CASE WHEN CHAR_LENGTH(json) <= %d THEN CAST(json AS VARCHAR(%d)) END,"
                        + " CASE WHEN CHAR_LENGTH(json) > %d THEN json END"
                        + " FROM entity WHERE kind = ?")
                    .formatted(table.kind(), INLINE_LIMIT, INLINE_LIMIT, INLINE_LIMIT))) {
          copy.setString(1, table.kind());
          copy.executeUpdate();
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE entity");
      }
    }
    connection.commit();
    migrated = true;
  }

  /**
   * Replaces the in-memory state with what the database holds.
   *
   * @param state the state to fill.
   */
  public void load(final EngineState state) {
    state.clear();
    try {
      if (!migrated) {
        migrate(state);
      }
      for (final Table<?> table : state.tables()) {
        loadTable(table);
      }
      try (PreparedStatement select =
          connection.prepareStatement("SELECT v FROM meta WHERE name = 'next_key'")) {
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next()) {
            state.setNextKey(rs.getLong(1));
          }
        }
      }
      connection.commit();
    } catch (final SQLException e) {
      throw new IllegalStateException("Expected to load the engine state, but: " + e, e);
    }
  }

  private <T extends Entity> void loadTable(final Table<T> table) throws SQLException {
    try (ResultSet rs = statements(table.kind()).select().executeQuery()) {
      while (rs.next()) {
        final String inline = rs.getString(1);
        table.load(read(inline != null ? inline : rs.getString(2), table.type()));
      }
    }
  }

  /**
   * Writes every entity changed since the last flush, in one transaction.
   *
   * @param state the state.
   */
  public void flush(final EngineState state) {
    if (state.peekNextKey() == flushedNextKey
        && state.tables().stream().noneMatch(Table::hasChanges)) {
      return;
    }
    try (PreparedStatement meta =
        connection.prepareStatement(
            "MERGE INTO meta (name, v) KEY (name) VALUES ('next_key', ?)")) {
      for (final Table<?> table : state.tables()) {
        writeTable(table, statements(table.kind()));
      }
      meta.setLong(1, state.peekNextKey());
      meta.executeUpdate();
      connection.commit();
      flushedNextKey = state.peekNextKey();
    } catch (final SQLException e) {
      try {
        connection.rollback();
      } catch (final SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("Expected to write the engine state, but: " + e, e);
    }
  }

  private <T extends Entity> void writeTable(final Table<T> table, final Statements sql)
      throws SQLException {
    if (!table.hasChanges()) {
      return;
    }
    final Set<Long> changed = table.drainChanged();
    boolean merges = false;
    boolean deletes = false;
    for (final long key : changed) {
      final T entity = table.get(key);
      if (entity == null) {
        sql.delete().setLong(1, key);
        sql.delete().addBatch();
        deletes = true;
      } else {
        final String json = write(entity);
        final boolean inline = json.length() <= INLINE_LIMIT;
        sql.merge().setLong(1, key);
        sql.merge().setString(2, inline ? json : null);
        if (inline) {
          sql.merge().setNull(3, Types.CLOB);
        } else {
          sql.merge().setString(3, json);
        }
        sql.merge().addBatch();
        merges = true;
      }
    }
    if (merges) {
      sql.merge().executeBatch();
    }
    if (deletes) {
      sql.delete().executeBatch();
    }
  }

  private String write(final Object entity) {
    try {
      return mapper.writeValueAsString(entity);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> T read(final String json, final Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (final SQLException e) {
      throw new IllegalStateException("Expected to close the engine database, but: " + e, e);
    }
  }
}

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
import java.util.Set;

/**
 * Writes the {@link EngineState} to H2 through plain JDBC: one row per entity (as JSON) plus the
 * key counter, and one transaction per engine command, so a crash never leaves half a command.
 */
public final class StateStore implements AutoCloseable {
  private static final String SCHEMA_ENTITY =
      "CREATE TABLE IF NOT EXISTS entity (kind VARCHAR(32) NOT NULL, k BIGINT NOT NULL,"
          + " json CLOB NOT NULL, PRIMARY KEY (kind, k))";
  private static final String SCHEMA_META =
      "CREATE TABLE IF NOT EXISTS meta (name VARCHAR(64) PRIMARY KEY, v BIGINT NOT NULL)";

  private final Connection connection;
  private long flushedNextKey = -1;
  private final ObjectMapper mapper =
      new ObjectMapper()
          .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private StateStore(final Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens (and creates or migrates) the database.
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
        statement.execute(SCHEMA_ENTITY);
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

  /**
   * Replaces the in-memory state with what the database holds.
   *
   * @param state the state to fill.
   */
  public void load(final EngineState state) {
    state.clear();
    try {
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
    try (PreparedStatement select =
        connection.prepareStatement("SELECT json FROM entity WHERE kind = ? ORDER BY k")) {
      select.setString(1, table.kind());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          table.load(read(rs.getString(1), table.type()));
        }
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
    try (PreparedStatement merge =
            connection.prepareStatement(
                "MERGE INTO entity (kind, k, json) KEY (kind, k) VALUES (?, ?, ?)");
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM entity WHERE kind = ? AND k = ?");
        PreparedStatement meta =
            connection.prepareStatement(
                "MERGE INTO meta (name, v) KEY (name) VALUES ('next_key', ?)")) {
      for (final Table<?> table : state.tables()) {
        writeTable(table, merge, delete);
      }
      merge.executeBatch();
      delete.executeBatch();
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

  private <T extends Entity> void writeTable(
      final Table<T> table, final PreparedStatement merge, final PreparedStatement delete)
      throws SQLException {
    final Set<Long> changed = table.drainChanged();
    for (final long key : changed) {
      final T entity = table.get(key);
      if (entity == null) {
        delete.setString(1, table.kind());
        delete.setLong(2, key);
        delete.addBatch();
      } else {
        merge.setString(1, table.kind());
        merge.setLong(2, key);
        merge.setString(3, write(entity));
        merge.addBatch();
      }
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

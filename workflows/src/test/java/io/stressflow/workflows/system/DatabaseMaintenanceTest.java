package io.stressflow.workflows.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bounded H2 growth (issue #19, item 13), on a real H2 file with the application's {@code
 * WRITE_DELAY=0}: every small commit appends a chunk and nothing reclaims them, unless the
 * maintenance compacts.
 */
class DatabaseMaintenanceTest {

  @TempDir Path dir;

  @Test
  void onlyAnH2FileIsMaintained() {
    assertThat(DatabaseMaintenance.isH2File("jdbc:h2:file:./data/stressflow;WRITE_DELAY=0"))
        .isTrue();
    assertThat(DatabaseMaintenance.isH2File("jdbc:h2:./data/x")).isTrue();
    assertThat(DatabaseMaintenance.isH2File("jdbc:h2:mem:issuer")).isFalse();
    assertThat(DatabaseMaintenance.isH2File("jdbc:h2:tcp://localhost/x")).isFalse();
    assertThat(DatabaseMaintenance.isH2File("jdbc:postgresql://db/stressflow")).isFalse();
    assertThat(DatabaseMaintenance.isH2File(null)).isFalse();
  }

  @Test
  void shutdownCompactsTheFileToItsLiveData() throws SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0";
    DatabaseMaintenance maintenance = maintenance(url, Duration.ZERO);
    // a connection held open, as the pool holds its own: the database stays open meanwhile
    try (Connection held = source(url).getConnection()) {
      churn(held, 2_000, null);
      long grown = size();
      assertThat(grown).as("the file grows with every commit").isGreaterThan(20_000_000);
      maintenance.start();
      maintenance.stop();
      DatabaseMaintenance.compactAndClose(JdbcClient.create(source(url)));
      assertThat(size()).as("after SHUTDOWN COMPACT").isLessThan(1_000_000);
    }
  }

  @Test
  void periodicCompactionKeepsTheFileNearItsLiveData() throws SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=0";
    DatabaseMaintenance maintenance = maintenance(url, Duration.ZERO);
    try (Connection held = source(url).getConnection()) {
      churn(held, 4_000, maintenance);
      assertThat(size()).as("compacted every 200 commits").isLessThan(8_000_000);
    }
  }

  private void churn(Connection c, int n, DatabaseMaintenance maintenance) throws SQLException {
    c.createStatement()
        .execute("CREATE TABLE IF NOT EXISTS run (id INT PRIMARY KEY, progress VARCHAR(4000))");
    c.createStatement().execute("MERGE INTO run VALUES (1, 'x')");
    try (PreparedStatement u = c.prepareStatement("UPDATE run SET progress = ? WHERE id = 1")) {
      for (int i = 0; i < n; i++) {
        u.setString(1, i + " ".repeat(500));
        u.executeUpdate();
        if (maintenance != null && i % 200 == 0) {
          maintenance.checkpoint();
        }
      }
    }
  }

  private long size() {
    try {
      return Files.size(dir.resolve("db.mv.db"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JdbcDataSource source(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    ds.setUser("sa");
    return ds;
  }

  private static DatabaseMaintenance maintenance(String url, Duration interval) {
    JdbcDataSource ds = source(url);
    return new DatabaseMaintenance(ds, JdbcClient.create(ds), url, interval, true);
  }
}

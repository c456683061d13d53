package io.stressflow.workflows.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.workflows.support.TestChambers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue #16: the H2 migrations moved from db/migration to db/migration/h2 unchanged, so an H2
 * database written by an earlier version (its history names the scripts as they were in
 * db/migration) validates against the new location and has nothing left to apply.
 */
class MigrationLocationTest {

  @Test
  void shouldUpgradeAnH2DatabaseMigratedFromTheOldLocation() throws IOException {
    Path data = TestChambers.dataDir("migration-location");
    // the old layout: the same scripts directly in db/migration
    Path old = Files.createDirectories(data.resolve("old").resolve("db").resolve("migration"));
    Resource[] scripts =
        new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/h2/V*.sql");
    assertThat(scripts).hasSize(18);
    for (Resource script : scripts) {
      try (var in = script.getInputStream()) {
        Files.copy(in, old.resolve(script.getFilename()));
      }
    }
    DriverManagerDataSource db =
        new DriverManagerDataSource("jdbc:h2:file:" + data.resolve("stressflow"), "sa", "");
    MigrateResult before =
        Flyway.configure().dataSource(db).locations("filesystem:" + old).load().migrate();
    assertThat(before.migrationsExecuted).isEqualTo(18);

    Flyway now = Flyway.configure().dataSource(db).locations("classpath:db/migration/h2").load();
    assertThat(now.validateWithResult().validationSuccessful).isTrue();
    assertThat(now.migrate().migrationsExecuted).isZero();
  }
}

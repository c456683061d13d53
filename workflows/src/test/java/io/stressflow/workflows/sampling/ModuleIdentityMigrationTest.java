package io.stressflow.workflows.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V13 on a database written before module identity was per campaign (issue #12), an H2 file as the
 * application's: module M1 failed in campaign C-A and was then put on test in C-B, which took its
 * unit row and kept it FAILED (never read in C-B); M2 passed in C-A and went on to C-B. After the
 * migration each module has a unit in each campaign, with that campaign's state and credit.
 */
class ModuleIdentityMigrationTest {

  /** H2's migrations (the application picks db/migration/{vendor}). */
  private static final String MIGRATIONS = "classpath:db/migration/h2";

  @Test
  void shouldGiveEachCampaignItsOwnUnitsAndKeepTheOldRecordsReadable() {
    Path file =
        Path.of("target", "it-data", "migration-" + UUID.randomUUID(), "stressflow")
            .toAbsolutePath();
    DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:file:" + file, "sa", "");
    Flyway.configure().dataSource(db).locations(MIGRATIONS).target("12").load().migrate();
    JdbcClient jdbc = JdbcClient.create(db);
    legacy(jdbc);

    Flyway.configure().dataSource(db).locations(MIGRATIONS).load().migrate();

    assertThat(
            jdbc.sql(
                    "SELECT serial || '/' || campaign_id || '/' || state || '/' || credited_hours"
                        + " || '/' || COALESCE(last_good_point, '-') FROM module_unit"
                        + " ORDER BY serial, campaign_id")
                .query(String.class)
                .list())
        .containsExactly(
            // back in the campaign it failed in, with the credit its failure record kept
            "M1/C-A/FAILED/10.0/10 h",
            // on test in C-B, where it did not fail (and earned no credit: it was never read)
            "M1/C-B/IN_STRESS/0.0/-",
            // back in C-A from its samples there
            "M2/C-A/IN_STRESS/10.0/10 h",
            "M2/C-B/IN_STRESS/20.0/20 h");
    assertThat(
            jdbc.sql("SELECT registered_at IS NOT NULL FROM module_unit")
                .query(Boolean.class)
                .list())
        .containsOnly(true);
    // the same module may now fail in two campaigns
    jdbc.sql(
            "INSERT INTO module_failure (serial, campaign_id, leg_id, detected_at, criteria, lanes,"
                + " credited_hours, credited_cycles) VALUES ('M1', 'C-B', 'dh', CURRENT_TIMESTAMP,"
                + " 'x', '[]', 0, 0)")
        .update();
    assertThat(
            jdbc.sql("SELECT campaign_id FROM module_failure WHERE serial = 'M1' ORDER BY 1")
                .query(String.class)
                .list())
        .isEqualTo(List.of("C-A", "C-B"));
  }

  private static void legacy(JdbcClient jdbc) {
    jdbc.sql(
            "INSERT INTO campaign (id, process_instance_key, process_id, chamber, state,"
                + " started_at) VALUES ('C-A', '1', 'campaign', 'chamber-1', 'COMPLETED',"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'), ('C-B', '2', 'campaign',"
                + " 'chamber-1', 'COMPLETED', TIMESTAMP WITH TIME ZONE '2026-02-01 00:00:00+00')")
        .update();
    jdbc.sql(
            "INSERT INTO module (serial, lot, registered_at) VALUES ('M1', 'L1',"
                + " CURRENT_TIMESTAMP), ('M2', 'L1', CURRENT_TIMESTAMP)")
        .update();
    jdbc.sql(
            "INSERT INTO module_unit (serial, campaign_id, leg_id, lot, control, state,"
                + " credited_hours, credited_cycles, last_good_point) VALUES ('M1', 'C-B', 'dh',"
                + " 'L1', FALSE, 'FAILED', 10, 0, '10 h'), ('M2', 'C-B', 'dh', 'L1', FALSE,"
                + " 'IN_STRESS', 20, 0, '20 h')")
        .update();
    String sample =
        "INSERT INTO module_sample (serial, campaign_id, leg_id, at, kind, label, stress_hours,"
            + " cycles, in_envelope, verdict) VALUES (?, ?, 'dh', CURRENT_TIMESTAMP, ?, ?, ?, 0,"
            + " TRUE, ?)";
    for (Object[] s :
        List.of(
            new Object[] {"M1", "C-A", "BASELINE", "0", 0, "PASS"},
            new Object[] {"M1", "C-A", "READ_POINT", "10 h", 10, "PASS"},
            new Object[] {"M1", "C-A", "READ_POINT", "20 h", 20, "FAIL"},
            new Object[] {"M2", "C-A", "BASELINE", "0", 0, "PASS"},
            new Object[] {"M2", "C-A", "READ_POINT", "10 h", 10, "PASS"},
            new Object[] {"M1", "C-B", "BASELINE", "0", 0, "PASS"},
            new Object[] {"M2", "C-B", "BASELINE", "0", 0, "PASS"},
            new Object[] {"M2", "C-B", "READ_POINT", "20 h", 20, "PASS"})) {
      jdbc.sql(sample).params(s).update();
    }
    jdbc.sql(
            "INSERT INTO module_failure (serial, campaign_id, leg_id, detected_at, sample_id,"
                + " criteria, lanes, credited_hours, credited_cycles, last_good_point) VALUES"
                + " ('M1', 'C-A', 'dh', CURRENT_TIMESTAMP, 3, 'BIAS_RISE', '[3]', 10, 0, '10 h')")
        .update();
  }
}

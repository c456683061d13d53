package io.stressflow.workflows.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stressflow.workflows.chamber.TelemetryRepositories;
import io.stressflow.workflows.chamber.TelemetryRepository;
import io.stressflow.workflows.chamber.TelemetryRepository.Bucket;
import io.stressflow.workflows.support.PostgreSql;
import io.stressflow.workflows.support.TestChambers;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Retention (issue #16 item 3) on both databases: telemetry and passing in-situ samples older than
 * the window are folded into their summaries with the right count, min, mean and max and deleted;
 * newer rows are untouched; a second run counts nothing twice; a late reading merges into its
 * minute; baselines, read points, failing samples and a failure's sample are never deleted; the
 * telemetry reader serves the minute summaries for an old range. Time is passed in, never waited
 * for.
 */
class RetentionDatabasesIT {

  private static final Duration WINDOW = Duration.ofDays(30);
  private static final Instant NOW = Instant.parse("2026-03-31T12:00:30Z");

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void shouldFoldOldTelemetryIntoMinutesOnce(String vendor) {
    DataSource db = migrated(vendor, "retention_telemetry");
    JdbcClient jdbc = JdbcClient.create(db);
    TelemetryRetention retention =
        new TelemetryRetention(jdbc, new DataSourceTransactionManager(db));
    // cutoff: 2026-03-01T12:00:00Z
    reading(jdbc, "c1", "2026-03-01T11:58:00Z", 10, null, 50.0);
    reading(jdbc, "c1", "2026-03-01T11:58:20Z", 20, null, null);
    reading(jdbc, "c1", "2026-03-01T11:58:40Z", 30, null, 70.0);
    reading(jdbc, "c1", "2026-03-01T11:59:10Z", 5, 4.0, null);
    reading(jdbc, "c2", "2026-03-01T11:59:30Z", 7, 6.0, 40.0);
    reading(jdbc, "c1", "2026-03-01T12:00:00Z", 99, null, null);
    reading(jdbc, "c1", "2026-03-01T12:00:10Z", 98, null, null);

    assertThat(retention.run(NOW, WINDOW)).isEqualTo(5);

    Map<String, Object> m = minute(jdbc, "c1", "2026-03-01T11:58:00Z");
    assertThat(((Number) m.get("readings")).longValue()).isEqualTo(3);
    assertThat((Double) m.get("air_min")).isEqualTo(10.0);
    assertThat((Double) m.get("air_mean")).isCloseTo(20.0, within(1e-9));
    assertThat((Double) m.get("air_max")).isEqualTo(30.0);
    assertThat(((Number) m.get("humidity_readings")).longValue()).isEqualTo(2);
    assertThat((Double) m.get("humidity_mean")).isCloseTo(60.0, within(1e-9));
    assertThat(((Number) m.get("load_readings")).longValue()).isZero();
    assertThat(m.get("load_mean")).isNull();
    assertThat(((Number) minute(jdbc, "c1", "2026-03-01T11:59:00Z").get("readings")).longValue())
        .isEqualTo(1);
    assertThat((Double) minute(jdbc, "c2", "2026-03-01T11:59:00Z").get("load_mean")).isEqualTo(6.0);
    assertThat(count(jdbc, "chamber_minute")).isEqualTo(3);
    // the newer readings are untouched
    assertThat(
            jdbc.sql("SELECT air_temperature FROM chamber_sample ORDER BY at")
                .query(Double.class)
                .list())
        .containsExactly(99.0, 98.0);

    // a second run counts nothing twice
    assertThat(retention.run(NOW, WINDOW)).isZero();
    assertThat(((Number) minute(jdbc, "c1", "2026-03-01T11:58:00Z").get("readings")).longValue())
        .isEqualTo(3);
    assertThat(count(jdbc, "chamber_minute")).isEqualTo(3);

    // a reading stored late into a summarised minute is merged into it
    reading(jdbc, "c1", "2026-03-01T11:58:50Z", 40, 1.0, null);
    assertThat(retention.run(NOW.plusSeconds(60), WINDOW)).isEqualTo(3);
    m = minute(jdbc, "c1", "2026-03-01T11:58:00Z");
    assertThat(((Number) m.get("readings")).longValue()).isEqualTo(4);
    assertThat((Double) m.get("air_mean")).isCloseTo(25.0, within(1e-9));
    assertThat((Double) m.get("air_max")).isEqualTo(40.0);
    assertThat((Double) m.get("air_min")).isEqualTo(10.0);
    assertThat(((Number) m.get("load_readings")).longValue()).isEqualTo(1);
    assertThat((Double) m.get("load_mean")).isEqualTo(1.0);
    assertThat((Double) m.get("humidity_mean")).isCloseTo(60.0, within(1e-9));
    // 12:00:00 and 12:00:10 are now past the window too
    assertThat(count(jdbc, "chamber_sample")).isZero();

    // the reader serves the summaries for the old range, weighted by their readings
    List<Bucket> buckets =
        telemetry(db)
            .downsample(
                "c1",
                Instant.parse("2026-03-01T11:00:00Z"),
                Instant.parse("2026-03-01T13:00:00Z"),
                1);
    assertThat(buckets).hasSize(1);
    Bucket b = buckets.get(0);
    assertThat(b.readings()).isEqualTo(7);
    assertThat(b.minuteSummaries()).isTrue();
    assertThat(b.airMin()).isEqualTo(5.0);
    assertThat(b.airMax()).isEqualTo(99.0);
    assertThat(b.airMean()).isCloseTo((10 + 20 + 30 + 40 + 5 + 99 + 98) / 7.0, within(1e-9));
    assertThat(b.at()).isEqualTo(Instant.parse("2026-03-01T11:58:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void shouldFoldOldPassingInSituSamplesAndKeepReadPoints(String vendor) {
    DataSource db = migrated(vendor, "retention_in_situ");
    JdbcClient jdbc = JdbcClient.create(db);
    InSituRetention retention = new InSituRetention(jdbc, new DataSourceTransactionManager(db));
    // cutoff: 2026-03-01T00:00:00Z
    long baseline = sample(jdbc, "BASELINE", "2026-01-01T12:00:00Z", "PASS", 1, 1, 1);
    long readPoint = sample(jdbc, "READ_POINT", "2026-02-01T12:00:00Z", "PASS", 2, 2, 2);
    sample(jdbc, "IN_SITU", "2026-02-10T12:00:00Z", "PASS", 10, 1.0, 0.5);
    sample(jdbc, "IN_SITU", "2026-02-10T13:00:00Z", "PASS", 20, 3.0, 0.7);
    long failing = sample(jdbc, "IN_SITU", "2026-02-10T14:00:00Z", "FAIL", 90, 0.1, 0.1);
    long evidence = sample(jdbc, "IN_SITU", "2026-02-10T15:00:00Z", "PASS", 30, 2.0, 0.6);
    jdbc.sql(
            "INSERT INTO module_failure (serial, campaign_id, leg_id, detected_at, sample_id,"
                + " criteria, lanes, credited_hours, credited_cycles) VALUES ('M-1', 'C-1', 'dh',"
                + " ?, ?, 'bias', '0', 10, 0)")
        .params(Timestamp.from(Instant.parse("2026-02-10T15:00:00Z")), evidence)
        .update();
    long recent = sample(jdbc, "IN_SITU", "2026-03-01T06:00:00Z", "PASS", 40, 4.0, 0.9);

    assertThat(retention.run(NOW, WINDOW)).isEqualTo(2);

    assertThat(jdbc.sql("SELECT id FROM module_sample ORDER BY id").query(Long.class).list())
        .containsExactly(baseline, readPoint, failing, evidence, recent);
    assertThat(count(jdbc, "lane_reading")).isEqualTo(5 * 2);
    List<Map<String, Object>> days =
        jdbc.sql("SELECT * FROM in_situ_day ORDER BY lane").query().listOfRows();
    assertThat(days).hasSize(2);
    for (Map<String, Object> d : days) {
      int lane = ((Number) d.get("lane")).intValue();
      assertThat(((Number) d.get("samples")).longValue()).isEqualTo(2);
      assertThat((Double) d.get("bias_min")).isEqualTo(10.0 + lane);
      assertThat((Double) d.get("bias_mean")).isCloseTo(15.0 + lane, within(1e-9));
      assertThat((Double) d.get("bias_max")).isEqualTo(20.0 + lane);
      assertThat((Double) d.get("tx_mean")).isCloseTo(2.0, within(1e-9));
      assertThat((Double) d.get("rx_max")).isEqualTo(0.7);
      assertThat(d.get("leg_id")).isEqualTo("dh");
    }

    // a second run counts nothing twice, and a year later the read points are still there
    assertThat(retention.run(NOW, WINDOW)).isZero();
    assertThat(jdbc.sql("SELECT SUM(samples) FROM in_situ_day").query(Long.class).single())
        .isEqualTo(4);
    retention.run(NOW.plus(Duration.ofDays(365)), WINDOW);
    assertThat(jdbc.sql("SELECT id FROM module_sample ORDER BY id").query(Long.class).list())
        .containsExactly(baseline, readPoint, failing, evidence);
  }

  private static void reading(
      JdbcClient jdbc, String chamber, String at, double air, Double load, Double humidity) {
    jdbc.sql(
            "INSERT INTO chamber_sample (chamber, at, air_temperature, air_setpoint,"
                + " load_temperature, humidity) VALUES (?, ?, ?, 25, ?, ?)")
        .params(chamber, Timestamp.from(Instant.parse(at)), air, load, humidity)
        .update();
  }

  /** A module sample of M-1 with two lanes (lane 1 has 1 mA more bias). */
  private static long sample(
      JdbcClient jdbc, String kind, String at, String verdict, double bias, double tx, double rx) {
    jdbc.sql(
            "INSERT INTO module_sample (serial, campaign_id, leg_id, at, kind, label,"
                + " stress_hours, cycles, in_envelope, verdict) VALUES ('M-1', 'C-1', 'dh', ?, ?,"
                + " 'x', 0, 0, TRUE, ?)")
        .params(Timestamp.from(Instant.parse(at)), kind, verdict)
        .update();
    long id = jdbc.sql("SELECT MAX(id) FROM module_sample").query(Long.class).single();
    for (int lane = 0; lane < 2; lane++) {
      jdbc.sql(
              "INSERT INTO lane_reading (sample_id, lane, bias_ma, tx_mw, rx_mw) VALUES (?, ?, ?, ?, ?)")
          .params(id, lane, bias + lane, tx, rx)
          .update();
    }
    return id;
  }

  private static Map<String, Object> minute(JdbcClient jdbc, String chamber, String start) {
    // a case-insensitive map: H2 names the columns in upper case, PostgreSQL in lower
    return jdbc.sql("SELECT * FROM chamber_minute WHERE chamber = ? AND minute_start = ?")
        .params(chamber, Timestamp.from(Instant.parse(start)))
        .query()
        .singleRow();
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private static TelemetryRepository telemetry(DataSource db) {
    return TelemetryRepositories.of(JdbcClient.create(db));
  }

  /** A fresh database of the vendor, migrated as the application migrates it. */
  static DataSource migrated(String vendor, String name) {
    DataSource db =
        switch (vendor) {
          case "h2" ->
              new DriverManagerDataSource(
                  "jdbc:h2:file:" + TestChambers.dataDir(name) + "/stressflow", "sa", "");
          case "postgresql" -> PostgreSql.dataSource(PostgreSql.newDatabase(name));
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

package io.stressflow.workflows.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.StressflowApplication;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.ErrorLog;
import io.stressflow.workflows.support.PostgreSql;
import io.stressflow.workflows.support.TestChambers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole application on PostgreSQL (issue #16, item 1): an embedded PostgreSQL 17 given as
 * {@code spring.datasource.url}, as the README's run command gives a server's. The application
 * migrates it with db/migration/postgresql, serves the API, registers lots and modules (the
 * standard MERGE), runs a compressed profile through Quartz's JDBC job store (its job data are
 * BYTEA: only PostgreSQLDelegate reads them), folds its telemetry into plot points (EXTRACT(EPOCH
 * …)), and keeps the audit trail append-only (a PL/pgSQL trigger). The same on the default H2 file
 * shows the portable SQL did not change what H2 does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgreSqlIT {

  static final double SCALE = 3600;

  ChamberSimulator simulator;

  @BeforeAll
  void startChamber() {
    simulator = TestChambers.simulator(SCALE);
  }

  @AfterAll
  void stopChamber() {
    simulator.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql", "h2"})
  void shouldRunTheApplicationOnEitherDatabase(String vendor) {
    boolean postgresql = vendor.equals("postgresql");
    String[] database =
        postgresql
            ? new String[] {
              "--spring.datasource.url=" + PostgreSql.newDatabase("app"),
              "--spring.datasource.username=postgres",
              "--spring.datasource.password="
            }
            // the default: an H2 file in the data folder
            : new String[0];
    try (ConfigurableApplicationContext app =
        TestChambers.webApp(TestChambers.dataDir(vendor), SCALE, simulator, database)) {
      Api api = new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
      JdbcClient db = JdbcClient.create(app.getBean(DataSource.class));
      assertThat(QuartzLocking.isPostgreSql(app.getBean(DataSource.class))).isEqualTo(postgresql);

      if (postgresql) {
        // migrated with PostgreSQL's own scripts, Quartz's tables in lower case
        assertThat(
                db.sql(
                        "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND script LIKE"
                            + " 'V%'")
                    .query(Integer.class)
                    .single())
            .isEqualTo(18);
        assertThat(
                db.sql(
                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_name ="
                            + " 'qrtz_triggers'")
                    .query(Integer.class)
                    .single())
            .isEqualTo(1);
      }

      Api.Reply chambers = api.get("/api/chambers");
      assertThat(chambers.status()).isEqualTo(200);
      assertThat(chambers.json().findValuesAsText("id")).contains("chamber-1");

      // a lot registered again keeps what the second registration does not give
      assertThat(api.postJson("/api/lots", Map.of("id", "L1", "partNumber", "P1")).status())
          .isEqualTo(201);
      JsonNode lot = api.postJson("/api/lots", Map.of("id", "L1", "dateCode", "2611")).json();
      assertThat(lot.get("partNumber").asText()).isEqualTo("P1");
      assertThat(lot.get("dateCode").asText()).isEqualTo("2611");
      JsonNode module = api.postJson("/api/modules", Map.of("serial", "M01", "lot", "L1")).json();
      assertThat(module.get("partNumber").asText()).isEqualTo("P1");
      assertThat(api.postJson("/api/modules", Map.of("serial", "M01")).status()).isEqualTo(201);
      assertThat(api.get("/api/modules/M01").json().get("lot").isNull()).isTrue();

      // a compressed profile, ticked by Quartz jobs on the JDBC job store
      Api.Reply started =
          api.postJson(
              "/api/profile-runs", Map.of("campaignId", "PG-1", "plan", plan(), "leg", "dh"));
      assertThat(started.status()).as(started.text()).isEqualTo(201);
      String run = "/api/profile-runs/" + started.json().get("id").asText();
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> "COMPLETED".equals(api.get(run).json().get("state").asText()));
      assertThat(api.get(run).json().get("hoursAtCondition").asDouble()).isGreaterThan(1.9);

      // every reading of the chamber so far, folded into at most 10 points
      List<java.sql.Timestamp> window =
          db.sql("SELECT MIN(at), MAX(at) FROM chamber_sample WHERE chamber = 'chamber-1'")
              .query((rs, i) -> List.of(rs.getTimestamp(1), rs.getTimestamp(2)))
              .single();
      Api.Reply telemetry =
          api.get(
              "/api/chambers/chamber-1/telemetry?points=10&from=%s&to=%s"
                  .formatted(window.get(0).toInstant(), window.get(1).toInstant().plusMillis(1)));
      assertThat(telemetry.status()).as(telemetry.text()).isEqualTo(200);
      List<JsonNode> buckets = new ArrayList<>();
      telemetry.json().forEach(buckets::add);
      assertThat(buckets).isNotEmpty().hasSizeLessThanOrEqualTo(10);
      assertThat(buckets.stream().mapToInt(b -> b.get("readings").asInt()).sum())
          .isEqualTo(
              db.sql(
                      "SELECT COUNT(*) FROM chamber_sample WHERE chamber = 'chamber-1' AND at <="
                          + " ?")
                  .param(window.get(1))
                  .query(Integer.class)
                  .single());

      // the audit trail took the calls above and refuses to be changed
      assertThat(db.sql("SELECT COUNT(*) FROM audit_event").query(Integer.class).single())
          .isPositive();
      assertThatThrownBy(() -> db.sql("UPDATE audit_event SET actor = 'someone else'").update())
          .hasMessageContaining("append-only");
    }
  }

  /**
   * {@code ./stressflow demo} on PostgreSQL: a whole campaign (the workflow engine's jobs, sampling
   * rounds, a failure and its analysis, the outbox, signed decisions, the report and its
   * statistics) with no ERROR logged.
   */
  @Test
  void shouldRunTheDemoCampaignOnPostgreSql() {
    String url = PostgreSql.newDatabase("demo");
    AtomicReference<ErrorLog> errors = new AtomicReference<>();
    ApplicationListener<ApplicationPreparedEvent> openErrorLog = e -> errors.set(ErrorLog.open());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    ConfigurableApplicationContext app;
    try {
      app =
          new SpringApplicationBuilder(StressflowApplication.class)
              .profiles("demo")
              .listeners(openErrorLog)
              .run(
                  "demo",
                  "--stressflow.data-dir=" + TestChambers.dataDir("postgresql-demo"),
                  "--spring.datasource.url=" + url,
                  "--spring.datasource.username=postgres",
                  "--spring.datasource.password=",
                  "--spring.quartz.scheduler-name=demo-" + UUID.randomUUID());
    } finally {
      System.setOut(stdout);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    try (ErrorLog log = errors.get()) {
      app.close();
      assertThat(log.errors()).as("ERRORs logged by the demo").isEmpty();
    }
    JdbcClient db = JdbcClient.create(PostgreSql.dataSource(url));
    String campaign = db.sql("SELECT id FROM campaign").query(String.class).single();
    assertThat(output).as(output).contains("Campaign " + campaign + " COMPLETED");
    assertThat(db.sql("SELECT verdict FROM campaign").query(String.class).single())
        .isEqualTo("FAIL");
    assertThat(db.sql("SELECT COUNT(*) FROM signed_decision").query(Integer.class).single())
        .isEqualTo(2);
    assertThat(
            db.sql("SELECT COUNT(*) FROM outbox_message WHERE sent_at IS NULL")
                .query(Integer.class)
                .single())
        .isZero();
  }

  /** A leg with a two-hour soak: a few seconds at time scale 3600. */
  private static String plan() {
    return """
        campaign: PostgreSQL
        product: { partNumber: P1 }
        modules: [{ serial: M01 }]
        legs:
          - id: dh
            chamber: chamber-1
            samples: [M01]
            profile:
              segments:
                - ramp: { to: 40, rate: 5 }
                - soak: { duration: PT2H, band: { below: 3, above: 3 } }
                - ramp: { to: 23, rate: 5 }
            readPoints: { unit: HOURS, at: [1, 2] }
            acceptance: { sampleSize: 1, allowedFailures: 0 }
        """;
  }
}

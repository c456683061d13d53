package io.stressflow.workflows.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressflow.chamber.Chamber;
import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.chamber.Setpoint;
import io.stressflow.workflows.time.TimeScale;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Idle telemetry thinning (issue #16 item 3): with no profile run on the chamber one reading per
 * idle interval is stored; while a run is active every reading is. Time is stepped, not waited for.
 */
class IdleTelemetryTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void shouldStoreOneIdleReadingPerIntervalAndEveryReadingWhileAProfileRuns() {
    DriverManagerDataSource db =
        new DriverManagerDataSource(
            "jdbc:h2:mem:idle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(db).locations("classpath:db/migration/h2").load().migrate();
    JdbcClient jdbc = JdbcClient.create(db);
    TelemetryRepository repository = new TelemetryRepository(jdbc, Duration.ofMinutes(1));
    MutableClock clock = new MutableClock(T0);
    ChamberTelemetry telemetry =
        new ChamberTelemetry(
            "c1", new FixedChamber(), Duration.ofSeconds(1), repository, new TimeScale(1), clock);

    // idle: 180 reads a second apart store 3 rows (0 s, 60 s, 120 s)
    for (int i = 0; i < 180; i++) {
      telemetry.poll();
      clock.now = clock.now.plusSeconds(1);
    }
    assertThat(rows(jdbc)).isEqualTo(3);
    assertThat(telemetry.latest()).isPresent();

    // a profile run on the chamber: every reading is stored
    jdbc.sql(
            "INSERT INTO profile_run (id, campaign_id, leg_id, chamber, leg, state, step,"
                + " target_temperature, cycles, soak_credited, stress_seconds, last_in_band,"
                + " next_read_point, created_at, updated_at) VALUES ('R-1', 'C-1', 'dh', 'c1',"
                + " '{}', 'RUNNING', 0, 85, 0, 0, 0, FALSE, 0, ?, ?)")
        .params(Timestamp.from(T0), Timestamp.from(T0))
        .update();
    for (int i = 0; i < 10; i++) {
      telemetry.poll();
      clock.now = clock.now.plusSeconds(1);
    }
    assertThat(rows(jdbc)).isEqualTo(13);
  }

  @Test
  void shouldRefuseANegativeIdleIntervalNamingTheProperty() {
    assertThatThrownBy(() -> new TelemetryRepository(null, Duration.ofSeconds(-1)))
        .hasMessageContaining("stressflow.telemetry.idle-interval");
  }

  private static long rows(JdbcClient jdbc) {
    return jdbc.sql("SELECT COUNT(*) FROM chamber_sample").query(Long.class).single();
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A chamber that always reads 23 degC, standing by. */
  private static final class FixedChamber implements Chamber {
    @Override
    public CompletionStage<ChamberState> readAsync() {
      return CompletableFuture.completedFuture(
          new ChamberState(T0, 23, 23, null, null, null, OperatingMode.STANDBY, Set.of(), false));
    }

    @Override
    public CompletionStage<Void> applyAsync(Setpoint setpoint) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> modeAsync(OperatingMode mode) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> safeStateAsync() {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {}
  }
}

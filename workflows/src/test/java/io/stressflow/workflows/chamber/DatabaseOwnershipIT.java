package io.stressflow.workflows.chamber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.stressflow.chamber.Chamber;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.Setpoint;
import io.stressflow.chamber.modbus.ModbusChamber;
import io.stressflow.chamber.modbus.ModbusChamberConfig;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.support.PostgreSql;
import io.stressflow.workflows.support.TestChambers;
import io.stressflow.workflows.system.ConfigurationProblem;
import io.stressflow.workflows.system.DatabaseOwnership;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One instance owns a lab's PostgreSQL database at a time (issue #16, item 2): a second instance is
 * refused and told who owns it, a standby waits and takes over when the owner goes, and an owner
 * cut off from the database stops writing to its chambers (fenced) while it can still read them. On
 * a real (embedded) PostgreSQL and a simulated chamber over Modbus TCP.
 */
class DatabaseOwnershipIT {

  static final Duration CHECK = Duration.ofMillis(300);
  static final Duration POLL = Duration.ofMillis(100);

  @Test
  void shouldRefuseASecondOwnerAndHandTheLabToTheStandbyWhenTheOwnerGoes() throws Exception {
    String url = PostgreSql.newDatabase("owner");
    try (DatabaseOwnership owner = take(url, false, () -> {})) {
      assertThat(owner.writesAllowed()).isTrue();

      // a second instance without standby: refused, naming the property and the owner
      assertThatThrownBy(() -> take(url, false, () -> {}))
          .isInstanceOf(ConfigurationProblem.class)
          .hasMessageContaining("stressflow.database.standby")
          .hasMessageContaining(owner.name());

      // a standby waits for it ...
      CompletableFuture<DatabaseOwnership> standby =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return take(url, true, () -> {});
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      // (a few of its polls go by without it taking over)
      await()
          .during(Duration.ofMillis(5 * POLL.toMillis()))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !standby.isDone());

      // ... and takes the lab over when the owner goes
      owner.close();
      assertThat(owner.writesAllowed()).isFalse();
      try (DatabaseOwnership next = standby.get(10, TimeUnit.SECONDS)) {
        assertThat(next.writesAllowed()).isTrue();
        assertThat(next.name()).isNotEqualTo(owner.name());
      }
    }
  }

  @Test
  void shouldFenceTheChamberWritesOfAnOwnerCutOffFromTheDatabase() throws Exception {
    String url = PostgreSql.newDatabase("fence");
    CountDownLatch lost = new CountDownLatch(1);
    try (ChamberSimulator simulator = TestChambers.simulator(1);
        DatabaseOwnership owner = take(url, false, lost::countDown);
        Chamber chamber =
            ReconnectingChamber.connect(
                "chamber-1",
                () ->
                    ModbusChamber.connect(
                        ModbusChamberConfig.create(
                            b -> {
                              b.host = "127.0.0.1";
                              b.port = simulator.port();
                              b.registerMap = RegisterMaps.load("generic");
                            })),
                true,
                owner::writesAllowed)) {
      // the owner writes and reads
      chamber.apply(Setpoint.temperature(40.0));
      await().atMost(Duration.ofSeconds(10)).until(() -> chamber.read().airSetpoint() == 40.0);

      // the server ends the owner's session (as when it drops a partitioned instance): the lock
      // goes with it, the owner finds out at its next check, and its chamber writes are refused
      JdbcClient.create(PostgreSql.dataSource(url))
          .sql("SELECT pg_terminate_backend(?)")
          .param(owner.sessionPid())
          .query(Boolean.class)
          .single();
      assertThat(lost.await(10, TimeUnit.SECONDS)).as("the owner noticed").isTrue();
      assertThat(owner.writesAllowed()).isFalse();
      assertThatThrownBy(() -> chamber.apply(Setpoint.temperature(85.0)))
          .isInstanceOf(ChamberException.class)
          .hasMessageContaining("fenced");
      assertThatThrownBy(chamber::safeState).hasMessageContaining("fenced");
      // nothing reached the controller; readings go on
      await().atMost(Duration.ofSeconds(10)).until(() -> chamber.read().airSetpoint() == 40.0);

      // and the lab is free for a standby at once
      try (DatabaseOwnership next = take(url, false, () -> {})) {
        assertThat(next.writesAllowed()).isTrue();
      }
    }
  }

  @Test
  void shouldStartAStandbyApplicationWhenTheOwningApplicationCloses() throws Exception {
    String url = PostgreSql.newDatabase("apps");
    String[] database = {
      "--spring.datasource.url=" + url,
      "--spring.datasource.username=postgres",
      "--spring.datasource.password=",
      "--stressflow.database.standby-poll=100ms"
    };
    try (ChamberSimulator simulator = TestChambers.simulator(3600)) {
      ConfigurableApplicationContext first =
          TestChambers.app(TestChambers.dataDir("owner-a"), 3600, simulator, database);
      try {
        assertThat(first.getBean(DatabaseOwnership.class).writesAllowed()).isTrue();
        // a second application on the same database: refused before anything starts
        assertThatThrownBy(
                () -> TestChambers.app(TestChambers.dataDir("owner-b"), 3600, simulator, database))
            .hasStackTraceContaining("stressflow.database.standby")
            .hasStackTraceContaining(first.getBean(DatabaseOwnership.class).name());
        // the same as a standby: waits, then starts when the first closes
        AtomicReference<ConfigurableApplicationContext> second = new AtomicReference<>();
        String[] standby = append(database, "--stressflow.database.standby=true");
        CompletableFuture<Void> starting =
            CompletableFuture.runAsync(
                () ->
                    second.set(
                        TestChambers.app(
                            TestChambers.dataDir("owner-c"), 3600, simulator, standby)));
        await()
            .during(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(10))
            .until(() -> !starting.isDone());
        first.close();
        starting.get(120, TimeUnit.SECONDS);
        try (ConfigurableApplicationContext next = second.get()) {
          DatabaseOwnership owner = next.getBean(DatabaseOwnership.class);
          assertThat(owner.writesAllowed()).isTrue();
          // its lab drives the chamber
          Chamber driver = next.getBean(Lab.class).driver("chamber-1");
          driver.apply(Setpoint.temperature(30.0));
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> Math.abs(driver.read().airSetpoint() - 30.0) < 0.05);
        }
      } finally {
        first.close();
      }
    }
  }

  private static String[] append(String[] a, String b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + 1);
    r[a.length] = b;
    return r;
  }

  private static DatabaseOwnership take(String url, boolean standby, Runnable onLost)
      throws InterruptedException {
    return DatabaseOwnership.take(url, "postgres", null, standby, POLL, CHECK, onLost);
  }
}

package io.stressflow.workflows.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.TestChambers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox against a workflow engine outside the application (as Camunda 8 is), so the test can
 * stop and start it: a message exists only if its transaction commits, is sent with its message id
 * until the engine has it, counts the engine's 409 for that id as delivered, keeps a correlation
 * key's messages in order through an outage, and is sent by the next start if the application stops
 * first. A launch the engine cannot start leaves nothing behind and answers 503.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxIT {

  ChamberSimulator simulator;

  @BeforeAll
  void startChamber() {
    simulator = TestChambers.simulator(3600);
  }

  @AfterAll
  void stopChamber() {
    simulator.close();
  }

  @Test
  void shouldSendEachCommittedMessageOnceThroughOutagesAndRestarts() {
    Path data = TestChambers.dataDir("outbox");
    String engineState = "jdbc:h2:file:" + data.resolve("external-engine");
    Engine engine = engine(0, engineState);
    int port = engine.port();
    String[] settings = {
      "--stressflow.camunda.rest-address=" + engine.restAddress(),
      "--stressflow.outbox.poll=100ms",
      "--stressflow.outbox.retry-min=50ms",
      "--stressflow.outbox.retry-max=300ms"
    };
    try {
      try (ConfigurableApplicationContext app =
          TestChambers.webApp(data, 3600, simulator, settings)) {
        Outbox outbox = app.getBean(Outbox.class);
        CamundaClient client = app.getBean(CamundaClient.class);
        TransactionTemplate tx =
            new TransactionTemplate(app.getBean(PlatformTransactionManager.class));

        // a message whose transaction rolls back never exists
        tx.executeWithoutResult(
            status -> {
              outbox.publish("t/rolled-back", "test-message", "K", Map.of(), Duration.ofHours(1));
              status.setRollbackOnly();
            });
        assertThat(outbox.queued("t/rolled-back")).isFalse();

        // committed: sent with its id, so the engine has it (it refuses the id a second time)
        assertThat(outbox.publish("t/1", "test-message", "K", Map.of("a", 1), Duration.ofHours(1)))
            .isTrue();
        assertThat(outbox.publish("t/1", "test-message", "K", Map.of("a", 1), Duration.ofHours(1)))
            .as("queued once")
            .isFalse();
        awaitSent(outbox, "t/1");
        assertThat(status(client, "t/1")).isEqualTo(409);
        assertThat(row(app, "t/1")).containsEntry("ATTEMPTS", 1);

        // the engine has the id already (an earlier send whose answer was lost): delivered
        client
            .newPublishMessageCommand()
            .messageName("test-message")
            .correlationKey("K")
            .messageId("t/2")
            .timeToLive(Duration.ofHours(1))
            .send()
            .join();
        outbox.publish("t/2", "test-message", "K", Map.of(), Duration.ofHours(1));
        awaitSent(outbox, "t/2");
        assertThat(row(app, "t/2").get("LAST_ERROR")).isNull();

        // an outage: retried with back-off, and a later message of the same key waits behind it
        engine.close();
        outbox.publish("t/3", "test-message", "K", Map.of("n", 3), Duration.ofHours(1));
        outbox.publish("t/4", "test-message", "K", Map.of("n", 4), Duration.ofHours(1));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> ((Number) row(app, "t/3").get("ATTEMPTS")).intValue() >= 2);
        assertThat(row(app, "t/3").get("LAST_ERROR")).isNotNull();
        assertThat(row(app, "t/4").get("ATTEMPTS")).as("waits behind t/3").isEqualTo(0);
        assertThat(outbox.pending()).containsExactly("t/3", "t/4");

        // a launch the engine cannot start keeps nothing: no campaign, its modules stay free
        Api api = new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
        Api.Reply refused = api.post("/api/campaigns", "application/yaml", plan());
        assertThat(refused.status()).as(refused.text()).isEqualTo(503);
        assertThat(refused.json().get("title").asText()).isEqualTo("ENGINE_UNAVAILABLE");
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        assertThat(count(jdbc, "campaign")).isZero();
        assertThat(count(jdbc, "campaign_module")).isZero();
        assertThat(count(jdbc, "campaign_leg")).isZero();
        assertThat(count(jdbc, "campaign_event")).isZero();
      }

      // the application stopped with t/3 and t/4 unsent: the next start sends them, in order
      engine = engine(port, engineState);
      try (ConfigurableApplicationContext app =
          TestChambers.webApp(data, 3600, simulator, settings)) {
        Outbox outbox = app.getBean(Outbox.class);
        awaitSent(outbox, "t/4");
        assertThat(outbox.pending()).isEmpty();
        assertThat(sentAt(app, "t/3")).isBeforeOrEqualTo(sentAt(app, "t/4"));
        CamundaClient client = app.getBean(CamundaClient.class);
        assertThat(status(client, "t/3")).isEqualTo(409);
        assertThat(status(client, "t/4")).isEqualTo(409);

        // with the engine back, the same plan launches, its modules not held by the failed try
        Api api = new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
        Api.Reply launched = api.post("/api/campaigns", "application/yaml", plan());
        assertThat(launched.status()).as(launched.text()).isEqualTo(201);
        String id = launched.json().get("campaign").get("id").asText();
        assertThat(launched.json().get("campaign").get("processInstanceKey").asLong()).isPositive();
        Api.Reply abort = api.postJson("/api/campaigns/" + id + "/abort", Map.of("reason", "t"));
        assertThat(abort.status()).isEqualTo(202);
        // the workflow ends it (campaign.finish), no view needed: read from the database
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    jdbc.sql("SELECT state FROM campaign WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single(),
                "ABORTED"::equals);
        awaitSent(outbox, id + "/abort");
      }
    } finally {
      engine.close();
    }
  }

  private static void awaitSent(Outbox outbox, String messageId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> outbox.queued(messageId) && !outbox.pending().contains(messageId));
  }

  /** What the engine answers to a second publication of a message id (409: it has it). */
  private static int status(CamundaClient client, String messageId) {
    Throwable t =
        catchThrowable(
            () ->
                client
                    .newPublishMessageCommand()
                    .messageName("test-message")
                    .correlationKey("K")
                    .messageId(messageId)
                    .timeToLive(Duration.ofHours(1))
                    .send()
                    .join());
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ClientHttpException h) {
        return h.code();
      }
    }
    return t == null ? 200 : -1;
  }

  private static Map<String, Object> row(ConfigurableApplicationContext app, String messageId) {
    return app.getBean(JdbcClient.class)
        .sql("SELECT * FROM outbox_message WHERE message_id = ?")
        .param(messageId)
        .query()
        .singleRow();
  }

  private static java.time.Instant sentAt(ConfigurableApplicationContext app, String messageId) {
    return app.getBean(JdbcClient.class)
        .sql("SELECT sent_at FROM outbox_message WHERE message_id = ?")
        .param(messageId)
        .query(java.sql.Timestamp.class)
        .single()
        .toInstant();
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private static String plan() {
    try (InputStream in = OutboxIT.class.getResourceAsStream("/e2e/scenario1-pass.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("S1-", "OB-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Engine engine(int port, String jdbcUrl) {
    return Engine.start(
        EngineConfig.create(
            b -> {
              b.port = port;
              b.jdbcUrl = jdbcUrl;
            }));
  }
}

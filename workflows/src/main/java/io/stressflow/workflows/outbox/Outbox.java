package io.stressflow.workflows.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every message the application publishes to the workflow engine goes through here (issue #12,
 * exactly-once effects). {@link #publish} writes a row in the caller's transaction, so the message
 * exists if and only if the state it announces has committed; its message id is stable (derived
 * from the fact it announces), so writing it again changes nothing. A relay sends the pending rows,
 * oldest first, with their message id, and marks a row sent only when the engine has acknowledged
 * it, or has answered {@code 409 ALREADY_EXISTS} for its id (it has the message from an earlier
 * send whose answer was lost). A row the engine did not take is retried with back-off (per row,
 * {@code stressflow.outbox.retry-min} doubling to {@code retry-max}) until it is; later messages
 * for the same correlation key wait for it, so a campaign hears of its facts in order. The relay
 * runs after every commit that wrote a row, every {@code stressflow.outbox.poll}, and at start-up,
 * so rows left by a crash are sent when the application is back.
 */
@Component
public class Outbox {

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 200;

  private final JdbcClient jdbc;
  private final CamundaClient client;
  private final Clock clock;
  private final Duration poll;
  private final Duration retryMin;
  private final Duration retryMax;
  private final Map<Long, Long> notBefore = new ConcurrentHashMap<>();
  private final AtomicBoolean nudged = new AtomicBoolean();
  private final List<Runnable> afterRelay = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean started;
  private final ScheduledExecutorService relay =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "outbox-relay");
            t.setDaemon(true);
            return t;
          });

  Outbox(
      JdbcClient jdbc,
      CamundaClient client,
      Clock clock,
      @Value("${stressflow.outbox.poll:1s}") Duration poll,
      @Value("${stressflow.outbox.retry-min:500ms}") Duration retryMin,
      @Value("${stressflow.outbox.retry-max:1m}") Duration retryMax) {
    this.jdbc = jdbc;
    this.client = client;
    this.clock = clock;
    this.poll = poll;
    this.retryMin = retryMin;
    this.retryMax = retryMax;
  }

  /**
   * Queues a message for the workflow engine in the caller's transaction (or on its own when there
   * is none). Queuing a message id that is queued or sent already does nothing.
   *
   * @param messageId the message's stable id, derived from the fact it announces (e.g. {@code
   *     C-1/tc/R-1/leg-completed/1}).
   * @param name the message name, as the process models catch it.
   * @param correlationKey the correlation key (the campaign id).
   * @param variables the message's variables (JSON-serialisable values).
   * @param timeToLive how long the engine buffers it for a subscription that is not open yet.
   * @return whether a row was written (false: the message id was queued before).
   */
  public boolean publish(
      String messageId,
      String name,
      String correlationKey,
      Map<String, Object> variables,
      Duration timeToLive) {
    if (queued(messageId)) {
      return false;
    }
    String json;
    try {
      json = JSON.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Expected JSON-serialisable variables for message " + messageId + ", but: " + e, e);
    }
    jdbc.sql(
            "INSERT INTO outbox_message (message_id, name, correlation_key, variables,"
                + " time_to_live_ms, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            messageId,
            name,
            correlationKey,
            json,
            timeToLive.toMillis(),
            Timestamp.from(clock.instant()))
        .update();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              nudge();
            }
          });
    } else {
      nudge();
    }
    return true;
  }

  /**
   * Whether a message id has been queued (sent or not).
   *
   * @param messageId the message id.
   * @return true if a row exists for it.
   */
  public boolean queued(String messageId) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE message_id = ?")
            .param(messageId)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * How many messages with ids starting with a prefix have been queued: the next sequence number of
   * a fact that can happen more than once (e.g. a chamber alarm during a run).
   *
   * @param prefix the message id prefix.
   * @return the count.
   */
  public long count(String prefix) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE message_id LIKE ?")
        .param(prefix.replace("%", "\\%").replace("_", "\\_") + "%")
        .query(Long.class)
        .single();
  }

  /**
   * Messages not acknowledged by the engine yet.
   *
   * @return their message ids, oldest first.
   */
  public List<String> pending() {
    return jdbc.sql("SELECT message_id FROM outbox_message WHERE sent_at IS NULL ORDER BY id")
        .query(String.class)
        .list();
  }

  /**
   * Runs a task on the relay's thread after each relay pass (e.g. looking for work a crash left
   * undone).
   *
   * @param task the task; it must not throw.
   */
  public void afterEachPass(Runnable task) {
    afterRelay.add(task);
  }

  // started before the application runners (the demo is one), not when the application is ready
  @EventListener(ApplicationStartedEvent.class)
  void start() {
    started = true;
    relay.scheduleWithFixedDelay(
        this::relaySafely, 0, Math.max(50, poll.toMillis()), TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    started = false;
    relay.shutdown();
    try {
      if (!relay.awaitTermination(10, TimeUnit.SECONDS)) {
        relay.shutdownNow();
      }
    } catch (InterruptedException e) {
      relay.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Asks the relay to run soon (after a commit that queued a message). */
  void nudge() {
    if (started && !relay.isShutdown() && nudged.compareAndSet(false, true)) {
      try {
        relay.execute(
            () -> {
              nudged.set(false);
              relaySafely();
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        nudged.set(false); // shutting down: the next start sends it
      }
    }
  }

  private void relaySafely() {
    try {
      relay();
    } catch (RuntimeException e) {
      log.warn("Outbox relay: {}", e.getMessage());
    }
    for (Runnable task : afterRelay) {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("After the outbox relay: {}", e.getMessage());
      }
    }
  }

  /**
   * Sends the pending messages whose back-off has run out, oldest first; a correlation key whose
   * message was not taken sends nothing more in this pass.
   *
   * @return how many were acknowledged.
   */
  synchronized int relay() {
    List<Row> rows =
        jdbc.sql(
                "SELECT id, message_id, name, correlation_key, variables, time_to_live_ms,"
                    + " attempts FROM outbox_message WHERE sent_at IS NULL ORDER BY id LIMIT "
                    + BATCH)
            .query(
                (rs, i) ->
                    new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getInt(7)))
            .list();
    Set<String> held = new HashSet<>();
    int sent = 0;
    long now = System.nanoTime();
    for (Row row : rows) {
      if (held.contains(row.correlationKey())) {
        continue;
      }
      Long due = notBefore.get(row.id());
      if (due != null && due - now > 0) {
        held.add(row.correlationKey());
        continue;
      }
      try {
        send(row);
        markSent(row);
        sent++;
      } catch (RuntimeException e) {
        if (conflict(e)) {
          // the engine has this message id already: an earlier send's answer was lost
          log.debug("Message {} was delivered before; marked sent", row.messageId());
          markSent(row);
          sent++;
          continue;
        }
        held.add(row.correlationKey());
        int attempts = row.attempts() + 1;
        long delay =
            Math.min(retryMax.toMillis(), retryMin.toMillis() << Math.min(attempts - 1, 20));
        notBefore.put(row.id(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay));
        jdbc.sql("UPDATE outbox_message SET attempts = ?, last_error = ? WHERE id = ?")
            .params(attempts, String.valueOf(e.getMessage()), row.id())
            .update();
        log.warn(
            "Message {} not taken by the engine (attempt {}), retrying in {} ms: {}",
            row.messageId(),
            attempts,
            delay,
            e.getMessage());
      }
    }
    return sent;
  }

  private void send(Row row) {
    Map<String, Object> variables;
    try {
      variables = JSON.readValue(row.variables(), new TypeReference<HashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored variables of " + row.messageId() + " unreadable", e);
    }
    client
        .newPublishMessageCommand()
        .messageName(row.name())
        .correlationKey(row.correlationKey())
        .messageId(row.messageId())
        .timeToLive(Duration.ofMillis(row.timeToLiveMs()))
        .variables(variables)
        .send()
        .join(30, TimeUnit.SECONDS);
  }

  private void markSent(Row row) {
    notBefore.remove(row.id());
    jdbc.sql("UPDATE outbox_message SET sent_at = ?, attempts = ? WHERE id = ?")
        .params(Timestamp.from(clock.instant()), row.attempts() + 1, row.id())
        .update();
  }

  /** Whether the engine answered 409: a message with this id is buffered there already. */
  private static boolean conflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ClientHttpException h && h.code() == 409) {
        return true;
      }
    }
    return false;
  }

  private record Row(
      long id,
      String messageId,
      String name,
      String correlationKey,
      String variables,
      long timeToLiveMs,
      int attempts) {}
}

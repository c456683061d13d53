package io.stressflow.workflows.sampling;

import io.camunda.client.CamundaClient;
import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.outbox.Outbox;
import io.stressflow.workflows.sampling.FailureJudge.Verdict;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Routes a module failure in two steps. {@link #record} runs inside the round's transaction:
 * quarantine (the module is sampled and credited no more), the failure record, the campaign's
 * logbook and the {@code module-failed} message to the campaign (queued in the {@link Outbox}, so
 * it is sent exactly when the failure has committed); so a failure is durable the moment its round
 * commits, whether or not the workflow engine can be reached. The failure row is also the intent to
 * start its analysis: {@link #dispatch}, after the commit and off the round's thread, starts the
 * {@code failure-analysis} process instance with the data snapshot, at most once per failure: it
 * first looks for an instance with the failure's business id ({@code <campaign>/<serial>}), one a
 * crash or a lost answer left behind, and creates one (with that business id) only if there is
 * none, then records its key. If the engine cannot be reached it retries with back-off, and
 * failures still without an instance are picked up again when the application starts.
 */
@Component
class FailureRouter implements DisposableBean {

  /** BPMN process id of the failure-analysis process (bpmn/failure-analysis.bpmn). */
  static final String FAILURE_ANALYSIS = "failure-analysis";

  private static final Logger log = LoggerFactory.getLogger(FailureRouter.class);

  private final JdbcClient jdbc;
  private final CamundaClient client;
  private final Outbox outbox;
  private final org.springframework.transaction.support.TransactionTemplate transactions;
  private final CampaignLog campaignLog;
  private final Clock clock;
  private final Duration retryMin;
  private final Duration retryMax;
  private final ScheduledThreadPoolExecutor pool;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  FailureRouter(
      JdbcClient jdbc,
      CamundaClient client,
      Outbox outbox,
      org.springframework.transaction.PlatformTransactionManager transactionManager,
      CampaignLog campaignLog,
      Clock clock,
      @Value("${stressflow.sampling.routing-threads:4}") int threads,
      @Value("${stressflow.sampling.routing-retry-min:1s}") Duration retryMin,
      @Value("${stressflow.sampling.routing-retry-max:1m}") Duration retryMax) {
    this.jdbc = jdbc;
    this.client = client;
    this.outbox = outbox;
    this.transactions =
        new org.springframework.transaction.support.TransactionTemplate(transactionManager);
    this.campaignLog = campaignLog;
    this.clock = clock;
    this.retryMin = retryMin;
    this.retryMax = retryMax;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ScheduledThreadPoolExecutor(
            Math.max(1, threads),
            r -> {
              Thread t = new Thread(r, "failure-routing-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Records a failure in the caller's transaction: quarantine, the failure row (no failure-analysis
   * instance yet), the logbook, the campaign's {@code module-failed} message (outbox).
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @param serial the failed module.
   * @param sampleId the sample that failed.
   * @param verdict why.
   * @param at when the failing sample was read.
   */
  void record(
      String campaignId, String legId, String serial, long sampleId, Verdict verdict, Instant at) {
    Map<String, Object> unit =
        jdbc.sql(
                "SELECT credited_hours, credited_cycles, last_good_point FROM module_unit"
                    + " WHERE campaign_id = ? AND serial = ?")
            .params(campaignId, serial)
            .query()
            .singleRow();
    jdbc.sql("UPDATE module_unit SET state = 'FAILED' WHERE campaign_id = ? AND serial = ?")
        .params(campaignId, serial)
        .update();
    String criteria = criteria(verdict);
    String lanes = verdict.affectedLanes().toString();
    jdbc.sql(
            "INSERT INTO module_failure (serial, campaign_id, leg_id, detected_at, sample_id, criteria,"
                + " lanes, credited_hours, credited_cycles, last_good_point, message_sent_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            serial,
            campaignId,
            legId,
            Timestamp.from(at),
            sampleId,
            criteria.length() > 2000 ? criteria.substring(0, 1997) + "..." : criteria,
            lanes,
            unit.get("CREDITED_HOURS"),
            unit.get("CREDITED_CYCLES"),
            unit.get("LAST_GOOD_POINT"),
            Timestamp.from(clock.instant()))
        .update();
    tellCampaign(campaignId, legId, serial, criteria);
    campaignLog.record(
        campaignId,
        "MODULE_FAILED",
        "[%s] module %s failed (%s); lanes %s; credited %.1f h to read point %s; failure analysis to start"
            .formatted(
                legId,
                serial,
                criteria,
                lanes,
                ((Number) unit.get("CREDITED_HOURS")).doubleValue(),
                unit.get("LAST_GOOD_POINT")));
  }

  /**
   * Queues the campaign's {@code module-failed} message (stable id {@code
   * module-failed/<campaign>/<serial>}) in the caller's transaction; since V14 {@code
   * module_failure.message_sent_at} says when it was queued, its delivery is the outbox's.
   */
  private void tellCampaign(String campaignId, String legId, String serial, String criteria) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("serial", serial);
    vars.put("legId", legId);
    vars.put("criteria", criteria);
    outbox.publish(
        "module-failed/" + campaignId + "/" + serial,
        "module-failed",
        campaignId,
        vars,
        Duration.ofDays(30));
  }

  /**
   * Starts failure analysis (and, for a failure recorded before the outbox existed, tells the
   * campaign), for failures whose records have committed; off the caller's thread.
   *
   * @param campaignId the campaign they failed in.
   * @param serials the failed modules.
   */
  void dispatch(String campaignId, Collection<String> serials) {
    serials.forEach(serial -> pool.execute(() -> route(campaignId, serial, 0)));
  }

  @EventListener(ApplicationReadyEvent.class)
  void resume() {
    List<Map.Entry<String, String>> pending =
        jdbc.sql(
                "SELECT campaign_id, serial FROM module_failure"
                    + " WHERE fa_instance_key IS NULL OR message_sent_at IS NULL ORDER BY detected_at")
            .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2)))
            .list();
    if (!pending.isEmpty()) {
      log.info("Routing {} failures recorded before the restart: {}", pending.size(), pending);
      pending.forEach(f -> dispatch(f.getKey(), List.of(f.getValue())));
    }
  }

  private void route(String campaignId, String serial, int attempt) {
    // a module's failure is one per campaign: the same serial may have failed in another
    String key = campaignId + "/" + serial;
    if (!inFlight.add(key)) {
      return; // another attempt is running; it will finish the job or retry
    }
    try {
      Map<String, Object> failure =
          jdbc.sql("SELECT * FROM module_failure WHERE campaign_id = ? AND serial = ?")
              .params(campaignId, serial)
              .query()
              .singleRow();
      String legId = (String) failure.get("LEG_ID");
      String faKey = (String) failure.get("FA_INSTANCE_KEY");
      if (faKey == null) {
        String instance = startAnalysis(serial, failure);
        transactions.executeWithoutResult(
            status -> {
              int recorded =
                  jdbc.sql(
                          "UPDATE module_failure SET fa_instance_key = ?, fa_started_at = ?"
                              + " WHERE serial = ? AND campaign_id = ? AND fa_instance_key IS NULL")
                      .params(instance, Timestamp.from(clock.instant()), serial, campaignId)
                      .update();
              if (recorded > 0) {
                campaignLog.record(
                    campaignId,
                    "FAILURE_ANALYSIS_STARTED",
                    "[%s] module %s: failure analysis instance %s"
                        .formatted(legId, serial, instance));
              }
            });
      }
      if (failure.get("MESSAGE_SENT_AT") == null) {
        // recorded before the outbox existed: queued now, with the same stable id
        transactions.executeWithoutResult(
            status -> {
              tellCampaign(campaignId, legId, serial, (String) failure.get("CRITERIA"));
              jdbc.sql(
                      "UPDATE module_failure SET message_sent_at = ? WHERE serial = ? AND"
                          + " campaign_id = ?")
                  .params(Timestamp.from(clock.instant()), serial, campaignId)
                  .update();
            });
      }
    } catch (RuntimeException e) {
      long delay = Math.min(retryMax.toMillis(), retryMin.toMillis() << Math.min(attempt, 20));
      log.warn(
          "Failure analysis of {} not started or campaign not told (attempt {}), retrying in {} ms: {}",
          serial,
          attempt + 1,
          delay,
          e.getMessage());
      if (!pool.isShutdown()) {
        pool.schedule(() -> route(campaignId, serial, attempt + 1), delay, TimeUnit.MILLISECONDS);
      }
    } finally {
      inFlight.remove(key);
    }
  }

  /**
   * The failure's analysis instance: the one the engine has with the failure's business id (created
   * before a crash or a lost answer), else a new one with that business id.
   */
  private String startAnalysis(String serial, Map<String, Object> failure) {
    String campaignId = (String) failure.get("CAMPAIGN_ID");
    String businessId = businessId(campaignId, serial);
    java.util.Optional<Long> existing = existingAnalysis(businessId);
    if (existing.isPresent()) {
      log.info("Failure analysis of {} exists already: instance {}", businessId, existing.get());
      return Long.toString(existing.get());
    }
    Map<String, Object> snapshot = FailureSnapshot.of(jdbc, failure);
    return Long.toString(
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(FAILURE_ANALYSIS)
            .latestVersion()
            .variables(snapshot)
            .businessId(businessId)
            .send()
            .join()
            .getProcessInstanceKey());
  }

  /**
   * The business id of a failure's analysis instance.
   *
   * @param campaignId the campaign.
   * @param serial the failed module.
   * @return {@code <campaign>/<serial>}.
   */
  static String businessId(String campaignId, String serial) {
    return campaignId + "/" + serial;
  }

  /** The oldest failure-analysis instance with this business id, if the engine has one. */
  private java.util.Optional<Long> existingAnalysis(String businessId) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(FAILURE_ANALYSIS).businessId(businessId))
        .send()
        .join()
        .items()
        .stream()
        .map(io.camunda.client.api.search.response.ProcessInstance::getProcessInstanceKey)
        .min(Long::compare);
  }

  private static String criteria(Verdict verdict) {
    return verdict.findings().stream()
        .map(f -> f.criterion() + ": " + f.detail())
        .collect(Collectors.joining("; "));
  }

  /**
   * The failures of a campaign.
   *
   * @param campaignId the campaign.
   * @return one row per failed module.
   */
  List<Map<String, Object>> of(String campaignId) {
    return jdbc.sql("SELECT * FROM module_failure WHERE campaign_id = ? ORDER BY detected_at")
        .param(campaignId)
        .query()
        .listOfRows();
  }

  @Override
  public void destroy() {
    pool.shutdown();
    try {
      // no interrupt while it writes: an interrupted H2 file write closes the database for everyone
      if (!pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}

package io.stressflow.workflows.sampling;

import io.camunda.client.CamundaClient;
import io.stressflow.workflows.campaign.CampaignLog;
import io.stressflow.workflows.sampling.FailureJudge.Verdict;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * logbook; so a failure is durable the moment its round commits, whether or not the workflow engine
 * can be reached. {@link #dispatch}, after the commit, starts the {@code failure-analysis} process
 * instance with the data snapshot and tells the campaign by a {@code module-failed} message, off
 * the round's thread; if the engine cannot be reached it retries with back-off, and failures still
 * without an instance or message are picked up again when the application starts.
 */
@Component
class FailureRouter implements DisposableBean {

  /** BPMN process id of the failure-analysis process (bpmn/failure-analysis.bpmn). */
  static final String FAILURE_ANALYSIS = "failure-analysis";

  private static final Logger log = LoggerFactory.getLogger(FailureRouter.class);

  private final JdbcClient jdbc;
  private final CamundaClient client;
  private final CampaignLog campaignLog;
  private final Clock clock;
  private final Duration retryMin;
  private final Duration retryMax;
  private final ScheduledThreadPoolExecutor pool;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  FailureRouter(
      JdbcClient jdbc,
      CamundaClient client,
      CampaignLog campaignLog,
      Clock clock,
      @Value("${stressflow.sampling.routing-threads:4}") int threads,
      @Value("${stressflow.sampling.routing-retry-min:1s}") Duration retryMin,
      @Value("${stressflow.sampling.routing-retry-max:1m}") Duration retryMax) {
    this.jdbc = jdbc;
    this.client = client;
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
   * instance yet), the logbook.
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
                + " lanes, credited_hours, credited_cycles, last_good_point)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
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
            unit.get("LAST_GOOD_POINT"))
        .update();
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
   * Starts failure analysis and tells the campaign, for failures whose records have committed; off
   * the caller's thread.
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
        faKey = startAnalysis(serial, failure);
        jdbc.sql(
                "UPDATE module_failure SET fa_instance_key = ?, fa_started_at = ?"
                    + " WHERE campaign_id = ? AND serial = ? AND fa_instance_key IS NULL")
            .params(faKey, Timestamp.from(clock.instant()), campaignId, serial)
            .update();
        campaignLog.record(
            campaignId,
            "FAILURE_ANALYSIS_STARTED",
            "[%s] module %s: failure analysis instance %s".formatted(legId, serial, faKey));
      }
      if (failure.get("MESSAGE_SENT_AT") == null) {
        client
            .newPublishMessageCommand()
            .messageName("module-failed")
            .correlationKey(campaignId)
            .messageId("module-failed/" + campaignId + "/" + serial)
            .timeToLive(Duration.ofHours(1))
            .variables(
                Map.of(
                    "serial",
                    serial,
                    "legId",
                    legId,
                    "criteria",
                    failure.get("CRITERIA"),
                    "faInstanceKey",
                    faKey))
            .send()
            .join();
        jdbc.sql(
                "UPDATE module_failure SET message_sent_at = ? WHERE campaign_id = ? AND serial = ?")
            .params(Timestamp.from(clock.instant()), campaignId, serial)
            .update();
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

  private String startAnalysis(String serial, Map<String, Object> failure) {
    String campaignId = (String) failure.get("CAMPAIGN_ID");
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("campaignId", campaignId);
    snapshot.put("legId", failure.get("LEG_ID"));
    snapshot.put("serial", serial);
    snapshot.put(
        "lot",
        jdbc.sql("SELECT lot FROM module_unit WHERE campaign_id = ? AND serial = ?")
            .params(campaignId, serial)
            .query(String.class)
            .optional()
            .orElse(null));
    snapshot.put("criteria", failure.get("CRITERIA"));
    snapshot.put("affectedLanes", lanes((String) failure.get("LANES")));
    snapshot.put("creditedHours", failure.get("CREDITED_HOURS"));
    snapshot.put("creditedCycles", failure.get("CREDITED_CYCLES"));
    snapshot.put("lastGoodReadPoint", failure.get("LAST_GOOD_POINT"));
    snapshot.put("failedSampleId", failure.get("SAMPLE_ID"));
    failedRead(failure.get("SAMPLE_ID"), snapshot);
    snapshot.put("history", history(campaignId, serial));
    return Long.toString(
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(FAILURE_ANALYSIS)
            .latestVersion()
            .variables(snapshot)
            .businessId(campaignId + "/" + serial)
            .send()
            .join()
            .getProcessInstanceKey());
  }

  /**
   * What the failing read said about the module as a whole: its state, temperature and supply, the
   * fault cause (CMIS lower page byte 41) when the state is FAULT, and the latched flags.
   */
  private void failedRead(Object sampleId, Map<String, Object> snapshot) {
    if (sampleId == null) {
      return;
    }
    jdbc
        .sql("SELECT state, temperature, vcc, fault_cause, flags FROM module_sample WHERE id = ?")
        .param(((Number) sampleId).longValue())
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .ifPresent(
            row -> {
              snapshot.put("moduleState", row.get("STATE"));
              snapshot.put("moduleTemperature", row.get("TEMPERATURE"));
              snapshot.put("vcc", row.get("VCC"));
              Object code = row.get("FAULT_CAUSE");
              snapshot.put(
                  "faultCause",
                  code == null
                      ? null
                      : ModuleDiagnostics.faultCauseText(((Number) code).intValue()));
              snapshot.put("flags", row.get("FLAGS"));
            });
  }

  private static List<Integer> lanes(String text) {
    List<Integer> lanes = new ArrayList<>();
    for (String s : text.replaceAll("[\\[\\] ]", "").split(",")) {
      if (!s.isEmpty()) {
        lanes.add(Integer.parseInt(s));
      }
    }
    return lanes;
  }

  private static String criteria(Verdict verdict) {
    return verdict.findings().stream()
        .map(f -> f.criterion() + ": " + f.detail())
        .collect(Collectors.joining("; "));
  }

  /** The module's samples in this campaign (not those of another campaign it was tested in). */
  private List<Map<String, Object>> history(String campaignId, String serial) {
    return jdbc.sql(
            "SELECT s.label, s.stress_hours, s.cycles, s.verdict, l.lane, l.bias_ma, l.tx_mw, l.rx_mw"
                + " FROM module_sample s JOIN lane_reading l ON l.sample_id = s.id"
                + " WHERE s.campaign_id = ? AND s.serial = ? ORDER BY s.id, l.lane")
        .params(campaignId, serial)
        .query()
        .listOfRows();
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
    pool.shutdownNow();
  }
}

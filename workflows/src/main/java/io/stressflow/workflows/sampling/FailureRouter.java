package io.stressflow.workflows.sampling;

import io.camunda.client.CamundaClient;
import io.stressflow.workflows.campaign.CampaignLog;
import io.stressflow.workflows.sampling.FailureJudge.Verdict;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Routes a module failure: quarantine (the module is sampled and credited no more), a
 * failure-analysis process instance with the data snapshot, the failure record, the campaign's
 * logbook, and a {@code module-failed} message to the campaign. The failure record is written even
 * if the workflow engine cannot be reached, so nothing is lost.
 */
@Component
class FailureRouter {

  /** BPMN process id of the failure-analysis process (bpmn/failure-analysis.bpmn). */
  static final String FAILURE_ANALYSIS = "failure-analysis";

  private static final Logger log = LoggerFactory.getLogger(FailureRouter.class);

  private final JdbcClient jdbc;
  private final CamundaClient client;
  private final CampaignLog campaignLog;

  FailureRouter(JdbcClient jdbc, CamundaClient client, CampaignLog campaignLog) {
    this.jdbc = jdbc;
    this.client = client;
    this.campaignLog = campaignLog;
  }

  void route(
      String campaignId, String legId, String serial, long sampleId, Verdict verdict, Instant at) {
    Map<String, Object> unit =
        jdbc.sql(
                "SELECT lot, credited_hours, credited_cycles, last_good_point FROM module_unit WHERE serial = ?")
            .param(serial)
            .query()
            .singleRow();
    jdbc.sql("UPDATE module_unit SET state = 'FAILED' WHERE serial = ?").param(serial).update();
    String criteria =
        verdict.findings().stream()
            .map(f -> f.criterion() + ": " + f.detail())
            .collect(Collectors.joining("; "));
    String lanes = verdict.affectedLanes().toString();
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("campaignId", campaignId);
    snapshot.put("legId", legId);
    snapshot.put("serial", serial);
    snapshot.put("lot", unit.get("LOT"));
    snapshot.put("criteria", criteria);
    snapshot.put("affectedLanes", new ArrayList<>(verdict.affectedLanes()));
    snapshot.put("creditedHours", unit.get("CREDITED_HOURS"));
    snapshot.put("creditedCycles", unit.get("CREDITED_CYCLES"));
    snapshot.put("lastGoodReadPoint", unit.get("LAST_GOOD_POINT"));
    snapshot.put("failedSampleId", sampleId);
    snapshot.put("history", history(serial));
    String faKey = null;
    try {
      faKey =
          Long.toString(
              client
                  .newCreateInstanceCommand()
                  .bpmnProcessId(FAILURE_ANALYSIS)
                  .latestVersion()
                  .variables(snapshot)
                  .businessId(campaignId + "/" + serial)
                  .send()
                  .join()
                  .getProcessInstanceKey());
    } catch (RuntimeException e) {
      // recorded below without a key: the failure itself is never lost
      log.error("Failure analysis for {} not started: {}", serial, e.getMessage());
    }
    jdbc.sql(
            "INSERT INTO module_failure (serial, campaign_id, leg_id, detected_at, sample_id, criteria,"
                + " lanes, credited_hours, credited_cycles, last_good_point, fa_instance_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            serial,
            campaignId,
            legId,
            Timestamp.from(at),
            sampleId,
            criteria,
            lanes,
            unit.get("CREDITED_HOURS"),
            unit.get("CREDITED_CYCLES"),
            unit.get("LAST_GOOD_POINT"),
            faKey)
        .update();
    campaignLog.record(
        campaignId,
        "MODULE_FAILED",
        "[%s] module %s failed (%s); lanes %s; credited %.1f h to read point %s; failure analysis %s"
            .formatted(
                legId,
                serial,
                criteria,
                lanes,
                ((Number) unit.get("CREDITED_HOURS")).doubleValue(),
                unit.get("LAST_GOOD_POINT"),
                faKey == null ? "NOT started" : "instance " + faKey));
    client
        .newPublishMessageCommand()
        .messageName("module-failed")
        .correlationKey(campaignId)
        .timeToLive(Duration.ofHours(1))
        .variables(Map.of("serial", serial, "legId", legId, "criteria", criteria))
        .send()
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                log.warn("Message module-failed for {} not published: {}", serial, e.getMessage());
              }
            });
  }

  private List<Map<String, Object>> history(String serial) {
    return jdbc.sql(
            "SELECT s.label, s.stress_hours, s.cycles, s.verdict, l.lane, l.bias_ma, l.tx_mw, l.rx_mw"
                + " FROM module_sample s JOIN lane_reading l ON l.sample_id = s.id WHERE s.serial = ?"
                + " ORDER BY s.id, l.lane")
        .param(serial)
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
}

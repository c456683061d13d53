package io.stressflow.workflows.campaign;

import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.plan.External;
import io.stressflow.workflows.plan.Leg;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The results of external legs ({@code external_leg_result}): what lab staff entered for a leg run
 * at a station outside the chambers. Recording them is one transaction: the result, and for each
 * failed module its quarantine ({@code module_unit}, if sampling follows it through a chamber leg
 * too), its failure record ({@code module_failure}, no failing sample: the station record stands
 * for it) and the logbook. Failure analysis is then started by sampling's failure routing, as for a
 * failure found at a read point. Recorded once per leg: a second call returns the stored result.
 */
@Component
class ExternalLegResults {

  /** The BPMN error that sends the entry back to lab staff (bpmn/README.md). */
  static final String INVALID = "EXTERNAL_RESULTS_INVALID";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final CampaignLog campaignLog;
  private final Clock clock;

  ExternalLegResults(
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      CampaignLog campaignLog,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.campaignLog = campaignLog;
    this.clock = clock;
  }

  /**
   * What lab staff entered, as the task's form gives it.
   *
   * @param failedModules the failed serials, separated by commas (or spaces); blank if none.
   * @param stationRecord the station's record of the test.
   * @param performedBy who ran it.
   * @param testDate when, ISO date ({@code 2026-12-04}).
   * @param notes anything else, or null.
   */
  record Entry(
      String failedModules,
      String stationRecord,
      String performedBy,
      String testDate,
      String notes) {

    /** The failed serials, in the order given, each once. */
    List<String> failed() {
      return serials(failedModules);
    }
  }

  /**
   * Serials as lab staff enter them: separated by commas, semicolons or spaces.
   *
   * @param text the entry, or null.
   * @return the serials, in the order given, each once.
   */
  static List<String> serials(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return List.copyOf(
        new LinkedHashSet<>(
            Arrays.stream(text.trim().split("[,;\\s]+")).filter(s -> !s.isEmpty()).toList()));
  }

  /**
   * A stored result.
   *
   * @param legId the leg.
   * @param test the external test.
   * @param conditions its conditions.
   * @param station the station named in the plan, or null.
   * @param stationRecord the station's record.
   * @param performedBy who ran it.
   * @param testDate when.
   * @param tested how many modules went through it.
   * @param failed the failed serials.
   * @param notes notes, or null.
   */
  record Result(
      String legId,
      String test,
      String conditions,
      String station,
      String stationRecord,
      String performedBy,
      LocalDate testDate,
      int tested,
      List<String> failed,
      String notes) {}

  /**
   * The leg's modules still on test: its samples less those that failed earlier in the campaign (in
   * another leg of their sequential group).
   */
  List<String> onTest(String campaignId, Leg leg) {
    Set<String> failed = failedInCampaign(campaignId).keySet();
    return leg.samples().stream().filter(s -> !failed.contains(s)).toList();
  }

  /**
   * Records an external leg's results, once.
   *
   * @param campaignId the campaign.
   * @param leg the external leg.
   * @param entry what lab staff entered.
   * @return the stored result, and whether this call stored it (false: it was stored before).
   * @throws WorkflowStepException if the entry names a module that is not on test in the leg, or a
   *     required value is missing or malformed (each message names the form field).
   */
  Map.Entry<Result, Boolean> record(String campaignId, Leg leg, Entry entry) {
    Optional<Result> stored = find(campaignId, leg.id());
    if (stored.isPresent()) {
      return Map.entry(stored.get(), false);
    }
    List<String> onTest = onTest(campaignId, leg);
    List<String> problems = problems(campaignId, leg, onTest, entry);
    if (!problems.isEmpty()) {
      String message =
          "The results entered for external leg '%s' do not fit: %s"
              .formatted(leg.id(), String.join("; ", problems));
      campaignLog.record(
          campaignId, "EXTERNAL_RESULTS_REFUSED", cut(message + "; the task is open again", 1000));
      throw new WorkflowStepException(INVALID, message);
    }
    External ext = leg.external();
    List<String> failed = entry.failed();
    Instant now = clock.instant();
    try {
      transactions.executeWithoutResult(
          status -> {
            jdbc.sql(
                    "INSERT INTO external_leg_result (campaign_id, leg_id, test, conditions, station,"
                        + " station_record, performed_by, test_date, tested, failed, notes,"
                        + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                    campaignId,
                    leg.id(),
                    ext.test(),
                    cut(ext.conditions(), 1000),
                    cut(ext.station(), 200),
                    cut(entry.stationRecord().trim(), 200),
                    cut(entry.performedBy().trim(), 200),
                    Date.valueOf(LocalDate.parse(entry.testDate().trim())),
                    onTest.size(),
                    failed.isEmpty() ? null : cut(String.join(", ", failed), 2000),
                    cut(entry.notes(), 2000),
                    Timestamp.from(now))
                .update();
            for (String serial : failed) {
              fail(campaignId, leg, entry, serial, now);
            }
            campaignLog.record(
                campaignId,
                "EXTERNAL_RESULTS",
                cut(
                    "[%s] %s (%s) at %s, record %s, by %s on %s: %d modules tested, %s"
                        .formatted(
                            leg.id(),
                            ext.test(),
                            ext.conditions(),
                            ext.station() == null ? "the lab's station" : ext.station(),
                            entry.stationRecord().trim(),
                            entry.performedBy().trim(),
                            entry.testDate().trim(),
                            onTest.size(),
                            failed.isEmpty() ? "none failed" : "failed " + failed),
                    1000));
          });
    } catch (DuplicateKeyException e) {
      // recorded at the same moment by a second delivery of the job: that one stands
    }
    return Map.entry(find(campaignId, leg.id()).orElseThrow(), true);
  }

  private List<String> problems(String campaignId, Leg leg, List<String> onTest, Entry entry) {
    List<String> problems = failedModuleProblems(campaignId, leg, onTest, entry.failed());
    if (entry.stationRecord() == null || entry.stationRecord().isBlank()) {
      problems.add("stationRecord: is required");
    }
    if (entry.performedBy() == null || entry.performedBy().isBlank()) {
      problems.add("performedBy: is required");
    }
    if (entry.testDate() == null || entry.testDate().isBlank()) {
      problems.add("testDate: is required");
    } else {
      try {
        LocalDate.parse(entry.testDate().trim());
      } catch (DateTimeParseException e) {
        problems.add("testDate: '%s' is not a date (yyyy-mm-dd)".formatted(entry.testDate()));
      }
    }
    return problems;
  }

  /**
   * What is wrong with the modules lab staff entered as failed in a leg: each must be on test in it
   * (not failed earlier in the campaign). Each problem names the field {@code failedModules}.
   *
   * @param campaignId the campaign.
   * @param leg the leg.
   * @param onTest the leg's modules on test.
   * @param failed the serials entered as failed.
   * @return the problems, a modifiable list.
   */
  List<String> failedModuleProblems(
      String campaignId, Leg leg, List<String> onTest, List<String> failed) {
    List<String> problems = new ArrayList<>();
    Map<String, String> failedEarlier = failedInCampaign(campaignId);
    for (String serial : failed) {
      if (failedEarlier.containsKey(serial) && leg.samples().contains(serial)) {
        problems.add(
            "failedModules: '%s' failed earlier, in leg '%s', and is out of this one"
                .formatted(serial, failedEarlier.get(serial)));
      } else if (!onTest.contains(serial)) {
        problems.add(
            "failedModules: '%s' is not a module on test in leg '%s' (on test: %s)"
                .formatted(serial, leg.id(), String.join(", ", onTest)));
      }
    }
    return problems;
  }

  private void fail(String campaignId, Leg leg, Entry entry, String serial, Instant at) {
    External ext = leg.external();
    String criteria =
        "EXTERNAL_%s: failed %s (%s) at %s, station record %s, by %s on %s"
            .formatted(
                ext.test(),
                ext.test(),
                ext.conditions(),
                ext.station() == null ? "the lab's station" : ext.station(),
                entry.stationRecord().trim(),
                entry.performedBy().trim(),
                entry.testDate().trim());
    recordFailure(campaignId, leg.id(), serial, criteria, at);
  }

  /**
   * Records a module that lab staff found failed at a station (an external leg, or a read point
   * measured as a lab task), inside the caller's transaction: quarantined ({@code module_unit}
   * FAILED, credited to its last good read point), a {@code module_failure} without a failing
   * sample (the station record stands for it), and the logbook. Failure analysis is started by
   * {@code SamplingService.routeFailures} once the caller's transaction has committed.
   *
   * @param campaignId the campaign.
   * @param legId the leg it failed in.
   * @param serial the module.
   * @param criteria what it failed, with the station record, for people.
   * @param at when it was recorded.
   */
  void recordFailure(String campaignId, String legId, String serial, String criteria, Instant at) {
    criteria = cut(criteria, 2000);
    // a module sampling follows through a chamber leg keeps the credit it earned there
    Map<String, Object> unit =
        jdbc
            .sql(
                "SELECT credited_hours, credited_cycles, last_good_point FROM module_unit"
                    + " WHERE serial = ? AND campaign_id = ?")
            .params(serial, campaignId)
            .query()
            .listOfRows()
            .stream()
            .findFirst()
            .orElse(Map.of());
    jdbc.sql("UPDATE module_unit SET state = 'FAILED' WHERE serial = ? AND campaign_id = ?")
        .params(serial, campaignId)
        .update();
    Number hours = (Number) unit.getOrDefault("CREDITED_HOURS", 0.0);
    Number cycles = (Number) unit.getOrDefault("CREDITED_CYCLES", 0L);
    String lastGood = (String) unit.get("LAST_GOOD_POINT");
    jdbc.sql(
            "INSERT INTO module_failure (serial, campaign_id, leg_id, detected_at, sample_id,"
                + " criteria, lanes, credited_hours, credited_cycles, last_good_point)"
                + " VALUES (?, ?, ?, ?, NULL, ?, '[]', ?, ?, ?)")
        .params(serial, campaignId, legId, Timestamp.from(at), criteria, hours, cycles, lastGood)
        .update();
    campaignLog.record(
        campaignId,
        "MODULE_FAILED",
        cut(
            "[%s] module %s failed (%s); failure analysis to start"
                .formatted(legId, serial, criteria),
            1000));
  }

  /** The campaign's failed modules, with the leg each failed in. */
  private Map<String, String> failedInCampaign(String campaignId) {
    Map<String, String> failed = new java.util.LinkedHashMap<>();
    jdbc.sql("SELECT serial, leg_id FROM module_failure WHERE campaign_id = ? ORDER BY detected_at")
        .param(campaignId)
        .query((rs, i) -> failed.put(rs.getString(1), rs.getString(2)))
        .list();
    return failed;
  }

  /**
   * A leg's stored result.
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @return the result, if entered.
   */
  Optional<Result> find(String campaignId, String legId) {
    return all(campaignId).stream().filter(r -> r.legId().equals(legId)).findFirst();
  }

  /**
   * The campaign's external results.
   *
   * @param campaignId the campaign.
   * @return one per external leg whose results were entered.
   */
  List<Result> all(String campaignId) {
    return jdbc.sql(
            "SELECT leg_id, test, conditions, station, station_record, performed_by, test_date,"
                + " tested, failed, notes FROM external_leg_result WHERE campaign_id = ?"
                + " ORDER BY recorded_at")
        .param(campaignId)
        .query(
            (rs, i) ->
                new Result(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getDate(7).toLocalDate(),
                    rs.getInt(8),
                    rs.getString(9) == null ? List.of() : List.of(rs.getString(9).split(", ")),
                    rs.getString(10)))
        .list();
  }

  static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}

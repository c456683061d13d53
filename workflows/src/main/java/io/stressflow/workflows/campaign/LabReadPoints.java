package io.stressflow.workflows.campaign;

import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.plan.Leg;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Read points measured as a lab task ({@code readPoints.mode: LAB_TASK}): while the chamber holds
 * the recovery condition, lab staff take the modules out, test them on the lab's station and bring
 * them back, then record it in the task <i>Measure at the lab station</i>. Recording it is one
 * transaction, once per read point: the times, the station record, who measured and notes on the
 * read point ({@code leg_read_point}), which is marked sampled; each module entered as failed is
 * quarantined and recorded exactly as an external leg's failure is ({@link
 * ExternalLegResults#recordFailure}); the modules still on test are credited to this read point.
 */
@Component
public class LabReadPoints {

  /** The BPMN error that sends the entry back to lab staff (bpmn/README.md). */
  static final String INVALID = "LAB_RESULTS_INVALID";

  /** Hand-entered times are given to the minute: allowed slack against the recorded ones. */
  static final Duration SLACK = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final CampaignLog campaignLog;
  private final CampaignLegRepository legs;
  private final ExternalLegResults stations;
  private final Clock clock;

  LabReadPoints(
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      CampaignLog campaignLog,
      CampaignLegRepository legs,
      ExternalLegResults stations,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.campaignLog = campaignLog;
    this.legs = legs;
    this.stations = stations;
    this.clock = clock;
  }

  /**
   * What lab staff entered, as the task's form gives it.
   *
   * @param modulesOutAt when the modules left the chamber (ISO date-time).
   * @param modulesBackAt when they were back in it.
   * @param stationRecord the lab station's record of the measurement.
   * @param measuredBy who measured.
   * @param failedModules the failed serials, separated by commas (or spaces); blank if none.
   * @param notes anything else, or null.
   */
  record Entry(
      String modulesOutAt,
      String modulesBackAt,
      String stationRecord,
      String measuredBy,
      String failedModules,
      String notes) {}

  /**
   * A read point recorded from the lab station.
   *
   * @param label the read point.
   * @param hours hours at condition credited at it.
   * @param cycles cycles at it.
   * @param tested how many modules were on test and measured.
   * @param failed the failed serials.
   */
  record Result(String label, double hours, long cycles, int tested, List<String> failed) {}

  /**
   * A hand-entered time: an instant ({@code 2026-12-04T10:15:00Z}), a date-time with an offset, or
   * a local date-time ({@code 2026-12-04T10:15}) in {@code zone}.
   *
   * @param text the entry.
   * @param zone the lab's time zone.
   * @return the instant, or empty if it is not a date-time.
   */
  public static Optional<Instant> time(String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.trim();
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      // not with an offset
    }
    try {
      return Optional.of(LocalDateTime.parse(t).atZone(zone).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Checks the times entered for a read point measured at the lab station: both given and
   * date-times, the modules out no earlier than the read point was reached (the chamber held the
   * recovery condition from then on), back no earlier than out and not in the future. Each problem
   * names its field. Pure, so the task API checks the same before it completes the task.
   *
   * @param out the entered {@code modulesOutAt}.
   * @param back the entered {@code modulesBackAt}.
   * @param reachedAt when the read point was reached, or null if unknown.
   * @param now now.
   * @param zone the lab's time zone, for times without an offset.
   * @return the problems, {@code field: message}.
   */
  public static List<String> timeProblems(
      String out, String back, Instant reachedAt, Instant now, ZoneId zone) {
    List<String> problems = new ArrayList<>();
    Optional<Instant> o = time(out, zone);
    Optional<Instant> b = time(back, zone);
    if (out == null || out.isBlank()) {
      problems.add("modulesOutAt: is required");
    } else if (o.isEmpty()) {
      problems.add("modulesOutAt: '%s' is not a date and time (yyyy-mm-ddThh:mm)".formatted(out));
    } else if (reachedAt != null && o.get().isBefore(reachedAt.minus(SLACK))) {
      problems.add(
          ("modulesOutAt: %s is before the read point was reached (%s): the modules leave the"
                  + " chamber once it holds the recovery condition")
              .formatted(
                  o.get().truncatedTo(ChronoUnit.SECONDS),
                  reachedAt.truncatedTo(ChronoUnit.SECONDS)));
    }
    if (back == null || back.isBlank()) {
      problems.add("modulesBackAt: is required");
    } else if (b.isEmpty()) {
      problems.add("modulesBackAt: '%s' is not a date and time (yyyy-mm-ddThh:mm)".formatted(back));
    } else if (o.isPresent() && b.get().isBefore(o.get())) {
      problems.add(
          "modulesBackAt: %s is before the modules left the chamber (%s)"
              .formatted(
                  b.get().truncatedTo(ChronoUnit.SECONDS),
                  o.get().truncatedTo(ChronoUnit.SECONDS)));
    } else if (b.get().isAfter(now.plus(SLACK))) {
      problems.add(
          "modulesBackAt: %s is in the future".formatted(b.get().truncatedTo(ChronoUnit.SECONDS)));
    }
    return problems;
  }

  /**
   * Records a read point measured at the lab station, once.
   *
   * @param campaignId the campaign.
   * @param leg the chamber leg, read points measured as a lab task.
   * @param label the read point, e.g. {@code 168 h}.
   * @param entry what lab staff entered.
   * @return the recorded read point (the stored one if it was recorded before).
   * @throws WorkflowStepException with {@value #INVALID} if the entry does not fit (each message
   *     names the form field); without an error code if the read point has not been reached.
   */
  Result record(String campaignId, Leg leg, String label, Entry entry) {
    CampaignView.ReadPointView point =
        find(campaignId, leg.id(), label)
            .orElseThrow(
                () ->
                    new WorkflowStepException(
                        null,
                        "Leg '%s' of %s has not reached read point %s"
                            .formatted(leg.id(), campaignId, label)));
    if (point.stationRecord() != null) {
      return stored(point);
    }
    if (!point.labTask()) {
      throw new WorkflowStepException(
          null,
          "Read point %s of leg '%s' is measured %s, not at the lab station"
              .formatted(label, leg.id(), point.mode()));
    }
    List<String> onTest = stations.onTest(campaignId, leg);
    List<String> failed = ExternalLegResults.serials(entry.failedModules());
    ZoneId zone = clock.getZone();
    Instant now = clock.instant();
    List<String> problems = stations.failedModuleProblems(campaignId, leg, onTest, failed);
    problems.addAll(
        timeProblems(entry.modulesOutAt(), entry.modulesBackAt(), point.reachedAt(), now, zone));
    if (entry.stationRecord() == null || entry.stationRecord().isBlank()) {
      problems.add("stationRecord: is required");
    }
    if (entry.measuredBy() == null || entry.measuredBy().isBlank()) {
      problems.add("measuredBy: is required");
    }
    if (!problems.isEmpty()) {
      String message =
          "The lab station results entered for read point %s of leg '%s' do not fit: %s"
              .formatted(label, leg.id(), String.join("; ", problems));
      campaignLog.record(
          campaignId,
          "LAB_RESULTS_REFUSED",
          ExternalLegResults.cut(message + "; the task is open again", 1000));
      throw new WorkflowStepException(INVALID, message);
    }
    Instant out = time(entry.modulesOutAt(), zone).orElseThrow();
    Instant back = time(entry.modulesBackAt(), zone).orElseThrow();
    String record = ExternalLegResults.cut(entry.stationRecord().trim(), 200);
    String by = ExternalLegResults.cut(entry.measuredBy().trim(), 200);
    transactions.executeWithoutResult(
        status -> {
          int updated =
              jdbc.sql(
                      "UPDATE leg_read_point SET station_record = ?, measured_by = ?,"
                          + " modules_out_at = ?, modules_back_at = ?, lab_notes = ?,"
                          + " sampled_at = ?, modules_read = ?, failed = ? WHERE campaign_id = ?"
                          + " AND leg_id = ? AND label = ? AND station_record IS NULL")
                  .params(
                      record,
                      by,
                      Timestamp.from(out),
                      Timestamp.from(back),
                      ExternalLegResults.cut(
                          entry.notes() == null || entry.notes().isBlank() ? null : entry.notes(),
                          2000),
                      Timestamp.from(now),
                      onTest.size(),
                      failed.isEmpty() ? null : String.join(", ", failed),
                      campaignId,
                      leg.id(),
                      label)
                  .update();
          if (updated == 0) {
            return; // recorded at the same moment by a second delivery of the job: that one stands
          }
          for (String serial : failed) {
            stations.recordFailure(
                campaignId,
                leg.id(),
                serial,
                ("LAB_READ_POINT: failed at read point %s on the lab's station, station record %s,"
                        + " measured by %s (modules out %s, back %s)")
                    .formatted(
                        label,
                        record,
                        by,
                        out.truncatedTo(ChronoUnit.SECONDS),
                        back.truncatedTo(ChronoUnit.SECONDS)),
                now);
          }
          // every module still on test passed this read point (the failed ones are FAILED now)
          jdbc.sql(
                  "UPDATE module_unit SET credited_hours = ?, credited_cycles = ?,"
                      + " last_good_point = ? WHERE campaign_id = ? AND leg_id = ? AND control ="
                      + " FALSE AND state <> 'FAILED'")
              .params(point.hours(), point.cycles(), label, campaignId, leg.id())
              .update();
          campaignLog.record(
              campaignId,
              "LAB_READ_POINT",
              ExternalLegResults.cut(
                  ("[%s] read point %s measured at the lab's station: modules out %s, back %s"
                          + " (%.2f h; the chamber held the recovery condition), station record"
                          + " %s, by %s: %d modules measured, %s")
                      .formatted(
                          leg.id(),
                          label,
                          out.truncatedTo(ChronoUnit.SECONDS),
                          back.truncatedTo(ChronoUnit.SECONDS),
                          Duration.between(out, back).toSeconds() / 3600.0,
                          record,
                          by,
                          onTest.size(),
                          failed.isEmpty() ? "none failed" : "failed " + failed),
                  1000));
        });
    return stored(find(campaignId, leg.id(), label).orElseThrow());
  }

  private Optional<CampaignView.ReadPointView> find(String campaignId, String legId, String label) {
    return legs.readPoints(campaignId, legId).stream()
        .filter(p -> p.label().equals(label))
        .findFirst();
  }

  private static Result stored(CampaignView.ReadPointView p) {
    return new Result(
        p.label(),
        p.hours(),
        p.cycles(),
        p.modulesRead() == null ? 0 : p.modulesRead(),
        ExternalLegResults.serials(p.failed()));
  }
}

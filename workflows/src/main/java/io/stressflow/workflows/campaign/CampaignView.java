package io.stressflow.workflows.campaign;

import java.time.Instant;
import java.util.List;

/**
 * Where a campaign stands, for people: what {@code GET /api/campaigns/{id}} answers and the CLI
 * shows.
 *
 * @param campaign the campaign.
 * @param progressPercent nominal profile time done over the whole campaign's, 0..100 (100 only once
 *     completed: an aborted campaign shows how far it got).
 * @param eta when the last leg's profile should end (wall clock): the legs of a wave run at once,
 *     so each wave counts as long as its longest leg; ramps at the rate the chamber has been
 *     measured to achieve when that is slower than planned; null when no profile time is left or
 *     the campaign has ended.
 * @param currentLeg the legs running now (comma-separated, e.g. {@code tc, dh}), or null.
 * @param legs every leg, in run order.
 * @param failures the modules that failed, oldest first.
 * @param openTasks what people must do now: the open user tasks of the campaign and of its failure
 *     analyses, names.
 * @param incidents the campaign's open incidents (a step that failed every retry), in its own
 *     process instance and its failure analyses': the campaign stands still until each is retried.
 * @param warnings what people should know about the campaign's pace, e.g. {@code chamber ramps at
 *     4.1 K/min, plan asks 10 K/min; ETA uses the achieved rate}; empty when none.
 * @param waitingForChamber what the campaign waits for before it can start, e.g. {@code chamber
 *     'chamber-2' since 2026-12-05T10:00:00Z: reserved by campaign C-…}, or null.
 */
public record CampaignView(
    Campaign campaign,
    double progressPercent,
    Instant eta,
    String currentLeg,
    List<LegView> legs,
    List<FailureView> failures,
    List<String> openTasks,
    List<IncidentView> incidents,
    List<String> warnings,
    String waitingForChamber) {

  /**
   * An open incident: what Operate shows, and what a retry needs.
   *
   * @param key the incident key (retry it with {@code POST
   *     /api/campaigns/{id}/incidents/{key}/retry}).
   * @param processInstanceKey the process instance it stands in.
   * @param elementId the BPMN element, e.g. {@code resume-profile}.
   * @param errorType e.g. {@code JOB_NO_RETRIES}.
   * @param message the last error.
   * @param jobKey the failed job, or null.
   * @param createdAt when it was raised.
   */
  public record IncidentView(
      String key,
      String processInstanceKey,
      String elementId,
      String errorType,
      String message,
      String jobKey,
      String createdAt) {}

  /**
   * One leg.
   *
   * @param id the leg id.
   * @param name for people.
   * @param state {@code PLANNED}, {@code RUNNING}, {@code PAUSED}, {@code COMPLETED} or {@code
   *     ABORTED}.
   * @param runId its profile run, once started.
   * @param hours its nominal profile time (ramps and soaks), h.
   * @param conditionHours the hours at condition its plan calls for (its soaks), h: what {@code
   *     hoursDone} is counted against.
   * @param cycles its cycles (0 for a steady stress).
   * @param samples modules stressed.
   * @param allowedFailures failures it may have and still pass, or null without a rule.
   * @param startedAt when its profile started.
   * @param endedAt when it ended.
   * @param progressPercent nominal profile time done, 0..100.
   * @param hoursDone hours at condition credited so far.
   * @param cyclesDone cycles completed.
   * @param readPoints the read points reached so far.
   * @param chamber the chamber it runs in (null for an external leg).
   */
  public record LegView(
      String id,
      String name,
      String state,
      String runId,
      double hours,
      double conditionHours,
      long cycles,
      int samples,
      Integer allowedFailures,
      Instant startedAt,
      Instant endedAt,
      double progressPercent,
      double hoursDone,
      long cyclesDone,
      List<ReadPointView> readPoints,
      String chamber) {}

  /**
   * A read point a leg reached, and how it was measured.
   *
   * @param leg the leg.
   * @param label e.g. {@code 168 h} or {@code 200 cycles}.
   * @param hours hours at condition when reached.
   * @param cycles cycles when reached.
   * @param mode {@code RECOVERY}, {@code IN_SITU} or {@code LAB_TASK}.
   * @param reachedAt when the modules were due to be measured (after the recovery, if any).
   * @param measuredAt when the modules had been measured, or null if not yet.
   * @param sampledAt when the workflow recorded the read point, or null if not yet.
   * @param airTemperature the chamber's air when measured, degC.
   * @param loadTemperature the load (DUT thermocouple) when measured, degC, or null.
   * @param humidity the chamber's humidity when measured, %RH, or null.
   * @param recoveryHours profile time the chamber recovered before measuring, h (0 in situ).
   * @param modulesRead how many modules were read.
   * @param failed the serials that failed there, comma-separated, or null.
   * @param stationRecord for a read point measured as a lab task, the lab station's record, else
   *     null.
   * @param measuredBy for a lab task, who measured the modules, else null.
   * @param modulesOutAt for a lab task, when the modules left the chamber, else null.
   * @param modulesBackAt for a lab task, when they came back, else null.
   * @param labNotes for a lab task, notes, or null.
   */
  public record ReadPointView(
      String leg,
      String label,
      double hours,
      long cycles,
      String mode,
      Instant reachedAt,
      Instant measuredAt,
      Instant sampledAt,
      Double airTemperature,
      Double loadTemperature,
      Double humidity,
      Double recoveryHours,
      Integer modulesRead,
      String failed,
      String stationRecord,
      String measuredBy,
      Instant modulesOutAt,
      Instant modulesBackAt,
      String labNotes) {

    /** Whether lab staff measured (or are to measure) it at the lab's station. */
    public boolean labTask() {
      return "LAB_TASK".equals(mode);
    }
  }

  /**
   * A failed module.
   *
   * @param serial the module.
   * @param leg the leg it failed in.
   * @param detectedAt when the failing sample was taken.
   * @param criteria what it failed, for people.
   * @param lanes the affected lanes.
   * @param creditedHours time on test credited (to the last good read point).
   * @param creditedCycles cycles credited.
   * @param lastGoodReadPoint the last read point it passed.
   * @param analysisInstanceKey the failure-analysis process instance, or null if not started yet.
   * @param analysisOutcome {@code CONFIRMED} or {@code CND} once analysed, else null.
   */
  public record FailureView(
      String serial,
      String leg,
      Instant detectedAt,
      String criteria,
      String lanes,
      double creditedHours,
      long creditedCycles,
      String lastGoodReadPoint,
      String analysisInstanceKey,
      String analysisOutcome) {}
}

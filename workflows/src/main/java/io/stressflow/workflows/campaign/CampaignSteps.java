package io.stressflow.workflows.campaign;

import io.stressflow.chamber.Chamber;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.ChamberState;
import io.stressflow.workflows.chamber.Lab;
import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.outbox.Outbox;
import io.stressflow.workflows.plan.CampaignPlan;
import io.stressflow.workflows.plan.External;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PlanReport;
import io.stressflow.workflows.plan.PlanService;
import io.stressflow.workflows.profile.ProfileRun;
import io.stressflow.workflows.profile.ProfileRunner;
import io.stressflow.workflows.profile.RunEstimate;
import io.stressflow.workflows.report.ReadPointTables;
import io.stressflow.workflows.report.ReportStatistics;
import io.stressflow.workflows.sampling.Round;
import io.stressflow.workflows.sampling.SamplingService;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What each step of the campaign process does (bpmn/README.md lists them by job type). The job
 * workers are thin adapters over these methods. Every method is idempotent, because a job can
 * arrive twice (an expired lease, a crash between the work and the completion): doing a step again
 * finds it done and answers the same variables.
 */
@Service
public class CampaignSteps {

  private final CampaignRepository campaigns;
  private final CampaignLegRepository legs;
  private final CampaignService campaignService;
  private final CampaignLog campaignLog;
  private final ExternalLegResults externalResults;
  private final LabReadPoints labReadPoints;
  private final PlanService plans;
  private final SamplingService sampling;
  private final ProfileRunner runner;
  private final Lab lab;
  private final ChamberScheduler chambers;
  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final Clock clock;

  CampaignSteps(
      CampaignRepository campaigns,
      CampaignLegRepository legs,
      CampaignService campaignService,
      CampaignLog campaignLog,
      ExternalLegResults externalResults,
      LabReadPoints labReadPoints,
      PlanService plans,
      SamplingService sampling,
      ProfileRunner runner,
      Lab lab,
      ChamberScheduler chambers,
      JdbcClient jdbc,
      Outbox outbox,
      PlatformTransactionManager transactionManager,
      Clock clock) {
    this.campaigns = campaigns;
    this.legs = legs;
    this.campaignService = campaignService;
    this.campaignLog = campaignLog;
    this.externalResults = externalResults;
    this.labReadPoints = labReadPoints;
    this.plans = plans;
    this.sampling = sampling;
    this.runner = runner;
    this.lab = lab;
    this.chambers = chambers;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  /** {@code campaign.validate-plan}: the stored plan against this installation, again. */
  public Map<String, Object> validatePlan(String campaignId) {
    String yaml = planText(campaignId);
    PlanReport report = plans.validate(yaml);
    if (!report.valid()) {
      String problems =
          report.problems().stream().map(Object::toString).collect(Collectors.joining("; "));
      campaignLog.recordOnce(
          campaignId, campaignId + "/plan-rejected", "PLAN_REJECTED", "plan rejected: " + problems);
      throw new WorkflowStepException("PLAN_INVALID", "The plan has problems: " + problems);
    }
    CampaignPlan plan = plans.read(yaml);
    return Map.of("legsTotal", plan.legs().size(), "modulesTotal", plan.modules().size());
  }

  /**
   * {@code chamber.reserve}: every chamber the campaign's legs need, all at once; otherwise the
   * BPMN error {@code CHAMBER_UNAVAILABLE} saying what it waits for (the workflow waits for {@code
   * chamber-freed} or its recheck timer and asks again).
   */
  public Map<String, Object> reserveChamber(String campaignId) {
    Map<String, List<String>> pools = new LinkedHashMap<>();
    for (Leg leg : plans.read(planText(campaignId)).legs()) {
      pools.put(leg.id(), leg.chamber() != null ? List.of(leg.chamber()) : leg.chamberPool());
    }
    ChamberScheduler.Outcome outcome = chambers.reserve(campaignId, pools);
    if (!outcome.reserved()) {
      throw new WorkflowStepException("CHAMBER_UNAVAILABLE", "Waiting for " + outcome.waitingFor());
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("chamberReserved", outcome.reserved());
    vars.put("chamber", String.join(", ", outcome.chambers()));
    return vars;
  }

  /**
   * {@code campaign.register-modules}: registers every chamber leg's modules (lots, controls) for
   * sampling. Each leg then has its own modules loaded and baselined when it starts.
   */
  public Map<String, Object> registerModules(String campaignId) {
    CampaignPlan plan = plan(campaignId);
    List<Leg> chamberLegs = plan.legs().stream().filter(l -> !l.outsideChamber()).toList();
    sampling.registerCampaign(
        campaignId,
        new CampaignPlan(
            plan.campaign(), plan.product(), plan.lots(), plan.modules(), chamberLegs));
    int modules = chamberLegs.stream().mapToInt(l -> l.samples().size()).sum();
    return Map.of("modulesRegistered", modules);
  }

  /**
   * {@code sampling.baseline}: reads one leg's modules (and the controls) at t = 0 of the leg, as
   * loaded, and puts them on test. Without a leg (an instance of an earlier model version, whose
   * baseline task precedes the legs) it registers the modules and baselines every chamber leg.
   * External legs read no module: lab staff enter their results.
   *
   * @param campaignId the campaign.
   * @param legId the leg, or null for every chamber leg.
   */
  public Map<String, Object> baseline(String campaignId, String legId) {
    if (legId != null) {
      Leg leg = planLeg(campaignId, legId);
      int read = leg.outsideChamber() ? 0 : sampling.baseline(campaignId, legId).read();
      return Map.of("baselineModules", read, "failures", failureCount(campaignId));
    }
    registerModules(campaignId);
    int read = 0;
    for (Leg leg : PlanService.runOrder(plan(campaignId))) {
      if (!leg.outsideChamber()) {
        read += sampling.baseline(campaignId, leg.id()).read();
      }
    }
    return Map.of("baselineModules", read, "failures", failureCount(campaignId));
  }

  /**
   * {@code sampling.baseline} of every chamber leg at once, as an earlier model version took it.
   *
   * @see #baseline(String, String)
   */
  public Map<String, Object> baseline(String campaignId) {
    return baseline(campaignId, null);
  }

  /**
   * {@code campaign.leg-unloaded}: a leg's modules are out of its chamber after its last read
   * point. Those on test leave {@code IN_STRESS} ({@code UNLOADED}); failed modules stay {@code
   * FAILED}. Logged once, with who unloaded them and from which chamber.
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @param unloadedBy who unloaded them (the task's form), or null.
   * @return {@code modulesUnloaded}: how many of the leg's modules are unloaded.
   */
  public Map<String, Object> legUnloaded(String campaignId, String legId, String unloadedBy) {
    String chamber = chamberOf(campaignId, leg(campaignId, legId));
    int unloaded =
        transactions.execute(
            status -> {
              int n =
                  jdbc.sql(
                          "UPDATE module_unit SET state = 'UNLOADED' WHERE campaign_id = ? AND"
                              + " leg_id = ? AND control = FALSE AND state = 'IN_STRESS'")
                      .params(campaignId, legId)
                      .update();
              if (n > 0) {
                campaignLog.record(
                    campaignId,
                    "MODULES_UNLOADED",
                    "[%s] %d modules unloaded from chamber %s%s"
                        .formatted(
                            legId, n, chamber, unloadedBy == null ? "" : " by " + unloadedBy));
              }
              // a job delivered again changes nothing and answers the same
              return jdbc.sql(
                      "SELECT COUNT(*) FROM module_unit WHERE campaign_id = ? AND leg_id = ? AND"
                          + " state = 'UNLOADED'")
                  .params(campaignId, legId)
                  .query(Integer.class)
                  .single();
            });
    return Map.of("modulesUnloaded", unloaded);
  }

  /**
   * {@code campaign.next-leg}: the next wave of legs, run at the same time ({@code legsWave}, leg
   * ids in run order): every leg that has not ended and whose {@code after} legs have all ended,
   * except a leg whose chamber an earlier leg of the wave already runs in (it goes in a later
   * wave). A leg with {@code after} therefore waits for the whole wave that holds its predecessor.
   * With no leg left, {@code moreLegs} is false and the unload task that follows shows the
   * failures.
   */
  public Map<String, Object> nextLeg(String campaignId) {
    List<CampaignView.LegView> all = legs.legs(campaignId);
    Map<String, Leg> planned =
        plan(campaignId).legs().stream().collect(Collectors.toMap(Leg::id, l -> l));
    java.util.Set<String> ended =
        all.stream()
            .filter(l -> "COMPLETED".equals(l.state()) || "ABORTED".equals(l.state()))
            .map(CampaignView.LegView::id)
            .collect(Collectors.toSet());
    List<String> wave = LegWaves.next(all, planned, ended, l -> chamberOf(campaignId, l));
    Map<String, Object> vars = new LinkedHashMap<>();
    if (!wave.isEmpty()) {
      vars.put("moreLegs", true);
      vars.put("legsWave", wave);
      return vars;
    }
    vars.put("moreLegs", false);
    vars.put("legsWave", List.of());
    // the unload task that follows shows these: true now, not as of the last check
    vars.put("failures", failureCount(campaignId));
    vars.put("confirmedFailures", confirmedTotal(campaignId));
    return vars;
  }

  /**
   * {@code campaign.prepare-leg}: one leg of the wave, in its own instance of the leg sub-process
   * (the variables are local to it): its name, place in run order and timeout, and for an external
   * leg what the lab staff's task shows: the test, its conditions and station, and the leg's
   * modules still on test (an external leg is started here: nothing else starts it).
   */
  public Map<String, Object> prepareLeg(String campaignId, String legId) {
    List<CampaignView.LegView> all = legs.legs(campaignId);
    int index = 0;
    CampaignView.LegView leg = null;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).id().equals(legId)) {
        index = i + 1;
        leg = all.get(i);
      }
    }
    if (leg == null) {
      throw new WorkflowStepException(
          "PLAN_INVALID", "Campaign " + campaignId + " has no leg '" + legId + "'");
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("legName", leg.name());
    vars.put("legIndex", index);
    Leg planned = planLeg(campaignId, leg.id());
    // nominal time with each read point's recovery, so a leg is not overdue for measuring
    double nominal =
        planned.profile() == null ? leg.hours() : RunEstimate.of(planned, null).totalHours();
    vars.put("legTimeout", campaignService.legTimeout(nominal).toString());
    vars.put("legExternal", planned.outsideChamber());
    vars.put("legChamber", planned.outsideChamber() ? "" : chamberOf(campaignId, leg));
    vars.put("legModules", String.join(", ", planned.samples()));
    if (planned.outsideChamber()) {
      if ("PLANNED".equals(leg.state())) {
        legs.started(campaignId, leg.id(), null, clock.instant());
      }
      External ext = planned.external();
      vars.put("externalTest", ext.test());
      vars.put("externalConditions", ext.conditions());
      vars.put("externalStation", ext.station() == null ? "the lab's station" : ext.station());
      vars.put("legSamples", String.join(", ", externalResults.onTest(campaignId, planned)));
    }
    return vars;
  }

  /** {@code profile.start}: starts the leg's profile run, or resumes the one it has. */
  public synchronized Map<String, Object> startProfile(String campaignId, String legId) {
    CampaignView.LegView row = leg(campaignId, legId);
    if (row.runId() != null) {
      Optional<ProfileRun> run = runner.find(row.runId());
      if (run.isPresent() && "PAUSED".equals(run.get().state())) {
        runner.resume(row.runId());
      }
      return Map.of("runId", row.runId());
    }
    Leg leg = planLeg(campaignId, legId);
    String runId = runner.start(campaignId, leg, chamberOf(campaignId, row));
    legs.started(campaignId, legId, runId, clock.instant());
    return Map.of("runId", runId);
  }

  /**
   * {@code sampling.read-point}: samples, in order, every read point the leg's run has reached and
   * the workflow has not sampled yet. A read point measured as a lab task is not read here: the
   * first one waiting for its task is handed to lab staff ({@code readPointMode} {@code LAB_TASK},
   * with its label, when it was reached, the chamber's condition and the leg's modules on test).
   */
  public synchronized Map<String, Object> sampleReadPoints(String campaignId, String legId) {
    String last = null;
    double hours = 0;
    long cycles = 0;
    String mode = "";
    CampaignView.ReadPointView lab = null;
    for (CampaignView.ReadPointView p : legs.readPoints(campaignId, legId)) {
      last = p.label();
      hours = p.hours();
      cycles = p.cycles();
      mode = p.mode() == null ? "" : p.mode();
      if (p.sampledAt() != null) {
        continue;
      }
      if (p.labTask()) {
        // lab staff measure it at the lab's station: the run holds the recovery condition meanwhile
        if (lab == null) {
          lab = p;
        }
        continue;
      }
      Round round = sampling.readPoint(campaignId, legId, p.label(), p.hours(), p.cycles());
      legs.sampled(campaignId, legId, p.label(), round.read(), round.failed(), clock.instant());
      runner.readPointMeasured(campaignId, legId, p.label(), round.read(), round.failed());
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("hoursDone", Math.round(hours * 10) / 10.0);
    vars.put("cyclesDone", cycles);
    vars.put("lastReadPoint", last == null ? "" : legId + " " + last);
    vars.put("failures", failureCount(campaignId));
    vars.put("readPointMode", lab != null ? "LAB_TASK" : "LAB_TASK".equals(mode) ? "" : mode);
    vars.put("readPointLabel", lab == null ? "" : lab.label());
    if (lab != null) {
      vars.put("readPointReachedAt", lab.reachedAt().toString());
      vars.put("readPointCondition", condition(lab));
      vars.put(
          "legSamples",
          String.join(", ", externalResults.onTest(campaignId, planLeg(campaignId, legId))));
    }
    return vars;
  }

  /** The chamber's condition when a read point was reached, for the lab staff's task. */
  private static String condition(CampaignView.ReadPointView p) {
    StringBuilder b = new StringBuilder();
    if (p.loadTemperature() != null) {
      b.append(number(p.loadTemperature())).append(" °C on the load, ");
    }
    b.append(number(p.airTemperature())).append(" °C air");
    b.append(p.humidity() == null ? ", humidity off" : ", " + number(p.humidity()) + " %RH");
    if (p.recoveryHours() != null) {
      b.append(", after ").append("%.2f".formatted(p.recoveryHours())).append(" h of recovery");
    }
    return b.toString();
  }

  /**
   * {@code campaign.lab-read-point}: records a read point measured at the lab station, once: the
   * times the modules were out, the station record, who measured, notes; each module entered as
   * failed is quarantined, recorded as a failure of the leg and routed to failure analysis exactly
   * as an external leg's failure; the read point is marked sampled and measured, so the run goes
   * back to stress. The form's values are cleared afterwards, so the next task starts empty.
   *
   * @throws WorkflowStepException with the error code {@code LAB_RESULTS_INVALID} if the entry
   *     names a module not on test in the leg, misses a value or gives times that do not fit: the
   *     model sends the task back to lab staff.
   */
  public Map<String, Object> recordLabReadPoint(
      String campaignId, String legId, String label, Map<String, Object> entered) {
    Leg leg = planLeg(campaignId, legId);
    LabReadPoints.Result recorded =
        labReadPoints.record(
            campaignId,
            leg,
            label,
            new LabReadPoints.Entry(
                text(entered.get("modulesOutAt")),
                text(entered.get("modulesBackAt")),
                text(entered.get("stationRecord")),
                text(entered.get("measuredBy")),
                text(entered.get("failedModules")),
                text(entered.get("labNotes"))));
    // routed after the commit (again after a redelivery: routing skips what it has done)
    sampling.routeFailures(campaignId, recorded.failed());
    runner.readPointMeasured(campaignId, legId, label, recorded.tested(), recorded.failed());
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("hoursDone", Math.round(recorded.hours() * 10) / 10.0);
    vars.put("cyclesDone", recorded.cycles());
    vars.put("lastReadPoint", legId + " " + label);
    vars.put("labFailed", recorded.failed().size());
    vars.put("failures", failureCount(campaignId));
    for (String field :
        List.of(
            "modulesOutAt",
            "modulesBackAt",
            "stationRecord",
            "measuredBy",
            "failedModules",
            "labNotes")) {
      vars.put(field, "");
    }
    return vars;
  }

  /**
   * {@code campaign.external-results}: records what lab staff entered for an external leg, once;
   * each failed module becomes a failure of the leg (quarantined, recorded, and routed to failure
   * analysis like a failure found at a read point). The form's values are cleared afterwards, so
   * the next external leg's task starts empty in Tasklist.
   *
   * @throws WorkflowStepException with the error code {@code EXTERNAL_RESULTS_INVALID} if the entry
   *     names a module not on test in the leg, or misses a value: the model sends the task back to
   *     lab staff (the task service refuses such a completion first; this catches completions made
   *     elsewhere, e.g. in Tasklist).
   */
  public Map<String, Object> recordExternalResults(
      String campaignId, String legId, Map<String, Object> entered) {
    Leg leg = planLeg(campaignId, legId);
    if (!leg.outsideChamber()) {
      throw new WorkflowStepException(
          null, "Leg '%s' of %s is not an external leg".formatted(legId, campaignId));
    }
    Map.Entry<ExternalLegResults.Result, Boolean> recorded =
        externalResults.record(
            campaignId,
            leg,
            new ExternalLegResults.Entry(
                text(entered.get("failedModules")),
                text(entered.get("stationRecord")),
                text(entered.get("performedBy")),
                text(entered.get("testDate")),
                text(entered.get("testNotes"))));
    // routed after the commit (again after a redelivery: routing skips what it has done)
    sampling.routeFailures(campaignId, recorded.getKey().failed());
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("externalFailed", recorded.getKey().failed().size());
    vars.put("failures", failureCount(campaignId));
    for (String field :
        List.of("failedModules", "stationRecord", "performedBy", "testDate", "testNotes")) {
      vars.put(field, "");
    }
    return vars;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /**
   * {@code chamber.safe-state}: pauses the leg's run and puts the chamber in its safe state; the
   * logbook says so once per job.
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @param jobKey the job (a job delivered again logs nothing more).
   * @return the alarm.
   */
  public Map<String, Object> safeState(String campaignId, String legId, long jobKey) {
    CampaignView.LegView row = leg(campaignId, legId);
    Chamber chamber = lab.driver(chamberOf(campaignId, row));
    String alarm;
    try {
      ChamberState state = chamber.read();
      alarm = state.alarms().isEmpty() ? "none active now" : state.alarms().toString();
      if (row.runId() != null) {
        runner
            .find(row.runId())
            .filter(r -> "RUNNING".equals(r.state()))
            .ifPresent(r -> runner.pause(r.id(), "chamber alarm " + alarm));
      }
      chamber.safeState();
    } catch (ChamberException e) {
      throw new WorkflowStepException(
          null, "Chamber did not take its safe state: " + e.getMessage());
    }
    campaignLog.recordOnce(
        campaignId,
        campaignId + "/safe-state/" + jobKey,
        "SAFE_STATE",
        "[%s] chamber '%s' in safe state after alarm %s; leg paused, waiting for lab staff"
            .formatted(legId, chamberOf(campaignId, row), alarm));
    return Map.of("alarm", alarm);
  }

  /** The chamber a leg runs in: assigned at launch (campaigns launched before: the plan's). */
  private String chamberOf(String campaignId, CampaignView.LegView row) {
    return row.chamber() != null ? row.chamber() : planLeg(campaignId, row.id()).chamber();
  }

  /** {@code profile.resume}: once the chamber reports no alarm, resumes the leg's run. */
  public Map<String, Object> resumeProfile(String campaignId, String legId) {
    try {
      ChamberState state = lab.driver(chamberOf(campaignId, leg(campaignId, legId))).read();
      if (!state.alarms().isEmpty()) {
        throw new WorkflowStepException(
            null,
            "Chamber still reports %s; clear it at the controller, the leg resumes when it is gone"
                .formatted(state.alarms()));
      }
    } catch (ChamberException e) {
      throw new WorkflowStepException(null, "Chamber not reachable: " + e.getMessage());
    }
    CampaignView.LegView row = leg(campaignId, legId);
    if (row.runId() != null
        && runner.find(row.runId()).map(r -> "PAUSED".equals(r.state())).orElse(false)) {
      runner.resume(row.runId());
    }
    return Map.of();
  }

  /**
   * {@code campaign.leg-completed}: records the leg's end and the campaign's progress (in this
   * order: legsDone, progressPercent, failures, confirmedFailures).
   */
  public Map<String, Object> legCompleted(String campaignId, String legId) {
    CampaignView.LegView row = leg(campaignId, legId);
    if (!"COMPLETED".equals(row.state())) {
      legs.ended(campaignId, legId, "COMPLETED", clock.instant());
    }
    CampaignView view = campaignService.view(campaignId);
    long done = view.legs().stream().filter(l -> "COMPLETED".equals(l.state())).count();
    // the campaign's progress now: while another leg of the wave runs, a job delivered again
    // answers a higher one
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("legsDone", done);
    vars.put("progressPercent", view.progressPercent());
    vars.put("failures", failureCount(campaignId));
    vars.put("confirmedFailures", confirmedTotal(campaignId));
    return vars;
  }

  /** {@code campaign.count-failure}: the campaign's failed modules, and those confirmed so far. */
  public Map<String, Object> countFailures(String campaignId) {
    return Map.of(
        "failures", failureCount(campaignId), "confirmedFailures", confirmedTotal(campaignId));
  }

  /** {@code campaign.check-analyses}: failure analyses still open, and confirmed failures. */
  public Map<String, Object> checkAnalyses(String campaignId) {
    long open =
        jdbc.sql("SELECT COUNT(*) FROM module_failure WHERE campaign_id = ? AND fa_outcome IS NULL")
            .param(campaignId)
            .query(Long.class)
            .single();
    return Map.of(
        "openAnalyses",
        open,
        "confirmedFailures",
        confirmedTotal(campaignId),
        "failures",
        failureCount(campaignId));
  }

  /** Each read point with the chamber's condition when the modules were measured. */
  private void appendReadPoints(StringBuilder r, String campaignId) {
    List<CampaignView.ReadPointView> points = campaignService.readPoints(campaignId);
    if (points.isEmpty()) {
      return;
    }
    r.append("\n## Read points\n\n");
    r.append("| leg | read point | measured | load °C | air °C | %RH | recovery h | modules |");
    r.append(" failed |\n|---|---|---|---|---|---|---|---|---|\n");
    for (CampaignView.ReadPointView p : points) {
      r.append(
          "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n"
              .formatted(
                  p.leg(),
                  p.label(),
                  "IN_SITU".equals(p.mode())
                      ? "in situ"
                      : p.labTask()
                          ? "lab station"
                              + (p.stationRecord() == null ? "" : ", record " + p.stationRecord())
                          : "after recovery",
                  number(p.loadTemperature()),
                  number(p.airTemperature()),
                  number(p.humidity()),
                  number(p.recoveryHours()),
                  p.modulesRead() == null ? "-" : p.modulesRead().toString(),
                  p.failed() == null ? "-" : p.failed()));
    }
    List<CampaignView.ReadPointView> lab =
        points.stream().filter(CampaignView.ReadPointView::labTask).toList();
    if (!lab.isEmpty()) {
      r.append("\nMeasured at the lab station while the chamber held the recovery condition:\n\n");
      for (CampaignView.ReadPointView p : lab) {
        if (p.stationRecord() == null) {
          r.append("- %s %s: not recorded yet\n".formatted(p.leg(), p.label()));
          continue;
        }
        r.append(
            "- %s %s: modules out %s, back %s (%.2f h), station record %s, measured by %s%s\n"
                .formatted(
                    p.leg(),
                    p.label(),
                    p.modulesOutAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    p.modulesBackAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    Duration.between(p.modulesOutAt(), p.modulesBackAt()).toSeconds() / 3600.0,
                    p.stationRecord(),
                    p.measuredBy(),
                    p.labNotes() == null || p.labNotes().isBlank()
                        ? ""
                        : "; notes: " + p.labNotes()));
      }
    }
  }

  /** Every deviation of every leg's run, with what deviated: none is silent. */
  private void appendDeviations(StringBuilder r, CampaignView view) {
    StringBuilder d = new StringBuilder();
    for (CampaignView.LegView leg : view.legs()) {
      if (leg.runId() == null) {
        continue;
      }
      for (ProfileRun.DeviationRecord dev : runner.deviations(leg.runId())) {
        d.append(
            "- %s: %s from %s to %s, setpoint %s, worst %s%s\n"
                .formatted(
                    leg.id(),
                    dev.quantity(),
                    dev.start(),
                    dev.end(),
                    number(dev.setpoint()),
                    number(dev.worst()),
                    dev.cause() == null ? "" : " (" + dev.cause() + ")"));
      }
    }
    r.append("\n## Deviations\n\n").append(d.length() == 0 ? "None.\n" : d);
  }

  private static String number(Double v) {
    return v == null ? "-" : "%.1f".formatted(v);
  }

  /**
   * {@code campaign.report}: each leg's confirmed failures against its acceptance, the verdict, and
   * the report.
   */
  public Map<String, Object> report(String campaignId) {
    Campaign campaign = campaignService.find(campaignId);
    CampaignView view = campaignService.view(campaignId);
    Map<String, Long> confirmed = confirmed(campaignId);
    Map<String, Leg> planned =
        plan(campaignId).legs().stream().collect(Collectors.toMap(Leg::id, l -> l));
    boolean aborted = "ABORTED".equals(campaign.verdict());
    boolean fail = false;
    StringBuilder r = new StringBuilder();
    r.append("# ").append(campaign.title()).append("\n\n");
    r.append("Campaign ").append(campaignId).append(", ").append(campaign.product());
    r.append(", lots ").append(campaign.lots()).append(", chamber ").append(campaign.chamber());
    r.append(
        ".\n\n| leg | hours | cycles | modules | failed | confirmed | allowed | leg verdict |\n");
    r.append("|---|---|---|---|---|---|---|---|\n");
    for (CampaignView.LegView leg : view.legs()) {
      long failedInLeg = view.failures().stream().filter(f -> f.leg().equals(leg.id())).count();
      long confirmedInLeg = confirmed.getOrDefault(leg.id(), 0L);
      String legVerdict;
      if (!"COMPLETED".equals(leg.state())) {
        legVerdict = "NOT COMPLETED";
        fail |= !aborted;
      } else if (leg.allowedFailures() != null && confirmedInLeg > leg.allowedFailures()) {
        legVerdict = "FAIL";
        fail = true;
      } else {
        legVerdict = "PASS";
      }
      boolean external = planned.containsKey(leg.id()) && planned.get(leg.id()).outsideChamber();
      r.append(
          "| %s | %s | %s | %d | %d | %d | %s | %s |\n"
              .formatted(
                  leg.id(),
                  external ? "external" : "%.1f".formatted(leg.hoursDone()),
                  external ? "-" : Long.toString(leg.cyclesDone()),
                  leg.samples(),
                  failedInLeg,
                  confirmedInLeg,
                  leg.allowedFailures() == null ? "-" : leg.allowedFailures().toString(),
                  legVerdict));
    }
    externalSection(campaignId, planned, r);
    if (aborted) {
      abortSection(campaignId, view, r);
    }
    if (!view.failures().isEmpty()) {
      r.append("\n## Failures\n\n");
      for (CampaignView.FailureView f : view.failures()) {
        r.append(
            "- %s (leg %s): %s; lanes %s; credited %.1f h / %d cycles to read point %s;"
                    .formatted(
                        f.serial(),
                        f.leg(),
                        f.criteria(),
                        f.lanes(),
                        f.creditedHours(),
                        f.creditedCycles(),
                        f.lastGoodReadPoint() == null ? "-" : f.lastGoodReadPoint())
                + " analysis %s\n"
                    .formatted(f.analysisOutcome() == null ? "open" : f.analysisOutcome()));
      }
    }
    appendReadPoints(r, campaignId);
    r.append(new ReadPointTables(jdbc).section(campaignId, plan(campaignId)));
    appendDeviations(r, view);
    r.append(new ReportStatistics(jdbc).section(campaignId, plan(campaignId), confirmed));
    String verdict = aborted ? "ABORTED" : fail ? "FAIL" : "PASS";
    r.append("\nVerdict: **").append(verdict).append("**\n");
    String report = r.toString();
    long confirmedTotal = confirmed.values().stream().mapToLong(Long::longValue).sum();
    String summary =
        "%s: %d legs, %d failures (%d confirmed)"
            .formatted(verdict, view.legs().size(), view.failures().size(), confirmedTotal);
    transactions.executeWithoutResult(
        status -> {
          boolean same = campaigns.report(campaignId).map(report::equals).orElse(false);
          campaigns.updateVerdict(campaignId, verdict, report);
          if (!same) {
            // a job delivered again builds the same report: it is logged once
            campaignLog.record(campaignId, "REPORT", "report generated, verdict " + summary);
          }
        });
    return Map.of("verdict", verdict, "report", summary, "confirmedFailures", confirmedTotal);
  }

  /**
   * What an aborted campaign did: who aborted it, when and why, how far each leg got, and whether
   * its modules were unloaded.
   */
  private void abortSection(String campaignId, CampaignView view, StringBuilder r) {
    List<io.stressflow.workflows.logbook.CampaignEvent> events = campaignLog.events(campaignId);
    Optional<io.stressflow.workflows.logbook.CampaignEvent> request =
        events.stream().filter(e -> "ABORT_REQUESTED".equals(e.kind())).findFirst();
    Optional<io.stressflow.workflows.logbook.CampaignEvent> aborted =
        events.stream().filter(e -> "ABORTED".equals(e.kind())).findFirst();
    r.append("\n## Abort\n\n");
    io.stressflow.workflows.logbook.CampaignEvent e = request.orElse(aborted.orElse(null));
    if (e != null) {
      r.append(
          "Aborted %s by %s: %s.\n"
              .formatted(
                  e.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                  e.actor(),
                  e.message()));
    }
    for (CampaignView.LegView leg : view.legs()) {
      r.append(
          "- %s: %s, %.1f h credited at condition, %d cycles, %d read points reached%s\n"
              .formatted(
                  leg.id(),
                  leg.state(),
                  leg.hoursDone(),
                  leg.cyclesDone(),
                  leg.readPoints().size(),
                  "COMPLETED".equals(leg.state()) ? "" : " (not completed)"));
    }
    events.stream()
        .filter(x -> "MODULES_UNLOADED".equals(x.kind()))
        .reduce((a, b) -> b)
        .ifPresentOrElse(
            x ->
                r.append("\nModules unloaded: ")
                    .append(x.message())
                    .append(" (")
                    .append(x.actor())
                    .append(").\n"),
            () -> r.append("\nNo modules were in the chamber to unload.\n"));
    r.append("\nNo verdict on the product: the campaign was aborted.\n");
  }

  /** The external legs' results as lab staff entered them, with the station's record. */
  private void externalSection(String campaignId, Map<String, Leg> planned, StringBuilder r) {
    List<Leg> external = planned.values().stream().filter(Leg::outsideChamber).toList();
    if (external.isEmpty()) {
      return;
    }
    Map<String, ExternalLegResults.Result> results =
        externalResults.all(campaignId).stream()
            .collect(Collectors.toMap(ExternalLegResults.Result::legId, x -> x));
    r.append("\n## External legs\n\n");
    for (CampaignView.LegView leg : legs.legs(campaignId)) {
      Leg plannedLeg = planned.get(leg.id());
      if (plannedLeg == null || !plannedLeg.outsideChamber()) {
        continue;
      }
      External ext = plannedLeg.external();
      ExternalLegResults.Result x = results.get(leg.id());
      r.append("- %s: %s, %s".formatted(leg.id(), ext.test(), ext.conditions()));
      if (x == null) {
        r.append("; no results entered\n");
        continue;
      }
      r.append(
          "; station %s, record %s, performed by %s on %s; %d modules tested, %s%s\n"
              .formatted(
                  x.station() == null ? "(not named)" : x.station(),
                  x.stationRecord(),
                  x.performedBy(),
                  x.testDate(),
                  x.tested(),
                  x.failed().isEmpty() ? "none failed" : "failed " + String.join(", ", x.failed()),
                  x.notes() == null || x.notes().isBlank() ? "" : "; notes: " + x.notes()));
    }
  }

  /**
   * {@code campaign.abort}: stops the profile, chamber to safe state, verdict ABORTED.
   *
   * @param campaignId the campaign.
   * @param reason why, for the logbook, or null.
   * @param modulesInChamber whether the task's variables say modules were loaded and not unloaded
   *     yet; modules on test in the database count too: the model then has lab staff unload them
   *     ({@code modulesLoaded}).
   * @return {@code verdict}, {@code modulesLoaded}.
   */
  public Map<String, Object> abort(String campaignId, String reason, boolean modulesInChamber) {
    // each leg loads and unloads its own modules: whether any are in a chamber now is in the
    // database (on test), not in one leg's task variables
    modulesInChamber = modulesInChamber || onTest(campaignId) > 0;
    for (CampaignView.LegView leg : legs.legs(campaignId)) {
      if ("RUNNING".equals(leg.state())) {
        if (leg.runId() != null) {
          try {
            runner.abort(leg.runId());
          } catch (NoSuchElementException e) {
            // already stopped
          }
        }
        legs.ended(campaignId, leg.id(), "ABORTED", clock.instant());
      }
    }
    // only the chambers this campaign holds: one it merely waits for runs another campaign's leg
    List<String> held = chambers.held(campaignId);
    for (String id : held) {
      try {
        lab.driver(id).safeState();
      } catch (ChamberException e) {
        throw new WorkflowStepException(
            null, "Chamber '" + id + "' did not take its safe state: " + e.getMessage());
      }
    }
    Campaign campaign = campaignService.find(campaignId);
    if (!"ABORTED".equals(campaign.verdict())) {
      campaigns.updateVerdict(campaignId, "ABORTED", null);
      campaignLog.record(
          campaignId,
          "ABORTED",
          "campaign aborted (%s); %s; %s"
              .formatted(
                  reason == null ? "no reason given" : reason,
                  held.isEmpty()
                      ? "it held no chamber"
                      : "chamber(s) " + String.join(", ", held) + " in safe state",
                  modulesInChamber
                      ? "lab staff are asked to unload the modules"
                      : "no modules in the chamber"));
    }
    return Map.of("verdict", "ABORTED", "modulesLoaded", modulesInChamber);
  }

  /**
   * {@code campaign.unloaded}: the campaign's modules are out of the chamber. Those on test (or
   * registered for a later leg) leave {@code IN_STRESS}: {@code UNLOADED}, or {@code ABORTED} when
   * the campaign was aborted; failed modules stay {@code FAILED}, controls {@code CONTROL}. Logged
   * once, with the person who unloaded them.
   *
   * @param campaignId the campaign.
   * @param unloadedBy who unloaded them (the task's form), or null.
   * @return {@code modulesUnloaded}: how many of its modules are unloaded.
   */
  public Map<String, Object> unloaded(String campaignId, String unloadedBy) {
    Campaign campaign = campaignService.find(campaignId);
    String state = "ABORTED".equals(campaign.verdict()) ? "ABORTED" : "UNLOADED";
    int changed =
        transactions.execute(
            status -> {
              int n =
                  jdbc.sql(
                          "UPDATE module_unit SET state = ? WHERE campaign_id = ? AND state IN"
                              + " ('IN_STRESS', 'REGISTERED')")
                      .params(state, campaignId)
                      .update();
              if (n > 0) {
                campaignLog.record(
                    campaignId,
                    "MODULES_UNLOADED",
                    "%d modules unloaded%s, now %s"
                        .formatted(n, unloadedBy == null ? "" : " by " + unloadedBy, state));
              }
              // a job delivered again changes nothing and answers the same
              return jdbc.sql(
                      "SELECT COUNT(*) FROM module_unit WHERE campaign_id = ? AND state = ?")
                  .params(campaignId, state)
                  .query(Integer.class)
                  .single();
            });
    return Map.of("modulesUnloaded", changed);
  }

  /**
   * {@code campaign.finish}: records how the campaign closed, releases its chamber, and stores the
   * campaign as ended (with its end time and a logbook entry, once): ABORTED when it was aborted
   * (outcome or verdict ABORTED), else COMPLETED.
   */
  public Map<String, Object> finish(String campaignId, String outcome) {
    Campaign campaign = campaignService.find(campaignId);
    if (campaign.outcome() == null) {
      campaigns.updateOutcome(campaignId, outcome);
      campaignLog.record(
          campaignId,
          "CLOSED",
          "campaign closed: %s, verdict %s".formatted(outcome, campaign.verdict()));
    }
    chambers.release(campaignId);
    sampling.release(campaignId);
    // every end event of the model (closed, rejected, plan rejected, aborted) follows this task:
    // the workflow, not a view, ends the campaign
    boolean aborted = "ABORTED".equals(outcome) || "ABORTED".equals(campaign.verdict());
    campaignService.ended(campaignId, aborted ? "ABORTED" : "COMPLETED");
    return Map.of("outcome", outcome);
  }

  /**
   * {@code campaign.remind}: a reminder in the logbook naming what waits, once per job.
   *
   * @param campaignId the campaign.
   * @param waitingFor the user task that waits.
   * @param jobKey the job (a job delivered again logs nothing more).
   * @return no variables.
   */
  public Map<String, Object> remind(String campaignId, String waitingFor, long jobKey) {
    campaignLog.recordOnce(
        campaignId,
        campaignId + "/remind/" + jobKey,
        "REMINDER",
        "still waiting: %s".formatted(waitingFor));
    return Map.of();
  }

  /**
   * {@code failure-analysis.report-outcome}: stores the analysis outcome on the failure and tells
   * the campaign.
   */
  public Map<String, Object> failureAnalysisClosed(
      String campaignId, String serial, String outcome) {
    // the outcome, its logbook entry and the campaign's message (outbox) commit together; a job
    // delivered again finds the outcome stored and the message queued, and does nothing
    transactions.executeWithoutResult(
        status -> {
          int updated =
              jdbc.sql(
                      "UPDATE module_failure SET fa_outcome = ?, fa_closed_at = ? WHERE"
                          + " campaign_id = ? AND serial = ? AND fa_outcome IS NULL")
                  .params(outcome, Timestamp.from(clock.instant()), campaignId, serial)
                  .update();
          if (updated > 0) {
            campaignLog.record(
                campaignId,
                "ANALYSIS_CLOSED",
                "failure analysis of %s closed: %s"
                    .formatted(
                        serial, "CONFIRMED".equals(outcome) ? "confirmed" : "could not duplicate"));
          }
          outbox.publish(
              campaignId + "/" + serial + "/closed",
              "failure-analysis-closed",
              campaignId,
              Map.of("closedSerial", serial, "closedOutcome", outcome),
              Duration.ofDays(30));
        });
    return Map.of("outcome", outcome);
  }

  private Map<String, Long> confirmed(String campaignId) {
    return jdbc
        .sql(
            "SELECT leg_id, COUNT(*) FROM module_failure WHERE campaign_id = ? AND fa_outcome ="
                + " 'CONFIRMED' GROUP BY leg_id")
        .param(campaignId)
        .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private long confirmedTotal(String campaignId) {
    return confirmed(campaignId).values().stream().mapToLong(Long::longValue).sum();
  }

  private int onTest(String campaignId) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM module_unit WHERE campaign_id = ? AND state = 'IN_STRESS'")
        .param(campaignId)
        .query(Integer.class)
        .single();
  }

  private long failureCount(String campaignId) {
    return jdbc.sql("SELECT COUNT(*) FROM module_failure WHERE campaign_id = ?")
        .param(campaignId)
        .query(Long.class)
        .single();
  }

  private CampaignView.LegView leg(String campaignId, String legId) {
    return legs.leg(campaignId, legId)
        .orElseThrow(
            () ->
                new WorkflowStepException(
                    "PLAN_INVALID", "Campaign " + campaignId + " has no leg '" + legId + "'"));
  }

  private String planText(String campaignId) {
    return campaigns
        .plan(campaignId)
        .orElseThrow(() -> new NoSuchElementException("No campaign with id '" + campaignId + "'"));
  }

  private CampaignPlan plan(String campaignId) {
    return plans.read(planText(campaignId));
  }

  private Leg planLeg(String campaignId, String legId) {
    return plan(campaignId).legs().stream()
        .filter(l -> l.id().equals(legId))
        .findFirst()
        .orElseThrow(
            () -> new WorkflowStepException("PLAN_INVALID", "The plan has no leg '" + legId + "'"));
  }
}

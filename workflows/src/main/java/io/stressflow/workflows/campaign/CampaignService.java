package io.stressflow.workflows.campaign;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.stressflow.workflows.chamber.Lab;
import io.stressflow.workflows.chamber.RampRates;
import io.stressflow.workflows.logbook.CampaignEvent;
import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.outbox.Outbox;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PlanService;
import io.stressflow.workflows.profile.ProfileProgress;
import io.stressflow.workflows.profile.ProfileRun;
import io.stressflow.workflows.profile.ProfileRunner;
import io.stressflow.workflows.profile.RunEstimate;
import io.stressflow.workflows.time.TimeScale;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tracks campaigns once launched ({@link CampaignLauncher} launches them): where each stands, its
 * legs, read points, failures, incidents, logbook and report, and what people do to it (pause,
 * resume, abort). REST, CLI, demo and tests all go through here.
 */
@Service
public class CampaignService {

  /** The BPMN process id of a campaign (bpmn/campaign.bpmn). */
  public static final String PROCESS_ID = "campaign";

  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
  private static final DateTimeFormatter ID_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private final CamundaClient client;
  private final CampaignRepository repository;
  private final CampaignLegRepository legs;
  private final CampaignLog campaignLog;
  private final Lab lab;
  private final ChamberScheduler chambers;
  private final PlanService plans;
  private final ProfileRunner runner;
  private final JdbcClient jdbc;
  private final TimeScale timeScale;
  private final Clock clock;
  private final Duration reminderAfter;
  private final Duration chamberRecheck;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final RampRates rampRates;

  CampaignService(
      CamundaClient client,
      CampaignRepository repository,
      CampaignLegRepository legs,
      CampaignLog campaignLog,
      Lab lab,
      ChamberScheduler chambers,
      PlanService plans,
      ProfileRunner runner,
      JdbcClient jdbc,
      TimeScale timeScale,
      Clock clock,
      Outbox outbox,
      PlatformTransactionManager transactionManager,
      RampRates rampRates,
      @Value("${stressflow.campaign.reminder-after:PT8H}") Duration reminderAfter,
      @Value("${stressflow.campaign.chamber-recheck:PT5M}") Duration chamberRecheck) {
    this.chamberRecheck = chamberRecheck;
    this.rampRates = rampRates;
    this.outbox = outbox;
    this.transactions = new TransactionTemplate(transactionManager);
    this.client = client;
    this.repository = repository;
    this.legs = legs;
    this.campaignLog = campaignLog;
    this.lab = lab;
    this.chambers = chambers;
    this.plans = plans;
    this.runner = runner;
    this.jdbc = jdbc;
    this.timeScale = timeScale;
    this.clock = clock;
    this.reminderAfter = reminderAfter;
  }

  /**
   * How long a user task waits before lab staff are reminded: wall-clock time, never scaled. People
   * work in real time even when a dry run compresses the profile (at 3600x a scaled 8 h reminder
   * came after 8 s).
   */
  Duration reminderAfter() {
    return atLeastOneSecond(reminderAfter);
  }

  /**
   * How often (wall clock) a campaign waiting for a chamber asks again without being told that one
   * freed: a safety net under the {@code chamber-freed} message.
   */
  Duration chamberRecheck() {
    return atLeastOneSecond(chamberRecheck);
  }

  /**
   * How long a leg may take before it counts as overdue (wall clock): twice its nominal time, plus
   * two hours of profile time.
   */
  Duration legTimeout(double nominalHours) {
    long seconds = Math.round((nominalHours * 2 + 2) * 3600);
    return atLeastOneSecond(timeScale.toWall(Duration.ofSeconds(seconds)));
  }

  private static Duration atLeastOneSecond(Duration d) {
    Duration s = Duration.ofSeconds(Math.max(1, (long) Math.ceil(d.toMillis() / 1000.0)));
    return s;
  }

  /**
   * Looks a campaign up, as stored. Its state is moved by its workflow only (the {@code
   * campaign.finish} job); as a read-only fallback, a campaign whose instance was cancelled or
   * ended outside its model (e.g. in Operate) is shown with the engine's state, without storing it.
   *
   * @param id the campaign id.
   * @return the campaign.
   * @throws NoSuchElementException if there is no such campaign.
   */
  public Campaign refresh(String id) {
    Campaign campaign = find(id);
    if (campaign.ended() || campaign.processInstanceKey() == 0) {
      return campaign;
    }
    ProcessInstance instance;
    try {
      instance = client.newProcessInstanceGetRequest(campaign.processInstanceKey()).send().join();
    } catch (RuntimeException e) {
      log.debug("Campaign {}: engine not reachable: {}", id, e.getMessage());
      return campaign;
    }
    ProcessInstanceState state = instance.getState();
    if (state == ProcessInstanceState.COMPLETED || state == ProcessInstanceState.TERMINATED) {
      // the finish job may be committing right now: read the stored state again first
      Campaign stored = find(id);
      if (stored.ended()) {
        return stored;
      }
      Instant ended =
          instance.getEndDate() != null ? instance.getEndDate().toInstant() : clock.instant();
      return new Campaign(
          stored.id(),
          stored.processInstanceKey(),
          stored.processId(),
          stored.title(),
          stored.product(),
          stored.lots(),
          stored.chamber(),
          state.name(),
          stored.verdict(),
          stored.outcome(),
          stored.startedAt(),
          ended);
    }
    return campaign;
  }

  /**
   * The campaign's workflow has reached its end ({@code campaign.finish}, or a plan rejected at its
   * start): the campaign is stored as ended, with the logbook's entry, once.
   *
   * @param id the campaign id.
   * @param state {@code COMPLETED}, or {@code ABORTED}.
   */
  void ended(String id, String state) {
    transactions.executeWithoutResult(
        status -> {
          Campaign campaign = find(id);
          if (campaign.ended()) {
            return; // a job delivered again
          }
          Instant ended = clock.instant();
          repository.updateState(id, state, ended);
          Campaign now = find(id);
          campaignLog.record(
              id,
              state,
              "campaign %s after %s (wall clock): verdict %s, outcome %s"
                  .formatted(
                      state.toLowerCase(),
                      format(Duration.between(campaign.startedAt(), ended)),
                      now.verdict(),
                      now.outcome()));
        });
  }

  Campaign find(String id) {
    return repository
        .find(id)
        .orElseThrow(() -> new NoSuchElementException("No campaign with id '" + id + "'"));
  }

  /**
   * Where a campaign stands: progress, ETA, legs with their read points, failures, open tasks.
   *
   * @param id the campaign id.
   * @return the view.
   * @throws NoSuchElementException if there is no such campaign.
   */
  public CampaignView view(String id) {
    Campaign campaign = refresh(id);
    Map<String, Leg> planned = plannedLegs(id);
    Map<String, RampRates.Known> achieved = new LinkedHashMap<>();
    List<CampaignView.LegView> views = new ArrayList<>();
    double total = 0;
    double done = 0;
    double remainingAtPace = 0;
    String current = null;
    for (CampaignView.LegView leg : legs.legs(id)) {
      Optional<ProfileRun> run = leg.runId() == null ? Optional.empty() : runner.find(leg.runId());
      Leg plan = run.map(ProfileRun::leg).orElse(planned.get(leg.id()));
      boolean chamberLeg = plan != null && plan.profile() != null && !plan.outsideChamber();
      ProfileProgress progress = run.map(ProfileRun::progress).orElse(null);
      RunEstimate estimate =
          chamberLeg
              ? RunEstimate.of(plan, progress)
              : new RunEstimate(0, leg.hours(), leg.hours());
      boolean over = "COMPLETED".equals(leg.state()) || "ABORTED".equals(leg.state());
      double fraction = "COMPLETED".equals(leg.state()) ? 1 : estimate.fraction();
      String legChamber =
          leg.chamber() != null ? leg.chamber() : plan == null ? null : plan.chamber();
      Double achievedRate = null;
      if (chamberLeg && legChamber != null) {
        Optional<RampRates.Known> known = rampRates.find(legChamber);
        known.ifPresent(k -> achieved.put(legChamber, k));
        achievedRate = known.map(RampRates.Known::rate).orElse(null);
      }
      if (!over) {
        // at the chamber's achieved ramp rate once known: the same steps, slower ramps
        remainingAtPace +=
            chamberLeg
                ? RunEstimate.of(RunEstimate.atMost(plan, achievedRate), progress).remainingHours()
                : estimate.remainingHours();
      }
      String state = leg.state();
      if ("RUNNING".equals(state) && run.isPresent() && "PAUSED".equals(run.get().state())) {
        state = "PAUSED";
      }
      if ("RUNNING".equals(state) || "PAUSED".equals(state)) {
        current = leg.id();
      }
      total += estimate.totalHours();
      done += fraction * estimate.totalHours();
      views.add(
          new CampaignView.LegView(
              leg.id(),
              leg.name(),
              state,
              leg.runId(),
              leg.hours(),
              chamberLeg ? round1(RunEstimate.conditionHours(plan)) : leg.hours(),
              leg.cycles(),
              leg.samples(),
              leg.allowedFailures(),
              leg.startedAt(),
              leg.endedAt(),
              round1(fraction * 100),
              run.map(r -> round1(r.progress().stressSeconds() / 3600)).orElse(0.0),
              run.map(r -> r.progress().cycles()).orElse(0L),
              legs.readPoints(id, leg.id()),
              legChamber));
    }
    // a completed campaign did all its legs; an aborted one only what it did
    double fraction =
        "COMPLETED".equals(campaign.state()) ? 1 : total <= 0 ? 0 : Math.min(1, done / total);
    Instant eta = null;
    if (!campaign.ended() && remainingAtPace > 0) {
      long seconds = Math.round(remainingAtPace * 3600);
      eta = clock.instant().plus(timeScale.toWall(Duration.ofSeconds(seconds)));
    }
    return new CampaignView(
        campaign,
        round1(fraction * 100),
        eta,
        current,
        views,
        failures(id),
        openTasks(campaign),
        incidents(campaign),
        campaign.ended() ? List.of() : rampWarnings(views, planned, achieved),
        campaign.ended() ? null : chambers.waiting(id).orElse(null));
  }

  /**
   * Warnings for people when the chamber cannot follow the plan's ramps: its rated rate ({@code
   * stressflow.chamber.limits.max-ramp-rate}) or its achieved rate is below the fastest ramp a leg
   * asks for.
   */
  private List<String> rampWarnings(
      List<CampaignView.LegView> views,
      Map<String, Leg> planned,
      Map<String, RampRates.Known> achieved) {
    List<String> warnings = new ArrayList<>();
    java.util.Set<String> said = new java.util.HashSet<>();
    for (CampaignView.LegView view : views) {
      Leg leg = planned.get(view.id());
      if (leg == null || leg.outsideChamber() || view.chamber() == null) {
        continue;
      }
      Double fastest = RunEstimate.fastestRamp(leg);
      if (fastest == null) {
        continue;
      }
      String chamber = view.chamber();
      Double rated = lab.find(chamber).map(c -> c.limits().maxRampRate()).orElse(null);
      if (rated != null && rated < fastest && said.add("rated/" + chamber)) {
        warnings.add(
            "chamber '%s' is rated for %s K/min, plan asks %s K/min"
                .formatted(chamber, rate(rated), rate(fastest)));
      }
      RampRates.Known k = achieved.get(chamber);
      if (k != null && said.add("achieved/" + chamber)) {
        warnings.add(
            "chamber '%s' ramps at %s K/min, plan asks %s K/min; ETA uses the achieved rate"
                .formatted(chamber, rate(k.rate()), rate(k.planned())));
      }
    }
    return warnings;
  }

  private static String rate(double r) {
    double one = Math.round(r * 10) / 10.0;
    return one == Math.rint(one) ? Long.toString((long) one) : Double.toString(one);
  }

  /** The campaign's legs as planned (presets applied), by id; empty if the plan cannot be read. */
  private Map<String, Leg> plannedLegs(String id) {
    try {
      Map<String, Leg> legs = new LinkedHashMap<>();
      repository
          .plan(id)
          .map(plans::read)
          .ifPresent(p -> p.legs().forEach(l -> legs.put(l.id(), l)));
      return legs;
    } catch (RuntimeException e) {
      log.debug("Plan of campaign {} not read: {}", id, e.getMessage());
      return Map.of();
    }
  }

  /**
   * The open incidents of a campaign: in its own process instance and in its failure analyses.
   * Empty when the engine cannot be reached (the view must still answer).
   */
  private List<CampaignView.IncidentView> incidents(Campaign campaign) {
    if (campaign.ended() || campaign.processInstanceKey() <= 0) {
      return List.of(); // a campaign ends only once its instance and its analyses have
    }
    List<Long> keys = new ArrayList<>();
    keys.add(campaign.processInstanceKey());
    jdbc.sql(
            "SELECT fa_instance_key FROM module_failure WHERE campaign_id = ? AND fa_instance_key"
                + " IS NOT NULL")
        .param(campaign.id())
        .query(String.class)
        .list()
        .forEach(k -> keys.add(Long.parseLong(k)));
    try {
      // one search for the campaign's instance and its failure analyses
      return client
          .newIncidentSearchRequest()
          .filter(f -> f.processInstanceKey(p -> p.in(keys)))
          .send()
          .join()
          .items()
          .stream()
          .filter(i -> i.getState() == io.camunda.client.api.search.enums.IncidentState.ACTIVE)
          .map(
              i ->
                  new CampaignView.IncidentView(
                      String.valueOf(i.getIncidentKey()),
                      String.valueOf(i.getProcessInstanceKey()),
                      i.getElementId(),
                      String.valueOf(i.getErrorType()),
                      i.getErrorMessage(),
                      i.getJobKey() == null ? null : String.valueOf(i.getJobKey()),
                      i.getCreationTime() == null ? null : i.getCreationTime().toString()))
          .toList();
    } catch (RuntimeException e) {
      log.debug("Incidents of campaign {} not read: {}", campaign.id(), e.getMessage());
      return List.of();
    }
  }

  /**
   * Retries an open incident of a campaign: its job gets one more try, then the incident is
   * resolved, so the step runs again (fix the cause first, e.g. clear the chamber's alarm).
   *
   * @param id the campaign.
   * @param incidentKey the incident.
   * @throws NoSuchElementException if the campaign has no such open incident.
   */
  public void retryIncident(String id, String incidentKey) {
    Campaign campaign = find(id);
    CampaignView.IncidentView incident =
        incidents(campaign).stream()
            .filter(i -> i.key().equals(incidentKey))
            .findFirst()
            .orElseThrow(
                () ->
                    new NoSuchElementException(
                        "Campaign " + id + " has no open incident " + incidentKey));
    if (incident.jobKey() != null) {
      client.newUpdateRetriesCommand(Long.parseLong(incident.jobKey())).retries(1).send().join();
    }
    client.newResolveIncidentCommand(Long.parseLong(incidentKey)).send().join();
    campaignLog.record(
        id,
        "INCIDENT_RETRIED",
        "incident %s at %s retried (%s)"
            .formatted(incidentKey, incident.elementId(), incident.message()));
  }

  /**
   * What people must do for the campaign now: the open user tasks of its own instance and of its
   * failure analyses (these may stay open after an abort).
   */
  private List<String> openTasks(Campaign campaign) {
    java.util.Set<Long> keys = new java.util.HashSet<>();
    if (!campaign.ended() && campaign.processInstanceKey() > 0) {
      keys.add(campaign.processInstanceKey());
    }
    jdbc.sql(
            "SELECT fa_instance_key FROM module_failure WHERE campaign_id = ? AND fa_instance_key"
                + " IS NOT NULL AND fa_outcome IS NULL")
        .param(campaign.id())
        .query(String.class)
        .list()
        .forEach(k -> keys.add(Long.parseLong(k)));
    if (keys.isEmpty()) {
      return List.of();
    }
    try {
      // one filtered search per instance (the campaign's and its open analyses'), not one page of
      // every open task in the engine, which would miss some once the lab has many
      List<String> names = new java.util.ArrayList<>();
      for (long key : keys) {
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.state(UserTaskState.CREATED).processInstanceKey(key))
            .page(p -> p.limit(100))
            .send()
            .join()
            .items()
            .forEach(t -> names.add(t.getName()));
      }
      return names;
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /**
   * The modules of a campaign that failed.
   *
   * @param id the campaign id.
   * @return oldest first.
   */
  public List<CampaignView.FailureView> failures(String id) {
    return jdbc.sql(
            "SELECT serial, leg_id, detected_at, criteria, lanes, credited_hours, credited_cycles,"
                + " last_good_point, fa_instance_key, fa_outcome FROM module_failure WHERE"
                + " campaign_id = ? ORDER BY detected_at, serial")
        .param(id)
        .query(
            (rs, i) ->
                new CampaignView.FailureView(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant(),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getDouble(6),
                    rs.getLong(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10)))
        .list();
  }

  /**
   * The campaign's report, once generated.
   *
   * @param id the campaign id.
   * @return the report (Markdown), if generated.
   */
  public Optional<String> report(String id) {
    find(id);
    return repository.report(id);
  }

  /**
   * Pauses the leg running now: the chamber holds its setpoint, nothing is credited.
   *
   * @param id the campaign id.
   */
  public void pause(String id) {
    runner.pause(runningLeg(id, "pause").runId());
  }

  /**
   * Resumes the paused leg.
   *
   * @param id the campaign id.
   */
  public void resume(String id) {
    runner.resume(runningLeg(id, "resume").runId());
  }

  private CampaignView.LegView runningLeg(String id, String action) {
    Campaign campaign = find(id);
    if (campaign.ended()) {
      throw new CampaignConflictException(
          "Campaign "
              + id
              + " has ended ("
              + campaign.state()
              + "); there is nothing to "
              + action);
    }
    return legs.legs(id).stream()
        .filter(l -> "RUNNING".equals(l.state()) && l.runId() != null)
        .findFirst()
        .orElseThrow(
            () ->
                new CampaignConflictException(
                    "Campaign "
                        + id
                        + " has no leg under stress now (it waits for people or sampling);"
                        + " there is nothing to "
                        + action));
  }

  /**
   * Asks the campaign to abort: its workflow stops the profile, puts the chamber in its safe state
   * and ends with the verdict ABORTED.
   *
   * @param id the campaign id.
   * @param reason why, for the logbook.
   */
  public void abort(String id, String reason) {
    Campaign campaign = find(id);
    if (campaign.ended()) {
      throw new CampaignConflictException(
          "Campaign " + id + " has already ended (" + campaign.state() + ")");
    }
    String why = reason == null || reason.isBlank() ? "no reason given" : reason;
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("abortReason", why);
    // the request and its message (outbox) commit together; a campaign is aborted once, so a
    // second request is logged but sends nothing more
    transactions.executeWithoutResult(
        status -> {
          campaignLog.record(id, "ABORT_REQUESTED", "abort requested: " + why);
          outbox.publish(id + "/abort", "campaign-abort", id, vars, Duration.ofDays(30));
        });
  }

  /** All campaigns, newest first. */
  public List<Campaign> list() {
    return repository.findAll();
  }

  /**
   * The campaign's logbook.
   *
   * @param id the campaign id.
   * @return its events, oldest first.
   */
  /**
   * Every read point of a campaign's legs, in leg order then as reached: the chamber's condition
   * when the modules were measured, how long it recovered first, modules read and failed.
   *
   * @param id the campaign.
   * @return the read points.
   * @throws NoSuchElementException if there is no such campaign.
   */
  public List<CampaignView.ReadPointView> readPoints(String id) {
    find(id);
    List<CampaignView.ReadPointView> all = new ArrayList<>();
    for (CampaignView.LegView leg : legs.legs(id)) {
      all.addAll(legs.readPoints(id, leg.id()));
    }
    return all;
  }

  public List<CampaignEvent> events(String id) {
    find(id);
    return campaignLog.events(id);
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    return "%d:%02d:%02d".formatted(s / 3600, (s % 3600) / 60, s % 60);
  }
}

package io.stressflow.workflows.sampling;

import io.stressflow.workflows.campaign.CampaignLog;
import io.stressflow.workflows.chamber.ChamberTelemetry;
import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.profile.ProfileRun;
import io.stressflow.workflows.profile.ProfileRunner;
import io.stressflow.workflows.sampling.FailureJudge.Verdict;
import io.stressflow.workflows.sampling.ModuleProbe.ModuleSilentException;
import io.stressflow.workflows.sampling.cmis.Cmis;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Lane;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import io.stressflow.workflows.time.TimeScale;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;

/**
 * Samples the modules of a leg — a baseline at t = 0, then at each read point — judges each against
 * its own baseline and the plan's criteria, and routes a failure: the module is quarantined
 * (sampled no more, credited no more), a failure-analysis process instance starts with the data
 * snapshot, and the campaign is told by message. The first failure is final; time on test is
 * credited up to the last read point at which the module was fully in spec.
 */
@Service
public class SamplingService {

  private static final Logger log = LoggerFactory.getLogger(SamplingService.class);

  private final ModuleProbe probe;
  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final FailureRouter failures;
  private final CampaignLog campaignLog;
  private final Clock clock;
  private static final String IN_SITU = "in-situ";
  private final Map<String, Leg> legs = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, ModuleDiagnostics> baselines =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Scheduler scheduler;
  private final ChamberTelemetry telemetry;
  private final ProfileRunner runner;
  private final TimeScale timeScale;
  private final double envelopeMin;
  private final double envelopeMax;

  SamplingService(
      ModuleProbe probe,
      JdbcClient jdbc,
      JdbcTemplate batch,
      FailureRouter failures,
      CampaignLog campaignLog,
      Clock clock,
      Scheduler scheduler,
      ChamberTelemetry telemetry,
      ProfileRunner runner,
      TimeScale timeScale,
      @Value("${stressflow.modules.operating-min:0}") double envelopeMin,
      @Value("${stressflow.modules.operating-max:70}") double envelopeMax) {
    this.scheduler = scheduler;
    this.telemetry = telemetry;
    this.runner = runner;
    this.timeScale = timeScale;
    this.envelopeMin = envelopeMin;
    this.envelopeMax = envelopeMax;
    this.probe = probe;
    this.jdbc = jdbc;
    this.batch = batch;
    this.failures = failures;
    this.campaignLog = campaignLog;
    this.clock = clock;
  }

  /**
   * Registers a leg's modules for sampling.
   *
   * @param campaignId the campaign.
   * @param leg the leg (its samples and failure criteria).
   * @param lots lot of each serial, where known.
   */
  public void register(String campaignId, Leg leg, Map<String, String> lots) {
    legs.put(key(campaignId, leg.id()), leg);
    for (String serial : leg.samples()) {
      probe.attach(serial);
      jdbc.sql(
              "MERGE INTO module_unit (serial, campaign_id, leg_id, lot, control, state) KEY (serial)"
                  + " VALUES (?, ?, ?, ?, FALSE, 'REGISTERED')")
          .params(serial, campaignId, leg.id(), lots.get(serial))
          .update();
    }
  }

  /**
   * Takes the baseline read of every module of a leg.
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @return how the round went.
   */
  public Round baseline(String campaignId, String legId) {
    return round(campaignId, legId, "BASELINE", "0", 0, 0);
  }

  /**
   * Samples every module still on test at a read point and judges it.
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @param label the read point, e.g. {@code 168 h} or {@code 200 cycles}.
   * @param hours stress hours at condition so far.
   * @param cycles cycles so far.
   * @return how the round went.
   */
  public Round readPoint(String campaignId, String legId, String label, double hours, long cycles) {
    return round(campaignId, legId, "READ_POINT", label, hours, cycles);
  }

  private Round round(
      String campaignId, String legId, String kind, String label, double hours, long cycles) {
    Leg leg = legs.get(key(campaignId, legId));
    if (leg == null) {
      throw new IllegalStateException(
          "Expected leg '" + legId + "' of " + campaignId + " to be registered");
    }
    List<String> onTest =
        jdbc.sql(
                "SELECT serial FROM module_unit WHERE campaign_id = ? AND leg_id = ? AND state <> 'FAILED' ORDER BY serial")
            .params(campaignId, legId)
            .query(String.class)
            .list();
    List<String> failed = new ArrayList<>();
    Instant at = clock.instant();
    for (String serial : onTest) {
      ModuleDiagnostics d;
      try {
        d = Cmis.decode(probe.read(serial));
      } catch (ModuleSilentException e) {
        d = null;
      }
      boolean baseline = kind.equals("BASELINE");
      Verdict verdict =
          baseline
              ? new Verdict(d != null && d.state() == ModuleState.READY, List.of())
              : FailureJudge.judge(criteriaFor(kind, leg), baselineOf(serial), d);
      long sampleId =
          store(serial, campaignId, legId, at, kind, label, hours, cycles, d, verdict.pass());
      if (baseline) {
        baselines.remove(serial);
        jdbc.sql("UPDATE module_unit SET state = 'IN_STRESS' WHERE serial = ?")
            .param(serial)
            .update();
      } else if (verdict.pass() && kind.equals("READ_POINT")) {
        jdbc.sql(
                "UPDATE module_unit SET credited_hours = ?, credited_cycles = ?, last_good_point = ?"
                    + " WHERE serial = ?")
            .params(hours, cycles, label, serial)
            .update();
      } else if (!verdict.pass()) {
        failures.route(campaignId, legId, serial, sampleId, verdict, at);
        failed.add(serial);
      }
    }
    if (kind.equals("IN_SITU") && failed.isEmpty()) {
      return new Round(onTest.size(), failed);
    }
    campaignLog.record(
        campaignId,
        kind.equals("BASELINE")
            ? "BASELINE_TAKEN"
            : kind.equals("IN_SITU") ? "IN_SITU_FAILURE" : "READ_POINT_SAMPLED",
        "[%s] %s: %d modules read, %d failed%s"
            .formatted(
                legId, label, onTest.size(), failed.size(), failed.isEmpty() ? "" : " " + failed));
    return new Round(onTest.size(), failed);
  }

  private static Leg.FailureCriteria criteriaFor(String kind, Leg leg) {
    if (!kind.equals("IN_SITU") || leg.failureCriteria() == null) {
      return leg.failureCriteria();
    }
    return new Leg.FailureCriteria(null, null, null, leg.failureCriteria().moduleAlarms());
  }

  private long store(
      String serial,
      String campaignId,
      String legId,
      Instant at,
      String kind,
      String label,
      double hours,
      long cycles,
      ModuleDiagnostics d,
      boolean pass) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO module_sample (serial, campaign_id, leg_id, at, kind, label, stress_hours,"
                + " cycles, in_envelope, state, temperature, vcc, verdict, problems)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            serial,
            campaignId,
            legId,
            Timestamp.from(at),
            kind,
            label,
            hours,
            cycles,
            d != null
                && d.temperature() != null
                && d.temperature() >= envelopeMin
                && d.temperature() <= envelopeMax,
            d == null ? "SILENT" : d.state().name(),
            d == null ? null : d.temperature(),
            d == null ? null : d.vcc(),
            pass ? "PASS" : "FAIL",
            d == null ? "module did not answer" : String.join("; ", d.problems()))
        .update(keys, "id");
    long id = keys.getKey().longValue();
    if (d != null && !d.lanes().isEmpty()) {
      List<Object[]> rows = new ArrayList<>();
      for (Lane l : d.lanes()) {
        rows.add(
            new Object[] {
              id, l.lane(), l.txBiasMilliamps(), l.txPowerMilliwatts(), l.rxPowerMilliwatts()
            });
      }
      // one batch per module: its eight lane rows in one round trip
      batch.batchUpdate(
          "INSERT INTO lane_reading (sample_id, lane, bias_ma, tx_mw, rx_mw) VALUES (?, ?, ?, ?, ?)",
          rows);
    }
    return id;
  }

  /** The unit's baseline, read from the database once per process and kept. */
  ModuleDiagnostics baselineOf(String serial) {
    return baselines.computeIfAbsent(serial, this::loadBaseline);
  }

  private ModuleDiagnostics loadBaseline(String serial) {
    Optional<Long> id =
        jdbc.sql(
                "SELECT id FROM module_sample WHERE serial = ? AND kind = 'BASELINE' ORDER BY id DESC LIMIT 1")
            .param(serial)
            .query(Long.class)
            .optional();
    List<Lane> lanes =
        id.map(
                i ->
                    jdbc.sql(
                            "SELECT lane, bias_ma, tx_mw, rx_mw FROM lane_reading WHERE sample_id = ? ORDER BY lane")
                        .param(i)
                        .query(
                            (rs, n) ->
                                new Lane(
                                    rs.getInt(1),
                                    (Double) rs.getObject(2),
                                    (Double) rs.getObject(3),
                                    (Double) rs.getObject(4)))
                        .list())
            .orElse(List.of());
    return new ModuleDiagnostics(
        ModuleState.READY, null, null, lanes, true, null, Set.of(), List.of());
  }

  /**
   * The failures of a campaign.
   *
   * @param campaignId the campaign.
   * @return one row per failed module.
   */
  public List<Map<String, Object>> failures(String campaignId) {
    return failures.of(campaignId);
  }

  @EventListener
  void on(ProfileRunner.LegStarted event) {
    register(event.campaignId(), event.leg(), Map.of());
    baseline(event.campaignId(), event.leg().id());
    if (event.leg().inSitu() != null) {
      scheduleInSitu(event.campaignId(), event.leg(), event.runId());
    }
  }

  @EventListener
  void on(ProfileRunner.LegCompleted event) {
    try {
      scheduler.deleteJob(JobKey.jobKey(event.runId(), IN_SITU));
    } catch (SchedulerException e) {
      log.warn("In-situ job of run {} not removed: {}", event.runId(), e.getMessage());
    }
  }

  /**
   * Polls a leg's modules in situ, if the chamber is inside the modules' operating envelope: a
   * powered module is only specified there, so outside it nothing is read (CMIS dynamic pages and
   * the module's own alarms are meaningless beyond its rating). A silent module, a module fault or
   * a latched alarm is a failure; drift is judged at read points only, where the readings are
   * comparable (DDM accuracy is coarser than a 1 dB criterion).
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @param runId the profile run, for the time on test so far.
   * @return the round, or null when outside the envelope.
   */
  public Round inSitu(String campaignId, String legId, String runId) {
    Double load =
        telemetry
            .latest()
            .map(s -> s.loadTemperature() != null ? s.loadTemperature() : s.airTemperature())
            .orElse(null);
    if (load == null || load < envelopeMin || load > envelopeMax) {
      return null;
    }
    ProfileRun run = runner.find(runId).orElse(null);
    double hours = run == null ? 0 : run.progress().stressSeconds() / 3600;
    long cycles = run == null ? 0 : run.progress().cycles();
    return round(campaignId, legId, "IN_SITU", "in-situ", hours, cycles);
  }

  private void scheduleInSitu(String campaignId, Leg leg, String runId) {
    long period = Math.max(100, timeScale.toWall(Durations.parse(leg.inSitu())).toMillis());
    try {
      scheduler.scheduleJob(
          JobBuilder.newJob(InSituSamplingJob.class)
              .withIdentity(runId, IN_SITU)
              .usingJobData(InSituSamplingJob.CAMPAIGN, campaignId)
              .usingJobData(InSituSamplingJob.LEG, leg.id())
              .usingJobData(InSituSamplingJob.RUN, runId)
              .build(),
          TriggerBuilder.newTrigger()
              .withIdentity(runId, IN_SITU)
              .startAt(java.util.Date.from(clock.instant().plusMillis(period)))
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule()
                      .withIntervalInMilliseconds(period)
                      .repeatForever()
                      .withMisfireHandlingInstructionNextWithRemainingCount())
              .build());
    } catch (SchedulerException e) {
      throw new IllegalStateException(
          "Expected to schedule in-situ sampling of " + runId + ", but: " + e.getMessage(), e);
    }
  }

  @EventListener
  void on(ProfileRunner.ReadPointReached event) {
    readPoint(event.campaignId(), event.legId(), event.label(), event.hours(), event.cycles());
  }

  private static String key(String campaignId, String legId) {
    return campaignId + "/" + legId;
  }

  /**
   * One sampling round.
   *
   * @param read how many modules were read.
   * @param failed the serials that failed in this round.
   */
  public record Round(int read, List<String> failed) {}
}

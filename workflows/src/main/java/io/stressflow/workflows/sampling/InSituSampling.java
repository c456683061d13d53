package io.stressflow.workflows.sampling;

import io.stressflow.workflows.chamber.Lab;
import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.profile.ProfileRun;
import io.stressflow.workflows.profile.ProfileRunner;
import io.stressflow.workflows.system.SchedulerTransactions;
import io.stressflow.workflows.time.TimeScale;
import java.time.Clock;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * In-situ polling of a leg's modules while under stress: a Quartz job per profile run at the plan's
 * interval ({@link InSituSamplingJob}), scheduled when a leg with {@code inSitu} and powered
 * modules starts, removed when the leg ends (completed, aborted, unloaded) and by the job itself
 * once its run is over. The rounds are {@link SamplingService}'s.
 */
@Service
public class InSituSampling {

  private static final Logger log = LoggerFactory.getLogger(InSituSampling.class);
  private static final String IN_SITU = "in-situ";

  private final SamplingService sampling;
  private final ProfileRunner runner;
  private final Lab lab;
  private final JdbcClient jdbc;
  private final Scheduler scheduler;
  private final SchedulerTransactions quartz;
  private final TimeScale timeScale;
  private final Clock clock;
  private final double envelopeMin;
  private final double envelopeMax;

  InSituSampling(
      SamplingService sampling,
      ProfileRunner runner,
      Lab lab,
      JdbcClient jdbc,
      Scheduler scheduler,
      PlatformTransactionManager transactionManager,
      TimeScale timeScale,
      Clock clock,
      @Value("${stressflow.modules.operating-min:0}") double envelopeMin,
      @Value("${stressflow.modules.operating-max:70}") double envelopeMax) {
    this.sampling = sampling;
    this.runner = runner;
    this.lab = lab;
    this.jdbc = jdbc;
    this.scheduler = scheduler;
    this.quartz = new SchedulerTransactions(transactionManager);
    this.timeScale = timeScale;
    this.clock = clock;
    this.envelopeMin = envelopeMin;
    this.envelopeMax = envelopeMax;
  }

  @EventListener
  void on(ProfileRunner.LegStarted event) {
    if (event.leg().inSitu() != null && event.leg().poweredUnderStress()) {
      scheduleInSitu(event.campaignId(), event.leg(), event.runId());
    } else if (event.leg().inSitu() != null) {
      // an unpowered module reports nothing: it is measured at read points only
      log.info(
          "[{}] {}: modules unpowered under stress, no in-situ polling",
          event.campaignId(),
          event.leg().id());
    }
  }

  @EventListener
  void on(ProfileRunner.LegCompleted event) {
    try {
      quartz.run(() -> scheduler.deleteJob(JobKey.jobKey(event.runId(), IN_SITU)));
    } catch (SchedulerException e) {
      log.warn("In-situ job of run {} not removed: {}", event.runId(), e.getMessage());
    }
  }

  /**
   * Polls a leg's modules in situ, if the chamber is inside the modules' operating envelope: a
   * powered module is only specified there, so outside it nothing is read (CMIS dynamic pages and
   * the module's own alarms are meaningless beyond its rating). Only what is meaningful at stress
   * is judged: silence, module fault, loss of signal or lock, Tx fault, and latched power and bias
   * alarms; temperature and Vcc flags only if the chamber stayed inside the rating since the
   * previous read. A module not READY (low power, powering up) is recorded, not judged on its
   * lanes. Drift is judged at read points only, where the readings are comparable (DDM accuracy is
   * coarser than a 1 dB criterion). Legs whose modules are unpowered are not polled.
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @param runId the profile run, for the time on test so far.
   * @return the round, or null when outside the envelope.
   */
  public Round inSitu(String campaignId, String legId, String runId) {
    ProfileRun run = runner.find(runId).orElse(null);
    if (run == null || !("RUNNING".equals(run.state()) || "PAUSED".equals(run.state()))) {
      // the leg ended (completed, aborted, the modules unloaded): its modules are not polled again
      unscheduleInSitu(runId);
      return null;
    }
    if (!lab.has(run.chamber())) {
      return null;
    }
    Double load =
        lab.telemetry(run.chamber())
            .latest()
            .map(s -> s.loadTemperature() != null ? s.loadTemperature() : s.airTemperature())
            .orElse(null);
    if (load == null || load < envelopeMin || load > envelopeMax) {
      return null;
    }
    if (atLabStation(campaignId, legId)) {
      // the modules are out at the lab's station for a read point: nothing to poll in the chamber
      return null;
    }
    double hours = run.progress().stressSeconds() / 3600;
    long cycles = run.progress().cycles();
    return sampling.inSituRound(campaignId, legId, hours, cycles);
  }

  private void unscheduleInSitu(String runId) {
    try {
      quartz.run(() -> scheduler.deleteJob(JobKey.jobKey(runId, IN_SITU)));
    } catch (SchedulerException e) {
      log.warn("In-situ job of run {} not removed: {}", runId, e.getMessage());
    }
  }

  /** Whether the leg's modules are out at the lab's station for a read point measured there. */
  private boolean atLabStation(String campaignId, String legId) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM leg_read_point WHERE campaign_id = ? AND leg_id = ? AND mode"
                    + " = 'LAB_TASK' AND measured_at IS NULL")
            .params(campaignId, legId)
            .query(Long.class)
            .single()
        > 0;
  }

  private void scheduleInSitu(String campaignId, Leg leg, String runId) {
    long period = Math.max(100, timeScale.toWall(Durations.parse(leg.inSitu())).toMillis());
    try {
      quartz.run(
          () ->
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
                      .build()));
    } catch (SchedulerException e) {
      throw new IllegalStateException(
          "Expected to schedule in-situ sampling of " + runId + ", but: " + e.getMessage(), e);
    }
  }
}

package io.stressflow.workflows.profile;

import io.stressflow.chamber.ChamberAlarm;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.ChamberState;
import io.stressflow.workflows.chamber.Lab;
import io.stressflow.workflows.chamber.RampRates;
import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.outbox.Outbox;
import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.profile.ProfileExecutor.Effect;
import io.stressflow.workflows.profile.ProfileExecutor.Tick;
import io.stressflow.workflows.system.SchedulerTransactions;
import io.stressflow.workflows.time.TimeScale;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs legs' profiles on the chamber, host-driven: a Quartz job (JDBC store, so it survives a
 * restart) ticks each run; each tick reads the chamber, advances {@link ProfileExecutor}, writes
 * setpoints, records events and stores the progress. The public API of profile execution.
 */
@Service
public class ProfileRunner {

  private static final Logger log = LoggerFactory.getLogger(ProfileRunner.class);
  private static final String GROUP = "profile";
  private static final Duration MIN_TICK = Duration.ofMillis(20);
  private static final Set<String> MESSAGES =
      Set.of("LEG_STARTED", "READ_POINT_REACHED", "LEG_COMPLETED", "CHAMBER_ALARM");

  private final ProfileRunRepository runs;
  private final Lab lab;
  private final RampRates rampRates;
  private final CampaignLog campaignLog;
  private final Outbox outbox;
  private final Duration legMessageTtl;
  private final Scheduler scheduler;
  private final TimeScale timeScale;
  private final Clock clock;
  private final Duration tickInterval;
  private final Duration dryOutLimit;
  private final Map<String, Active> active = new ConcurrentHashMap<>();
  private final TransactionTemplate transactions;
  private final SchedulerTransactions quartz;
  private final ApplicationEventPublisher events;
  private final java.util.concurrent.ScheduledExecutorService watchdog =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "profile-watchdog");
            t.setDaemon(true);
            return t;
          });

  ProfileRunner(
      ProfileRunRepository runs,
      Lab lab,
      RampRates rampRates,
      CampaignLog campaignLog,
      Outbox outbox,
      Scheduler scheduler,
      TimeScale timeScale,
      Clock clock,
      PlatformTransactionManager transactionManager,
      ApplicationEventPublisher events,
      @Value("${stressflow.profile.tick-interval:1s}") Duration tickInterval,
      @Value("${stressflow.outbox.leg-message-ttl:P30D}") Duration legMessageTtl,
      @Value("${stressflow.profile.dry-out-limit:PT2H}") Duration dryOutLimit) {
    if (dryOutLimit.isNegative() || dryOutLimit.isZero()) {
      throw new IllegalArgumentException(
          "stressflow.profile.dry-out-limit: expected a duration > 0 (e.g. PT2H), but was "
              + dryOutLimit);
    }
    this.dryOutLimit = dryOutLimit;
    this.transactions = new TransactionTemplate(transactionManager);
    this.quartz = new SchedulerTransactions(transactionManager);
    this.events = events;
    this.runs = runs;
    this.lab = lab;
    this.rampRates = rampRates;
    this.campaignLog = campaignLog;
    this.outbox = outbox;
    this.legMessageTtl = legMessageTtl;
    this.scheduler = scheduler;
    this.timeScale = timeScale;
    this.clock = clock;
    this.tickInterval = tickInterval;
  }

  /**
   * Starts a leg's profile on the chamber the plan names for it.
   *
   * @param campaignId the campaign.
   * @param leg a validated leg (presets applied) with its {@code chamber}.
   * @return the run id.
   */
  public String start(String campaignId, Leg leg) {
    return start(campaignId, leg, leg.chamber());
  }

  /**
   * Starts a leg's profile on a chamber.
   *
   * @param campaignId the campaign.
   * @param leg a validated leg (presets applied).
   * @param chamber the chamber assigned to the leg.
   * @return the run id.
   * @throws NoSuchElementException if the lab has no such chamber.
   */
  public String start(String campaignId, Leg leg, String chamber) {
    lab.find(chamber)
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "No chamber '" + chamber + "' in the lab: " + lab.ids()));
    String id = "R-" + UUID.randomUUID().toString().substring(0, 8);
    ProfileRun run =
        new ProfileRun(
            id, campaignId, leg.id(), chamber, leg, "RUNNING", ProfileProgress.initial());
    // the run and its leg-started message (outbox) are stored together
    transactions.executeWithoutResult(
        status -> {
          runs.insert(run, clock.instant());
          record(
              run,
              "LEG_STARTED",
              "leg '%s' started on chamber '%s' (run %s)".formatted(leg.id(), run.chamber(), id));
        });
    // listeners (sampling) register the leg's modules and take the baseline before any stress
    events.publishEvent(new LegStarted(campaignId, leg, id));
    schedule(id);
    return id;
  }

  /**
   * A run as stored.
   *
   * @param id the run id.
   * @return the run, if it exists.
   */
  public Optional<ProfileRun> find(String id) {
    return runs.find(id);
  }

  /**
   * The deviations a run has recorded.
   *
   * @param id the run id.
   * @return its closed deviations, oldest first.
   */
  public List<ProfileRun.DeviationRecord> deviations(String id) {
    return runs.deviations(id);
  }

  /**
   * Pauses a run: the chamber holds its setpoint, nothing is credited.
   *
   * @param id the run id.
   */
  public void pause(String id) {
    pause(id, "paused by an operator");
  }

  /**
   * Pauses a run: the chamber holds its setpoint (or is put in its safe state by the caller),
   * nothing is credited. The interruption is recorded as a deviation when the run resumes.
   *
   * @param id the run id.
   * @param cause why, e.g. {@code chamber alarm [OVER_TEMPERATURE]}.
   */
  public void pause(String id, String cause) {
    Active a = load(id);
    synchronized (a) {
      String state = guard(a, "paused");
      if ("PAUSED".equals(state)) {
        return;
      }
      ProfileProgress paused = a.progress.withPaused(true);
      if (!runs.save(id, Set.of("RUNNING"), "PAUSED", paused, clock.instant())) {
        throw changedMeanwhile(id, "paused");
      }
      a.progress = paused;
      runs.paused(id, clock.instant(), cause);
      record(a.run, "LEG_PAUSED", "leg '%s' paused: %s".formatted(a.run.legId(), cause));
    }
  }

  /**
   * Resumes a paused run; the setpoint in force is written again. The time it was paused is
   * recorded as a deviation (an interruption: nothing was credited), with the reading farthest from
   * the setpoint meanwhile.
   *
   * @param id the run id.
   * @throws IllegalStateException if the run has completed or been aborted.
   */
  public void resume(String id) {
    Active a = load(id);
    synchronized (a) {
      String state = guard(a, "resumed");
      if ("RUNNING".equals(state)) {
        return;
      }
      Instant now = clock.instant();
      ProfileProgress running = a.progress.withPaused(false);
      if (!runs.save(id, Set.of("PAUSED"), "RUNNING", running, now)) {
        throw changedMeanwhile(id, "resumed");
      }
      runs.pausedAt(id)
          .ifPresent(
              p -> {
                double target = a.progress.targetTemperature();
                // the farthest reading, found by the database: a long pause is many readings
                double worst =
                    runs.farthestReading(a.run.chamber(), p.getKey(), now, target).orElse(target);
                runs.insertInterruption(id, p.getKey(), now, target, worst, p.getValue());
                runs.paused(id, null, null);
              });
      a.progress = running;
      a.resumed = false;
      record(a.run, "LEG_RESUMED", "leg '%s' resumed".formatted(a.run.legId()));
    }
  }

  /**
   * Stops a run for good (the campaign was aborted): it is ticked no more and credits nothing more,
   * and a tick under way when it is aborted writes nothing after it. The chamber is left as it is;
   * the caller puts it in its safe state. Aborting a run that has already ended does nothing.
   *
   * @param id the run id.
   */
  public void abort(String id) {
    Active a;
    try {
      a = load(id);
    } catch (NoSuchElementException e) {
      return; // aborted already
    }
    synchronized (a) {
      a.ended = true;
      unschedule(id);
      active.remove(id, a);
      if (runs.save(id, Set.of("RUNNING", "PAUSED"), "ABORTED", a.progress, clock.instant())) {
        record(a.run, "LEG_ABORTED", "leg '%s' aborted".formatted(a.run.legId()));
      }
    }
  }

  /**
   * A stored run whose profile cannot be run (stored before plan bounds existed) is aborted, said
   * in the logbook, and never ticked again, instead of taking the application down at every start.
   */
  private void refuse(String id, String why) {
    unschedule(id);
    runs.find(id)
        .ifPresent(
            run -> {
              if (runs.save(
                  id, Set.of("RUNNING", "PAUSED"), "ABORTED", run.progress(), clock.instant())) {
                record(
                    run,
                    "LEG_ABORTED",
                    "leg '%s' cannot run: %s; the run is stopped".formatted(run.legId(), why));
              }
            });
  }

  /**
   * The run's stored state, checked inside its lock: a run that has ended (completed, or aborted by
   * this or another instance) takes no more transitions.
   */
  private String guard(Active a, String verb) {
    String state = runs.state(a.run.id()).orElse("ABORTED");
    if (a.ended || "COMPLETED".equals(state) || "ABORTED".equals(state)) {
      a.ended = true;
      active.remove(a.run.id(), a);
      throw new IllegalStateException(
          "Run %s of leg '%s' has %s: it cannot be %s"
              .formatted(a.run.id(), a.run.legId(), state.toLowerCase(), verb));
    }
    return state;
  }

  private static IllegalStateException changedMeanwhile(String id, String verb) {
    return new IllegalStateException(
        "Run %s changed state meanwhile and was not %s; ask again".formatted(id, verb));
  }

  /**
   * Advances a run by one tick. Called by {@link ProfileTickJob}; never throws for a chamber fault,
   * which is recorded as a missed reading instead.
   *
   * @param id the run id.
   */
  void tick(String id) {
    Active a;
    try {
      a = load(id);
    } catch (NoSuchElementException e) {
      unschedule(id);
      return;
    } catch (IllegalArgumentException e) {
      refuse(id, e.getMessage());
      return;
    }
    synchronized (a) {
      // re-checked inside the lock: an abort (here or by another instance) wins over this tick
      String stored = runs.state(id).orElse("ABORTED");
      if (a.ended || a.progress.done() || !Set.of("RUNNING", "PAUSED").contains(stored)) {
        a.ended = true;
        active.remove(id, a);
        unschedule(id);
        return;
      }
      Tick t;
      if (!a.resumed) {
        // first tick in this process (start, restart, resume): assert the setpoint in force
        t = a.executor.resume(a.progress, clock.instant());
        a.resumed = true;
        if (!apply(a, t.effects(), null)) {
          return;
        }
        a.progress = t.progress();
      }
      List<Effect> measuredEffects = List.of();
      String measuring = ProfileExecutor.measuring(a.progress);
      if (measuring != null) {
        if (runs.isReadPointMeasured(a.run.campaignId(), a.run.legId(), measuring)) {
          // the modules have been read: stress resumes (stored with this tick)
          Tick m = a.executor.measured(a.progress, clock.instant());
          a.progress = m.progress();
          measuredEffects = m.effects();
        } else if (!a.measureRequested) {
          // after a restart nobody may be reading them: ask again (a round is taken only once)
          a.measureRequested = true;
          runs.readPointOf(a.run.campaignId(), a.run.legId(), measuring)
              .ifPresent(
                  r ->
                      events.publishEvent(
                          new ReadPointReached(
                              a.run.campaignId(),
                              a.run.legId(),
                              measuring,
                              r.hours(),
                              r.cycles(),
                              mode(a.run))));
        }
      }
      ChamberState reading = read(a);
      Tick ticked = a.executor.tick(a.progress, reading, clock.instant());
      List<Effect> all = new java.util.ArrayList<>(measuredEffects);
      all.addAll(ticked.effects());
      Tick next = new Tick(ticked.progress(), all);
      // the tick's events, deviations, progress and messages (outbox) are stored together or not
      // at all, so a crash between them cannot log a cycle that the stored progress has not
      // counted, nor lose a leg-completed message
      Boolean applied =
          transactions.execute(
              status -> {
                if (!apply(a, next.effects(), reading)) {
                  status.setRollbackOnly();
                  return false;
                }
                ProfileProgress p = next.progress();
                String state = p.done() ? "COMPLETED" : p.paused() ? "PAUSED" : "RUNNING";
                if (!runs.save(id, Set.of(stored), state, p, clock.instant())) {
                  // the run changed state meanwhile (another instance): store nothing of this tick
                  status.setRollbackOnly();
                  return false;
                }
                return true;
              });
      if (!Boolean.TRUE.equals(applied)) {
        // the setpoint did not reach the chamber: keep the old progress and try again
        a.resumed = false;
        return;
      }
      a.progress = next.progress();
      // after the commit: a read point's sampling must never roll back the profile's progress
      for (Effect e : next.effects()) {
        if (e instanceof Effect.ReadPointReached r) {
          a.measureRequested = true;
          events.publishEvent(
              new ReadPointReached(
                  a.run.campaignId(),
                  a.run.legId(),
                  r.label(),
                  r.hours(),
                  r.cycles(),
                  mode(a.run)));
        }
      }
      if (a.progress.done()) {
        active.remove(id);
        unschedule(id);
        events.publishEvent(new LegCompleted(a.run.campaignId(), a.run.legId(), id));
      }
    }
  }

  /**
   * A read point's modules have been measured: a run holding the recovery condition for it goes
   * back to stress on its next tick. Safe to call more than once.
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @param label the read point, e.g. {@code 168 h}.
   * @param modulesRead how many modules were read.
   * @param failed the serials that failed there.
   */
  public void readPointMeasured(
      String campaignId, String legId, String label, int modulesRead, List<String> failed) {
    String failedText = failed.isEmpty() ? null : String.join(", ", failed);
    if (runs.readPointMeasured(
        campaignId, legId, label, clock.instant(), modulesRead, failedText)) {
      campaignLog.record(
          campaignId,
          "READ_POINT_MEASURED",
          "[%s] read point %s: %d modules measured, %s"
              .formatted(
                  legId,
                  label,
                  modulesRead,
                  failed.isEmpty() ? "none failed" : failed.size() + " failed"));
    }
  }

  /**
   * Read points that were reached and not measured yet (a crash between the tick that reached one
   * and its sampling loses the request), in the order they were reached; not those measured as a
   * lab task, and only of runs still running or paused.
   *
   * @param campaignId the campaign, or null for every campaign.
   * @param legId the leg (with a campaign).
   * @return the read points, per leg in order.
   */
  public List<ReadPointReached> unmeasuredReadPoints(String campaignId, String legId) {
    return runs.unmeasuredReadPoints(campaignId, legId);
  }

  private ChamberState read(Active a) {
    try {
      ChamberState s = lab.driver(a.run.chamber()).read();
      Set<ChamberAlarm> alarms = s.alarms();
      if (!alarms.isEmpty() && !alarms.equals(a.alarms)) {
        record(a.run, "CHAMBER_ALARM", "chamber '%s' raised %s".formatted(a.run.chamber(), alarms));
      }
      a.alarms = alarms;
      return s;
    } catch (ChamberException e) {
      log.warn(
          "Run {}: chamber '{}' did not answer: {}", a.run.id(), a.run.chamber(), e.getMessage());
      return null;
    }
  }

  /**
   * Carries out a tick's effects; {@code reading} is the tick's reading, or null if none. Messages
   * for the workflow go to the outbox, in the caller's transaction.
   */
  private boolean apply(Active a, List<Effect> effects, ChamberState reading) {
    for (Effect e : effects) {
      if (e instanceof Effect.Write w) {
        try {
          ChamberControl.writeAndRun(lab.driver(a.run.chamber()), w.setpoint(), reading);
        } catch (ChamberException ex) {
          log.warn(
              "Run {}: setpoint {} not written: {}", a.run.id(), w.setpoint(), ex.getMessage());
          return false;
        }
      } else if (e instanceof Effect.Event ev) {
        record(a.run, ev.kind(), ev.message());
      } else if (e instanceof Effect.DeviationClosed d) {
        runs.insertDeviation(a.run.id(), d.deviation(), d.end(), d.quantity());
      } else if (e instanceof Effect.RampMeasured m) {
        rampMeasured(a.run, m);
      } else if (e instanceof Effect.ReadPointReached r) {
        ProfileExecutor.Condition condition = r.condition();
        if (condition == null && reading != null) {
          condition =
              new ProfileExecutor.Condition(
                  reading.airTemperature(), reading.loadTemperature(), reading.humidity(), 0);
        }
        Leg.ReadPoints rp = a.run.leg().readPoints();
        runs.insertReadPoint(
            a.run,
            r.label(),
            r.hours(),
            r.cycles(),
            condition,
            rp == null ? null : mode(a.run),
            clock.instant());
      }
    }
    return true;
  }

  /**
   * A ramp's achieved rate: learnt for the chamber (the ETA uses it); the first ramp of a run that
   * falls short of its plan says so in the logbook, once per run.
   */
  private void rampMeasured(ProfileRun run, Effect.RampMeasured m) {
    rampRates.record(run.chamber(), m.planned(), m.achieved(), clock.instant());
    if (RampRates.isShort(m.planned(), m.achieved())) {
      campaignLog.recordOnce(
          run.campaignId(),
          run.id() + "/ramp-slow",
          "RAMP_SLOW",
          "[%s] chamber '%s' ramps at %.1f K/min, plan asks %s K/min; ETA uses the achieved rate"
              .formatted(
                  run.legId(), run.chamber(), m.achieved(), ProfileRunner.rate(m.planned())));
    }
  }

  /** A rate for people: {@code 10}, {@code 2.5}. */
  static String rate(double r) {
    return r == Math.rint(r) ? Long.toString((long) r) : "%.1f".formatted(r);
  }

  /** How the run's read points are measured: RECOVERY, IN_SITU or LAB_TASK. */
  private static String mode(ProfileRun run) {
    Leg.ReadPoints rp = run.leg().readPoints();
    return rp == null ? Leg.ReadPoints.Mode.RECOVERY.name() : rp.effectiveMode().name();
  }

  /**
   * A logbook entry; an event the workflow waits for (leg started, read point reached, leg
   * completed, chamber alarm) is also queued as a message in the outbox, in the same transaction
   * (the caller's, or one of its own), with a stable id: {@code
   * <campaign>/<leg>/<run>/<message>/<n>}, n counting that message of the run from 1.
   */
  private void record(ProfileRun run, String kind, String message) {
    if ("CYCLE_COMPLETED".equals(kind)) {
      // 500 cycles are 500 rows: keep them out of the application log, in the logbook only
      log.debug("[{}] {}", run.campaignId(), message);
    }
    if (!MESSAGES.contains(kind)) {
      campaignLog.record(run.campaignId(), kind, "[" + run.legId() + "] " + message);
      return;
    }
    transactions.executeWithoutResult(
        status -> {
          campaignLog.record(run.campaignId(), kind, "[" + run.legId() + "] " + message);
          String name = kind.toLowerCase().replace('_', '-');
          String prefix = "%s/%s/%s/%s/".formatted(run.campaignId(), run.legId(), run.id(), name);
          outbox.publish(
              prefix + (outbox.count(prefix) + 1),
              name,
              run.campaignId(),
              Map.of("legId", run.legId(), "runId", run.id(), "event", message),
              ttl(kind));
        });
  }

  /**
   * How long the engine keeps a leg's message for a subscription not open yet. A chamber alarm is
   * news only for the leg under way (an hour); the others must survive the process being elsewhere
   * for as long as people take, e.g. in "check overdue leg" (whose timer fires after twice the
   * leg's nominal time) or resolving an alarm: {@code stressflow.outbox.leg-message-ttl}, 30 days.
   */
  private Duration ttl(String kind) {
    return "CHAMBER_ALARM".equals(kind) ? Duration.ofHours(1) : legMessageTtl;
  }

  private Active load(String id) {
    return active.computeIfAbsent(
        id,
        k -> {
          ProfileRun run =
              runs.find(k)
                  .filter(r -> !"ABORTED".equals(r.state()))
                  .orElseThrow(
                      () -> new NoSuchElementException("No active profile run '" + k + "'"));
          ProfileSteps steps = ProfileSteps.of(run.leg().profile(), Durations::parse);
          Duration gap = wallTick().multipliedBy(5).plusSeconds(2);
          return new Active(
              run,
              new ProfileExecutor(
                  steps,
                  run.leg().readPoints(),
                  timeScale.factor(),
                  gap,
                  humidity(run.chamber()),
                  dryOutLimit),
              run.progress());
        });
  }

  /** How a chamber turns humidity off (a chamber no longer in the lab: as if it could). */
  private ChamberHumidity humidity(String chamber) {
    return lab.mapCapabilities(chamber)
        .flatMap(map -> lab.find(chamber).map(c -> ChamberHumidity.of(map, c.chamberLimits())))
        .orElse(ChamberHumidity.SWITCHABLE);
  }

  /**
   * Every active run must have its tick job. A run whose job is missing (whatever removed it) would
   * stand still with its chamber holding a setpoint, so a watchdog puts it back and says so.
   */
  @org.springframework.context.event.EventListener(
      org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void startWatchdog() {
    watchdog.scheduleWithFixedDelay(this::watch, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stopWatchdog() {
    watchdog.shutdown();
    try {
      // no interrupt while it writes: an interrupted H2 file write closes the database for everyone
      if (!watchdog.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
        watchdog.shutdownNow();
      }
    } catch (InterruptedException e) {
      watchdog.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  void watch() {
    try {
      for (String state : List.of("RUNNING", "PAUSED")) {
        for (ProfileRun run : runs.findByState(state)) {
          if (!scheduler.checkExists(JobKey.jobKey(run.id(), GROUP))) {
            log.warn("Run {} ({}) had no tick job; scheduled it again", run.id(), state);
            schedule(run.id());
          }
        }
      }
    } catch (SchedulerException | RuntimeException e) {
      log.warn("Profile watchdog: {}", e.getMessage());
    }
  }

  private void schedule(String id) {
    try {
      quartz.run(
          () ->
              scheduler.scheduleJob(
                  JobBuilder.newJob(ProfileTickJob.class)
                      .withIdentity(id, GROUP)
                      .usingJobData(ProfileTickJob.RUN_ID, id)
                      .build(),
                  TriggerBuilder.newTrigger()
                      .withIdentity(id, GROUP)
                      .startNow()
                      .withSchedule(
                          SimpleScheduleBuilder.simpleSchedule()
                              .withIntervalInMilliseconds(wallTick().toMillis())
                              .repeatForever()
                              .withMisfireHandlingInstructionNextWithRemainingCount())
                      .build()));
    } catch (org.quartz.ObjectAlreadyExistsException e) {
      // scheduled already (the watchdog got there first)
    } catch (SchedulerException e) {
      if (scheduledAlready(id)) {
        // the watchdog scheduled it between the insert and this call: the JDBC store reports
        // that race as a key violation rather than ObjectAlreadyExistsException
        return;
      }
      throw new IllegalStateException(
          "Expected to schedule profile run " + id + ", but: " + e.getMessage(), e);
    }
  }

  private boolean scheduledAlready(String id) {
    try {
      return scheduler.checkExists(JobKey.jobKey(id, GROUP));
    } catch (SchedulerException e) {
      return false;
    }
  }

  private void unschedule(String id) {
    try {
      quartz.run(() -> scheduler.deleteJob(JobKey.jobKey(id, GROUP)));
    } catch (SchedulerException e) {
      log.warn("Run {}: tick job not removed: {}", id, e.getMessage());
    }
  }

  Duration wallTick() {
    Duration wall = timeScale.toWall(tickInterval);
    return wall.compareTo(MIN_TICK) < 0 ? MIN_TICK : wall;
  }

  /**
   * A leg's profile is about to start.
   *
   * @param campaignId the campaign.
   * @param leg the leg.
   * @param runId the run that executes its profile.
   */
  public record LegStarted(String campaignId, Leg leg, String runId) {}

  /**
   * A leg's profile completed (published after the completing tick was stored).
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @param runId the run.
   */
  public record LegCompleted(String campaignId, String legId, String runId) {}

  /**
   * A leg reached a read point (published after the tick that reached it was stored).
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @param label e.g. {@code 168 h}.
   * @param hours profile time credited at condition, h.
   * @param cycles cycles completed.
   * @param mode how it is measured: {@code RECOVERY}, {@code IN_SITU}, or {@code LAB_TASK} (lab
   *     staff measure the modules at the lab's station through the campaign's task; nothing reads
   *     them here).
   */
  public record ReadPointReached(
      String campaignId, String legId, String label, double hours, long cycles, String mode) {

    /** Whether lab staff measure this read point at the lab's station. */
    public boolean labTask() {
      return Leg.ReadPoints.Mode.LAB_TASK.name().equals(mode);
    }
  }

  private static final class Active {
    final ProfileRun run;
    final ProfileExecutor executor;
    ProfileProgress progress;
    boolean resumed;
    boolean measureRequested;
    boolean ended;
    Set<ChamberAlarm> alarms = Set.of();

    Active(ProfileRun run, ProfileExecutor executor, ProfileProgress progress) {
      this.run = run;
      this.executor = executor;
      this.progress = progress;
    }
  }
}

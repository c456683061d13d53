package io.stressflow.workflows.sampling;

import io.stressflow.workflows.chamber.Lab;
import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.plan.CampaignPlan;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.Leg.FailureCriteria;
import io.stressflow.workflows.profile.ProfileExecutor;
import io.stressflow.workflows.profile.ProfileRunner;
import io.stressflow.workflows.sampling.FailureJudge.Verdict;
import io.stressflow.workflows.sampling.SampleStore.Sample;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Samples the modules of a leg — a baseline at t = 0, then at each read point — judges each against
 * its own baseline and the plan's criteria, and routes a failure: the module is quarantined
 * (sampled no more, credited no more), a failure-analysis process instance starts with the data
 * snapshot, and the campaign is told by message. The first failure is final; time on test is
 * credited up to the last read point at which the module was fully in spec.
 *
 * <p>A module's identity here is (campaign, serial): its state, baseline, samples and failure in
 * one campaign are its own. A module tested (or failed) in an earlier campaign is registered, read
 * at the baseline and every read point, and judged against its baseline of this campaign; only a
 * failure in this campaign stops its reads (the reuse rule itself is the launch's: {@code
 * CampaignService}).
 *
 * <p>The campaign's control samples are never stressed; they are read with every baseline and read
 * point and judged against their own baseline with the leg's criteria. A control out of spec is not
 * a module failure: it says the measurement system drifted, and the round's results are suspect
 * ({@code CONTROL_DRIFT} in the campaign's logbook).
 *
 * <p>A baseline or read point is taken once: the same label again (a job delivered twice) returns
 * the stored round without reading anything. Modules are read on a few threads ({@link
 * ModuleReader}) and stored in chunks ({@code stressflow.sampling.chunk}, 1000 modules), each chunk
 * in one transaction with its samples and lane readings in batches and its failures recorded; the
 * next chunks are read while one is stored. Failure analysis is started as soon as a chunk commits,
 * off the round's thread ({@link FailureRouter}). A round interrupted by a crash is resumed, with
 * the modules it had not read, when it is asked for again.
 */
@Service
public class SamplingService
    implements org.springframework.beans.factory.SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(SamplingService.class);

  private static final String BASELINE_KIND = "BASELINE";
  private static final String READ_POINT_KIND = "READ_POINT";
  private static final String IN_SITU_KIND = "IN_SITU";

  /** Chunks being read while the one before is stored. */
  private static final int READ_AHEAD = 2;

  private final ModuleProbe probe;
  private final ModuleReader reader;
  private final SampleStore store;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final FailureRouter failures;
  private final CampaignLog campaignLog;
  private final Clock clock;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Lab lab;
  private final double envelopeMin;

  /**
   * How much hotter than the chamber's load a powered module's case runs, K: a chamber within that
   * of the rating's top may have driven the case beyond it, so its temperature flags are excused.
   */
  private final double selfHeating;

  private final double envelopeMax;
  private final int chunk;

  SamplingService(
      ModuleProbe probe,
      ModuleReader reader,
      SampleStore store,
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      FailureRouter failures,
      CampaignLog campaignLog,
      Clock clock,
      Lab lab,
      @Value("${stressflow.modules.operating-min:0}") double envelopeMin,
      @Value("${stressflow.modules.operating-max:70}") double envelopeMax,
      @Value("${stressflow.modules.self-heating:10}") double selfHeating,
      @Value("${stressflow.sampling.chunk:1000}") int chunk) {
    this.chunk = Math.max(1, chunk);
    this.probe = probe;
    this.reader = reader;
    this.store = store;
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.failures = failures;
    this.campaignLog = campaignLog;
    this.clock = clock;
    this.lab = lab;
    this.envelopeMin = envelopeMin;
    this.envelopeMax = envelopeMax;
    this.selfHeating = selfHeating;
  }

  /**
   * Registers a campaign's modules for sampling: every leg with its samples, each module's lot, and
   * the control samples (modules with {@code control: true}, which belong to no leg).
   *
   * @param campaignId the campaign.
   * @param plan the plan, presets applied.
   */
  public void registerCampaign(String campaignId, CampaignPlan plan) {
    Map<String, String> lots = new HashMap<>();
    List<String> controls = new ArrayList<>();
    for (CampaignPlan.Module m : plan.modules()) {
      if (m.lot() != null) {
        lots.put(m.serial(), m.lot());
      }
      if (m.isControl()) {
        controls.add(m.serial());
      }
    }
    transactions.executeWithoutResult(
        status -> plan.legs().forEach(leg -> register(campaignId, leg, lots, controls)));
  }

  /**
   * Registers a leg's modules for sampling. Registering again (a job delivered twice) changes
   * nothing but the lots given; a unit's state in this campaign (e.g. failed) is kept, and the
   * module's units in other campaigns are not touched.
   *
   * @param campaignId the campaign.
   * @param leg the leg (its samples and failure criteria).
   * @param lots lot of each serial, where known.
   */
  public void register(String campaignId, Leg leg, Map<String, String> lots) {
    register(campaignId, leg, lots, List.of());
  }

  /**
   * Registers a leg's modules, and the campaign's control samples, for sampling. Controls are never
   * stressed; they are read at the baseline and every read point of every leg of the campaign.
   *
   * @param campaignId the campaign.
   * @param leg the leg (its samples and failure criteria).
   * @param lots lot of each serial (samples and controls), where known.
   * @param controls serials of the campaign's control samples; none of them may be a sample of the
   *     leg.
   * @throws IllegalArgumentException if a control is also one of the leg's samples.
   */
  public void register(
      String campaignId, Leg leg, Map<String, String> lots, List<String> controls) {
    for (String control : controls) {
      if (leg.samples().contains(control)) {
        throw new IllegalArgumentException(
            "Expected control samples to be outside every leg, but '%s' is a sample of leg '%s'"
                .formatted(control, leg.id()));
      }
    }
    java.time.Instant now = clock.instant();
    transactions.executeWithoutResult(
        status -> {
          store.saveLeg(campaignId, leg.id(), leg.failureCriteria(), leg.poweredUnderStress());
          for (String serial : leg.samples()) {
            probe.attach(serial, leg.poweredUnderStress());
            store.saveUnit(serial, campaignId, leg.id(), lots.get(serial), false, now);
          }
          for (String control : controls) {
            probe.attachControl(control);
            store.saveUnit(control, campaignId, null, lots.get(control), true, now);
          }
        });
  }

  /**
   * Takes the baseline read of every module of a leg (and of the campaign's controls). Taken once:
   * calling it again returns the stored round.
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @return how the round went.
   */
  public Round baseline(String campaignId, String legId) {
    return round(campaignId, legId, BASELINE_KIND, "0", 0, 0);
  }

  /**
   * Samples every module still on test at a read point, and the campaign's controls, and judges
   * them. Taken once per label: calling it again with the same label returns the stored round.
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @param label the read point, e.g. {@code 168 h} or {@code 200 cycles}.
   * @param hours stress hours at condition so far.
   * @param cycles cycles so far.
   * @return how the round went.
   */
  public Round readPoint(String campaignId, String legId, String label, double hours, long cycles) {
    return round(campaignId, legId, READ_POINT_KIND, label, hours, cycles);
  }

  private Round round(
      String campaignId, String legId, String kind, String label, double hours, long cycles) {
    // one round of a leg at a time: a duplicate delivery waits, then finds the stored round
    ReentrantLock lock = locks.computeIfAbsent(campaignId + "/" + legId, k -> new ReentrantLock());
    lock.lock();
    try {
      boolean once = !kind.equals(IN_SITU_KIND);
      Long roundId = null;
      Set<String> done = Set.of();
      if (once) {
        Optional<SampleStore.RoundRow> begun = store.findRound(campaignId, legId, label);
        if (begun.isPresent() && begun.get().completed()) {
          log.info("[{}] {} {} was taken already; returning it", campaignId, legId, label);
          return store.round(begun.get().id());
        }
        if (begun.isPresent()) {
          // begun before a crash: read what it has not read yet
          roundId = begun.get().id();
          done = store.sampled(roundId);
          log.info("[{}] {} {}: resuming, {} modules read", campaignId, legId, label, done.size());
        }
      }
      FailureCriteria criteria = store.criteria(campaignId, legId).orElse(null);
      List<String> serials = new ArrayList<>(store.onTest(campaignId, legId));
      List<String> controlSerials = once ? store.controls(campaignId) : List.of();
      Set<String> controls = new HashSet<>(controlSerials);
      serials.addAll(controlSerials);
      serials.removeAll(done);
      if (once && roundId == null) {
        roundId = claim(campaignId, legId, kind, label);
      }
      Long id = roundId;
      // a leg measured in situ has a baseline at the stress condition: looked up once per round,
      // so the other legs' read points cost no query per module
      boolean againstCondition =
          kind.equals(READ_POINT_KIND)
              && !ProfileExecutor.AT_CONDITION.equals(label)
              && store
                  .findRound(campaignId, legId, ProfileExecutor.AT_CONDITION)
                  .map(SampleStore.RoundRow::completed)
                  .orElse(false);
      // what the modules went through since this leg's previous read: temperature and Vcc flags
      // latched at a stress beyond their rating are not failures
      FailureJudge.Condition condition =
          new FailureJudge.Condition(
              kind.equals(IN_SITU_KIND), beyondRating(campaignId, legId, roundId));
      List<Sample> all = new ArrayList<>();
      // chunks: each is stored in its own transaction and its failures routed as soon as it
      // commits, while the next chunks are being read; the last one also closes the round
      List<List<String>> chunks = chunks(serials);
      Deque<CompletableFuture<List<Sample>>> reading = new ArrayDeque<>();
      int next = 0;
      Round round = null;
      for (int c = 0; c < chunks.size(); c++) {
        while (next < chunks.size() && reading.size() < READ_AHEAD) {
          reading.add(
              reader.readAsync(
                  chunks.get(next++),
                  r ->
                      judge(
                          r,
                          controls.contains(r.serial()),
                          kind,
                          criteria,
                          condition,
                          campaignId,
                          legId,
                          againstCondition,
                          label)));
        }
        List<Sample> samples = join(reading.poll());
        if (!once) {
          all.addAll(samples);
        }
        boolean last = c == chunks.size() - 1;
        List<String> failed = new ArrayList<>();
        Round closed =
            transactions.execute(
                status -> {
                  failed.addAll(
                      storeChunk(id, campaignId, legId, kind, label, hours, cycles, samples));
                  return last
                      ? close(id, campaignId, legId, kind, label, hours, cycles, all)
                      : null;
                });
        failures.dispatch(campaignId, failed);
        if (kind.equals(BASELINE_KIND)) {
          samples.stream()
              .filter(x -> x.verdict().pass())
              .forEach(x -> store.remember(campaignId, x.serial(), x.diagnostics()));
        }
        round = closed;
      }
      return round != null
          ? round
          : transactions.execute(
              status -> close(id, campaignId, legId, kind, label, hours, cycles, all));
    } finally {
      lock.unlock();
    }
  }

  private long claim(String campaignId, String legId, String kind, String label) {
    try {
      return transactions.execute(
          status -> store.insertRound(campaignId, legId, kind, label, clock.instant()));
    } catch (DuplicateKeyException e) {
      throw new IllegalStateException(
          ("Expected to take %s of leg %s of %s, but another instance is taking it; retry later"
                  + " to get its result")
              .formatted(label, legId, campaignId),
          e);
    }
  }

  private List<List<String>> chunks(List<String> serials) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < serials.size(); from += chunk) {
      chunks.add(serials.subList(from, Math.min(serials.size(), from + chunk)));
    }
    return chunks;
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static final ModuleDiagnostics NO_BASELINE =
      new ModuleDiagnostics(
          ModuleState.READY, null, null, List.of(), true, null, Set.of(), List.of());

  private Sample judge(
      ModuleReader.Read r,
      boolean control,
      String kind,
      FailureCriteria criteria,
      FailureJudge.Condition condition,
      String campaignId,
      String legId,
      boolean againstCondition,
      String label) {
    ModuleDiagnostics d = r.diagnostics();
    boolean atCondition = !control && ProfileExecutor.AT_CONDITION.equals(label);
    // a control keeps its first baseline: later baselines (of other legs) are judged against it
    ModuleDiagnostics base =
        (kind.equals(BASELINE_KIND) && !control) || atCondition
            ? null
            : store.baselineOf(campaignId, r.serial());
    if (againstCondition && !control) {
      // a leg measured in situ judges drift against its own reading at the stress condition
      ModuleDiagnostics atStress =
          store
              .conditionBaselineOf(campaignId, legId, r.serial(), ProfileExecutor.AT_CONDITION)
              .orElse(null);
      if (atStress != null) {
        base = atStress;
      }
    }
    Verdict verdict;
    if ((kind.equals(BASELINE_KIND) && base == null) || atCondition) {
      // this read is the baseline: it only has to come from a working module
      verdict = ready(d);
    } else {
      FailureCriteria c =
          kind.equals(IN_SITU_KIND) && criteria != null ? criteria.inSitu() : criteria;
      // controls stay at lab ambient, inside any rating
      FailureJudge.Condition k =
          control ? new FailureJudge.Condition(condition.inSitu(), false) : condition;
      verdict = FailureJudge.judge(c, base == null ? NO_BASELINE : base, d, k);
    }
    return new Sample(r.serial(), control, r.at(), d, verdict);
  }

  /**
   * A baseline read only has to come from a working module: answering, paged memory, READY, every
   * lane's data path activated, no loss of signal or lock, no Tx fault.
   */
  private static Verdict ready(ModuleDiagnostics d) {
    return FailureJudge.judge(null, NO_BASELINE, d);
  }

  /**
   * Whether the chamber left the modules' rating (the operating envelope, {@code
   * stressflow.modules.operating-min/max}, on the load temperature) since the leg's previous read
   * (not counting this round's own samples, should it be resumed after a crash): the stored
   * telemetry since then, and the latest reading.
   */
  private boolean beyondRating(String campaignId, String legId, Long roundId) {
    java.sql.Timestamp since =
        jdbc.sql(
                "SELECT MAX(at) FROM module_sample WHERE campaign_id = ? AND leg_id = ?"
                    + " AND (round_id IS NULL OR round_id <> ?)")
            .params(campaignId, legId, roundId == null ? -1L : roundId)
            .query(java.sql.Timestamp.class)
            .optional()
            .orElse(null);
    List<Double> range = new ArrayList<>();
    String chamber =
        jdbc.sql("SELECT MAX(chamber) FROM profile_run WHERE campaign_id = ? AND leg_id = ?")
            .params(campaignId, legId)
            .query(String.class)
            .optional()
            .orElse(null);
    if (chamber == null || !lab.has(chamber)) {
      return false;
    }
    if (since != null) {
      Map<String, Object> row =
          jdbc.sql(
                  "SELECT MIN(COALESCE(load_temperature, air_temperature)) AS lo,"
                      + " MAX(COALESCE(load_temperature, air_temperature)) AS hi"
                      + " FROM chamber_sample WHERE chamber = ? AND at >= ?")
              .params(chamber, since)
              .query()
              .singleRow();
      if (row.get("LO") != null) {
        range.add(((Number) row.get("LO")).doubleValue());
        range.add(((Number) row.get("HI")).doubleValue());
      }
    }
    lab.telemetry(chamber)
        .latest()
        .ifPresent(
            s -> range.add(s.loadTemperature() != null ? s.loadTemperature() : s.airTemperature()));
    // a powered module's case runs hotter than the load: near the top of the rating, its own
    // temperature flags may be the rating's, not a fault's
    return range.stream().anyMatch(t -> t < envelopeMin || t > envelopeMax - selfHeating);
  }

  /** Stores one chunk of a round's samples and records its failures; returns them. */
  private List<String> storeChunk(
      Long roundId,
      String campaignId,
      String legId,
      String kind,
      String label,
      double hours,
      long cycles,
      List<Sample> samples) {
    long[] ids =
        store.insertSamples(roundId, campaignId, legId, kind, label, hours, cycles, samples);
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      // a control out of spec is not a failure of the control (see close); nor is a baseline
      if (!s.verdict().pass() && !s.control() && !kind.equals(BASELINE_KIND)) {
        failures.record(campaignId, legId, s.serial(), ids[i], s.verdict(), s.at());
        failed.add(s.serial());
      }
    }
    return failed;
  }

  /**
   * Closes a round once every module is stored: states and credit, the control alarm, the logbook.
   */
  private Round close(
      Long roundId,
      String campaignId,
      String legId,
      String kind,
      String label,
      double hours,
      long cycles,
      List<Sample> inSitu) {
    if (kind.equals(BASELINE_KIND)) {
      jdbc.sql(
              "UPDATE module_unit SET state = 'IN_STRESS' WHERE campaign_id = ? AND leg_id = ?"
                  + " AND control = FALSE AND state = 'REGISTERED'")
          .params(campaignId, legId)
          .update();
      jdbc.sql(
              "UPDATE module_unit SET state = 'CONTROL' WHERE campaign_id = ? AND control = TRUE"
                  + " AND state = 'REGISTERED'")
          .param(campaignId)
          .update();
    } else if (kind.equals(READ_POINT_KIND)) {
      // every unit still on test has passed this read point (the failed ones are FAILED now)
      jdbc.sql(
              "UPDATE module_unit SET credited_hours = ?, credited_cycles = ?, last_good_point = ?"
                  + " WHERE campaign_id = ? AND leg_id = ? AND control = FALSE AND state <> 'FAILED'")
          .params(hours, cycles, label, campaignId, legId)
          .update();
    }
    Round round;
    if (roundId == null) {
      List<String> failed =
          inSitu.stream().filter(x -> !x.verdict().pass()).map(Sample::serial).toList();
      round = new Round(inSitu.size(), failed);
    } else {
      store.completeRound(roundId, clock.instant());
      round = store.round(roundId);
      if (round.suspect()) {
        campaignLog.record(
            campaignId,
            "CONTROL_DRIFT",
            ("[%s] %s: control samples out of spec against their own baseline: %s. Controls are"
                    + " never stressed, so the measurement system (station, power meter, jumpers)"
                    + " has drifted: this read point's results are suspect")
                .formatted(legId, label, String.join(", ", store.driftedControls(roundId))));
      }
    }
    if (!kind.equals(IN_SITU_KIND) || !round.failed().isEmpty()) {
      campaignLog.record(
          campaignId,
          kind.equals(BASELINE_KIND)
              ? "BASELINE_TAKEN"
              : kind.equals(IN_SITU_KIND) ? "IN_SITU_FAILURE" : "READ_POINT_SAMPLED",
          "[%s] %s: %d modules read, %d failed%s%s"
              .formatted(
                  legId,
                  label,
                  round.read(),
                  round.failed().size(),
                  round.failed().isEmpty() ? "" : " " + round.failed(),
                  round.controls() == 0
                      ? ""
                      : "; %d controls read%s"
                          .formatted(
                              round.controls(),
                              round.suspect() ? ", out of spec " + round.driftedControls() : "")));
    }
    return round;
  }

  /**
   * Starts failure analysis and tells the campaign for failures recorded outside a sampling round
   * (an external leg's results), once their records have committed: the same routing, retries and
   * restart recovery as a failure found at a read point.
   *
   * @param campaignId the campaign they failed in.
   * @param serials the failed modules, each with its {@code module_failure} row committed.
   */
  public void routeFailures(String campaignId, java.util.Collection<String> serials) {
    failures.dispatch(campaignId, serials);
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
    // the campaign may have registered the leg with lots and controls already; this keeps them
    register(event.campaignId(), event.leg(), Map.of());
    baseline(event.campaignId(), event.leg().id());
  }

  /**
   * After a restart, before any profile tick or in-situ poll runs: the modules of campaigns still
   * running are attached to the probe again (a real probe reopens their ports; the simulated fleet
   * draws the same units from their serials).
   */
  @Override
  public void afterSingletonsInstantiated() {
    store
        .onTestInOpenCampaigns()
        .forEach(
            (serial, unit) -> {
              if (unit.control()) {
                probe.attachControl(serial);
              } else {
                probe.attach(serial, unit.powered());
              }
            });
  }

  /**
   * An in-situ round of a leg's modules, taken by {@link InSituSampling} when the chamber is inside
   * their operating envelope.
   *
   * @param campaignId the campaign.
   * @param legId the leg.
   * @param hours time at condition so far.
   * @param cycles cycles so far.
   * @return the round.
   */
  Round inSituRound(String campaignId, String legId, double hours, long cycles) {
    return round(campaignId, legId, IN_SITU_KIND, "in-situ", hours, cycles);
  }

  /**
   * The campaign's modules have been unloaded (or it was aborted): the probe lets them go, so a
   * simulated module no longer ages with the chamber. Their records stay.
   *
   * @param campaignId the campaign.
   */
  public void release(String campaignId) {
    store.units(campaignId).forEach(probe::detach);
    store.forget(campaignId);
  }

  private static String key(String campaignId, String legId) {
    return campaignId + "/" + legId;
  }
}

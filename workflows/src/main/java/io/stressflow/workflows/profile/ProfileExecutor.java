package io.stressflow.workflows.profile;

import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.Setpoint;
import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg.ReadPoints;
import io.stressflow.workflows.profile.ProfileProgress.Deviation;
import io.stressflow.workflows.profile.ProfileProgress.Extras;
import io.stressflow.workflows.profile.ProfileProgress.HumidityDeviation;
import io.stressflow.workflows.profile.ProfileProgress.RampWatch;
import io.stressflow.workflows.profile.ProfileProgress.Recovery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The profile state machine, pure: given the steps, where the run stands and the chamber's reading
 * now, it returns where the run stands next and what to do (write a setpoint, record an event). No
 * I/O, no clock of its own, so every rule is tested by feeding readings.
 *
 * <p>Rules: a ramp writes its setpoint and ends when the air is within its tolerance; a soak
 * credits profile time only between two consecutive readings that are both inside the band, and
 * never across a gap longer than {@code maxGap} (a crash, a silent chamber), so no time out of
 * tolerance is ever credited; leaving the band once inside it opens a deviation that records its
 * worst value (before the load first reaches the band it is stabilising, not deviating); cycle ends
 * count cycles in the same step as the index moves, so a cycle cannot count twice.
 *
 * <p>Read points (unless the plan measures them in situ) interrupt stress: the humidity goes off
 * first (on a chamber that cannot switch it off, to its lowest setpoint, kept while it cools) and
 * the run waits until the air's dew point is below the recovery temperature (so cooling cannot
 * condense on the load) or, on such a chamber, the humidity is down to that lowest setpoint; a
 * dry-out that does not finish within its limit cools anyway, with a deviation. It then cools to
 * the recovery temperature, holds the load in its band for the dwell, and only then reports the
 * read point reached, to be measured; it holds that condition until {@link #measured} is called,
 * then returns to the stress temperature (then humidity) and continues. None of that time is
 * credited. A humidity soak credits time only while both the temperature and the humidity are in
 * their bands; humidity excursions are deviations with their worst value. A soak to be measured on
 * the load of a chamber that reports no load temperature is measured on air and says so once, as a
 * deviation. Ramps are watched for their achieved rate.
 */
public final class ProfileExecutor {

  /** At most this many instantaneous steps (humidity, cycle ends) are taken in one tick. */
  private static final int MAX_STEPS_PER_TICK = 64;

  /**
   * The label of the reading a leg measured in situ takes at the stress condition, as soon as
   * stress is first credited: its in-situ read points are judged against it, not against the
   * baseline at room condition.
   */
  public static final String AT_CONDITION = "at condition";

  /** A controller setpoint this far from the one in force was changed by someone else, K. */
  private static final double SETPOINT_SLACK = 0.5;

  /**
   * How far the air may sit on the far side of a one-sided band when a soak meant for the load is
   * measured on the air for want of a load sensor (the controller regulates the air around its
   * setpoint), K.
   */
  private static final double AIR_REGULATION = 0.5;

  /** Likewise for humidity, %RH. */
  private static final double HUMIDITY_SLACK = 1.0;

  /** Ramps shorter than this are not watched for their achieved rate, K. */
  private static final double MIN_WATCHED_SWING = 10;

  /** The dew point must be this far below the recovery temperature before cooling, K. */
  private static final double DRY_MARGIN = 2;

  /** Ramp rate to and from recovery when neither the plan nor the profile gives one, K/min. */
  private static final double DEFAULT_RECOVERY_RATE = 2;

  /**
   * How long a read point's dry-out may take, in profile time, before the run cools anyway (with a
   * warning) rather than hang: {@code stressflow.profile.dry-out-limit}.
   */
  public static final Duration DEFAULT_DRY_OUT_LIMIT = Duration.ofHours(2);

  private final ProfileSteps steps;
  private final ReadPoints readPoints;
  private final double timeScale;
  private final Duration maxGap;
  private final RecoverySpec recovery;
  private final boolean inSituBaseline;
  private final ChamberHumidity humidity;
  private final double dryOutLimit;

  /**
   * Creates an executor for one run.
   *
   * @param steps the profile's steps (walked lazily: nothing here grows with its repeat counts).
   * @param readPoints the leg's read points, or null.
   * @param timeScale profile seconds per wall second.
   * @param maxGap the longest wall-clock gap between ticks that still earns soak credit.
   */
  public ProfileExecutor(
      ProfileSteps steps, ReadPoints readPoints, double timeScale, Duration maxGap) {
    this(steps, readPoints, timeScale, maxGap, ChamberHumidity.SWITCHABLE, DEFAULT_DRY_OUT_LIMIT);
  }

  /**
   * Creates an executor for one run on a chamber whose humidity control is known.
   *
   * @param steps the profile's steps (walked lazily: nothing here grows with its repeat counts).
   * @param readPoints the leg's read points, or null.
   * @param timeScale profile seconds per wall second.
   * @param maxGap the longest wall-clock gap between ticks that still earns soak credit.
   * @param humidity how the chamber turns humidity off.
   * @param dryOutLimit how long a read point's dry-out may take (profile time) before the run cools
   *     anyway, with a warning in the logbook.
   */
  public ProfileExecutor(
      ProfileSteps steps,
      ReadPoints readPoints,
      double timeScale,
      Duration maxGap,
      ChamberHumidity humidity,
      Duration dryOutLimit) {
    this.humidity = humidity;
    this.dryOutLimit = dryOutLimit.toMillis() / 1000.0;
    this.steps = steps;
    this.readPoints = readPoints;
    this.timeScale = timeScale;
    this.maxGap = maxGap;
    this.recovery = RecoverySpec.of(readPoints);
    this.inSituBaseline =
        readPoints != null && readPoints.effectiveMode() == ReadPoints.Mode.IN_SITU;
  }

  /**
   * Advances the run by one tick.
   *
   * @param p where the run stands.
   * @param reading the chamber now, or null if it did not answer.
   * @param now the wall clock now.
   * @return the next progress and the effects to carry out, in order.
   */
  public Tick tick(ProfileProgress p, ChamberState reading, Instant now) {
    List<Effect> effects = new ArrayList<>();
    if (p.done() || p.paused()) {
      return new Tick(p.withTick(now), effects);
    }
    double dt = 0;
    if (p.lastTick() != null) {
      Duration wall = Duration.between(p.lastTick(), now);
      if (wall.compareTo(maxGap) <= 0 && !wall.isNegative()) {
        dt = wall.toNanos() / 1e9 * timeScale;
      } else {
        effects.add(
            new Effect.Event(
                "INTERRUPTION",
                "no reading for %.1f s (wall clock): that time is not credited"
                    .formatted(wall.toMillis() / 1000.0)));
      }
    }
    ProfileProgress q = p;
    if (q.recovering()) {
      q = recover(q, reading, now, dt, effects);
      q = q.withExtras(q.extras().withLastAir(reading == null ? null : reading.airTemperature()));
      return new Tick(q.withTick(now), effects);
    }
    for (int n = 0; n < MAX_STEPS_PER_TICK && q.step() < steps.size(); n++) {
      ProfileStep step = steps.get(q.step());
      StepResult r = advance(step, q, reading, now, dt, effects);
      dt = 0; // a tick's time is credited to one soak only
      q = r.progress();
      // hours accrue inside a soak and cycles at a cycle end: check after every step, moved or not
      q = readPointsReached(q, now, effects);
      if (!r.moved() || q.recovering()) {
        break;
      }
    }
    if (inSituBaseline && p.stressSeconds() <= 0 && q.stressSeconds() > 0) {
      // read points measured at the stress condition are judged against a reading there too
      effects.add(
          new Effect.Event(
              "READ_POINT_REACHED",
              ("baseline at the stress condition: the modules are read as soon as stress is first"
                      + " credited (air %s °C); drift at the in-situ read points is judged"
                      + " against it")
                  .formatted(reading == null ? "-" : format(reading.airTemperature()))));
      effects.add(
          new Effect.ReadPointReached(AT_CONDITION, q.stressSeconds() / 3600, q.cycles(), null));
    }
    q = q.withExtras(q.extras().withLastAir(reading == null ? null : reading.airTemperature()));
    if (q.step() >= steps.size() && !q.done() && !q.recovering()) {
      q = q.completed();
      effects.add(
          new Effect.Event(
              "LEG_COMPLETED",
              "profile complete: %d cycles, %.2f h credited at condition"
                  .formatted(q.cycles(), q.stressSeconds() / 3600)));
    }
    return new Tick(q.withTick(now), effects);
  }

  /**
   * Resumes a run after a restart or a pause: asserts the setpoint in force again (the chamber may
   * have been reset or switched to standby meanwhile) and credits nothing for the gap.
   *
   * @param p where the run stood.
   * @param now the wall clock now.
   * @return the progress to continue from, the write, and a RESUMED event after a gap.
   */
  public Tick resume(ProfileProgress p, Instant now) {
    ProfileProgress q = p.reentered();
    List<Effect> effects = new ArrayList<>();
    if (q.done() || (q.step() >= steps.size() && !q.recovering())) {
      return new Tick(q, effects);
    }
    if (p.lastTick() != null) {
      effects.add(
          new Effect.Event(
              "RESUMED",
              ("resumed at step %d of %d after %.1f s (wall clock) without readings; that time is"
                      + " not credited")
                  .formatted(
                      q.step() + 1,
                      steps.size(),
                      Duration.between(p.lastTick(), now).toMillis() / 1000.0)));
    }
    if (q.recovering()) {
      // the recovery's phase writes its own setpoint again on the next tick
      return new Tick(
          q.withExtras(q.extras().withRecovery(q.extras().recovery().unwritten())), effects);
    }
    // a ramp re-writes its own setpoint when re-entered; anything else holds the one in force
    if (!(steps.get(q.step()) instanceof ProfileStep.Ramp)) {
      effects.add(
          new Effect.Write(new Setpoint(q.targetTemperature(), q.rampRate(), q.humidity())));
    }
    return new Tick(q, effects);
  }

  private StepResult advance(
      ProfileStep step,
      ProfileProgress p,
      ChamberState reading,
      Instant now,
      double dt,
      List<Effect> effects) {
    if (step instanceof ProfileStep.Ramp r) {
      ProfileProgress q = p;
      if (!p.entered()) {
        q = p.withSetpoint(r.to(), r.rate(), p.humidity());
        effects.add(new Effect.Write(new Setpoint(r.to(), r.rate(), p.humidity())));
        double from = reading != null ? reading.airTemperature() : p.targetTemperature();
        RampWatch watch =
            Math.abs(r.to() - from) >= MIN_WATCHED_SWING
                ? new RampWatch(from, r.to(), null, false)
                : null;
        q = q.withExtras(q.extras().withRamp(watch));
      }
      q = watchRamp(r, q, reading, now, effects);
      if (reading != null && Math.abs(reading.airTemperature() - r.to()) <= r.tolerance()) {
        return StepResult.moved(q.withStep(q.step() + 1));
      }
      return StepResult.stay(q);
    }
    if (step instanceof ProfileStep.Humidity h) {
      Double write = h.setpoint();
      if (write == null && p.humidity() != null) {
        // a controller without a humidity switch keeps its last setpoint: dry it at its lowest
        write = humidity.off(p.targetTemperature());
        if (write != null) {
          effects.add(
              new Effect.Event(
                  "HUMIDITY_OFF",
                  ("humidity off: the chamber cannot switch humidity off, so its humidity setpoint"
                          + " goes to its lowest, %s %%RH, and it dehumidifies from here on")
                      .formatted(format(write))));
        }
      }
      effects.add(new Effect.Write(new Setpoint(p.targetTemperature(), p.rampRate(), write)));
      ProfileProgress q = p.withSetpoint(p.targetTemperature(), p.rampRate(), h.setpoint());
      Extras x = q.extras();
      q =
          q.withExtras(
              x.with(
                  h.setpoint() == null ? null : h.tolerance(),
                  x.humidityDeviation(),
                  x.settled(),
                  x.recovery(),
                  x.ramp(),
                  x.lastAir(),
                  x.cycleRamps(),
                  x.loadSensorMissing()));
      return StepResult.moved(q.withStep(q.step() + 1));
    }
    if (step instanceof ProfileStep.CycleEnd c) {
      ProfileProgress q = p.withCycles(c.number());
      String ramps = p.extras().cycleRamps();
      effects.add(
          new Effect.Event(
              "CYCLE_COMPLETED",
              "cycle %d completed".formatted(c.number())
                  + (ramps == null ? "" : "; ramps achieved " + ramps + " K/min")));
      q = q.withExtras(q.extras().withCycleRamps(null));
      return StepResult.moved(q.withStep(q.step() + 1));
    }
    return soak((ProfileStep.Soak) step, p, reading, now, dt, effects);
  }

  /**
   * Measures a ramp's achieved rate as the air crosses 10 % and 90 % of its swing (crossing times
   * interpolated between readings), logs it, and records a deviation when it is outside the ramp's
   * rate tolerance.
   */
  private ProfileProgress watchRamp(
      ProfileStep.Ramp r, ProfileProgress p, ChamberState reading, Instant now, List<Effect> e) {
    RampWatch w = p.extras().ramp();
    if (w == null || w.done() || reading == null) {
      return p;
    }
    double span = w.to() - w.from();
    double air = reading.airTemperature();
    Double prevAir = p.extras().lastAir();
    Instant prevTime = p.lastTick();
    Long t10 = w.t10Millis();
    if (t10 == null && (air - w.from()) / span >= 0.1) {
      t10 = crossing(prevAir, prevTime, air, now, w.from() + 0.1 * span);
    }
    if (t10 == null || (air - w.from()) / span < 0.9) {
      return p.withExtras(p.extras().withRamp(new RampWatch(w.from(), w.to(), t10, false)));
    }
    long t90 = crossing(prevAir, prevTime, air, now, w.from() + 0.9 * span);
    double minutes = Math.max(1, t90 - t10) / 1000.0 * timeScale / 60.0;
    double achieved = 0.8 * Math.abs(span) / minutes;
    ProfileProgress q =
        p.withExtras(p.extras().withRamp(new RampWatch(w.from(), w.to(), t10, true)));
    String rate = "%.1f".formatted(achieved);
    e.add(new Effect.RampMeasured(r.rate(), achieved));
    if (r.inCycle()) {
      String before = q.extras().cycleRamps();
      q = q.withExtras(q.extras().withCycleRamps(before == null ? rate : before + " / " + rate));
    } else {
      e.add(
          new Effect.Event(
              "RAMP_RATE",
              "ramp to %s °C achieved %s K/min (air, 10–90 %% of the swing)%s"
                  .formatted(
                      format(r.to()),
                      rate,
                      r.rate() == null ? "" : "; planned " + format(r.rate()) + " K/min")));
    }
    if (r.rate() != null
        && r.rateTolerance() != null
        && Math.abs(achieved - r.rate()) > r.rateTolerance()) {
      e.add(
          new Effect.Event(
              "DEVIATION",
              "ramp to %s °C achieved %s K/min, outside the planned %s ± %s K/min"
                  .formatted(format(r.to()), rate, format(r.rate()), format(r.rateTolerance()))));
      e.add(
          new Effect.DeviationClosed(
              new Deviation(Instant.ofEpochMilli(t10), r.rate(), achieved),
              Instant.ofEpochMilli(t90),
              "ramp rate, K/min"));
    }
    return q;
  }

  /** When the air crossed {@code level}, interpolated between the previous reading and this. */
  private static long crossing(
      Double prevAir, Instant prevTime, double air, Instant now, double level) {
    if (prevAir == null || prevTime == null || air == prevAir) {
      return now.toEpochMilli();
    }
    double f = Math.max(0, Math.min(1, (level - prevAir) / (air - prevAir)));
    long from = prevTime.toEpochMilli();
    return from + Math.round(f * (now.toEpochMilli() - from));
  }

  private StepResult soak(
      ProfileStep.Soak s,
      ProfileProgress p,
      ChamberState reading,
      Instant now,
      double dt,
      List<Effect> effects) {
    Extras x = p.extras();
    boolean loadSensorMissing = x.loadSensorMissing();
    Double measured = null;
    boolean onLoad = s.onLoad();
    if (reading != null) {
      if (onLoad && reading.loadTemperature() == null) {
        onLoad = false;
        if (!loadSensorMissing) {
          // never silent: the soak is measured on air, and the logbook and report say so
          loadSensorMissing = true;
          effects.add(
              new Effect.Event(
                  "DEVIATION",
                  "the soak is to be measured on the load, but the chamber reports no load"
                      + " temperature: soaks of this run are measured on the air instead (a"
                      + " one-sided band gets ±0.5 K on the air for the controller's regulation),"
                      + " so a soak may be credited before the load arrives"));
          effects.add(
              new Effect.DeviationClosed(
                  new Deviation(now, p.targetTemperature(), reading.airTemperature()),
                  now,
                  "load sensor missing: soaks measured on air"));
        }
      }
      measured = onLoad ? reading.loadTemperature() : reading.airTemperature();
    }
    double set = p.targetTemperature();
    if (reading != null && p.entered()) {
      overridden(
          new Setpoint(p.targetTemperature(), p.rampRate(), p.humidity()), reading, now, effects);
    }
    double below = s.below();
    double above = s.above();
    if (s.onLoad() && !onLoad) {
      // the band was meant for a lagging load that approaches from one side; the air the
      // controller regulates sits on the setpoint and its noise would flicker across a zero side
      below = Math.max(below, AIR_REGULATION);
      above = Math.max(above, AIR_REGULATION);
    }
    boolean temperatureIn = measured != null && measured >= set - below && measured <= set + above;
    Double rhSet = p.humidity();
    double rhTolerance =
        x.humidityTolerance() == null
            ? ProfileStep.DEFAULT_HUMIDITY_TOLERANCE
            : x.humidityTolerance();
    Double rh = reading == null ? null : reading.humidity();
    boolean humidityIn = rhSet == null || (rh != null && Math.abs(rh - rhSet) <= rhTolerance);
    boolean inBand = temperatureIn && humidityIn;
    double credited = p.soakCredited();
    double stress = p.stressSeconds();
    Deviation deviation = p.deviation();
    HumidityDeviation humidityDeviation = x.humidityDeviation();
    // before the load (and the humidity) first reach the band it is stabilising, not deviating
    boolean settled = x.settled();
    if (inBand && p.lastInBand() && dt > 0) {
      double add = Math.min(dt, s.duration().toMillis() / 1000.0 - credited);
      credited += add;
      stress += add;
    }
    if (temperatureIn) {
      if (deviation != null) {
        effects.add(new Effect.DeviationClosed(deviation, now, null));
        deviation = null;
      }
    } else if (measured != null) {
      if (deviation == null && settled) {
        deviation = new Deviation(now, set, measured);
        effects.add(
            new Effect.Event(
                "DEVIATION",
                "%s %.1f °C left the soak band [%.1f, %.1f] °C; soak time is not credited"
                    .formatted(onLoad ? "load" : "air", measured, set - below, set + above)));
      } else if (deviation != null
          && Math.abs(measured - set) > Math.abs(deviation.worst() - set)) {
        deviation = new Deviation(deviation.start(), set, measured);
      }
    }
    if (humidityIn) {
      if (humidityDeviation != null) {
        effects.add(
            new Effect.DeviationClosed(
                new Deviation(
                    Instant.ofEpochMilli(humidityDeviation.startMillis()),
                    humidityDeviation.setpoint(),
                    humidityDeviation.worst()),
                now,
                "humidity, %RH"));
        humidityDeviation = null;
      }
    } else if (rh != null) {
      if (humidityDeviation == null && settled) {
        humidityDeviation = new HumidityDeviation(now.toEpochMilli(), rhSet, rh);
        effects.add(
            new Effect.Event(
                "DEVIATION",
                "humidity %.1f %%RH left the band %s ± %s %%RH; soak time is not credited"
                    .formatted(rh, format(rhSet), format(rhTolerance))));
      } else if (humidityDeviation != null
          && Math.abs(rh - rhSet) > Math.abs(humidityDeviation.worst() - rhSet)) {
        humidityDeviation = new HumidityDeviation(humidityDeviation.startMillis(), rhSet, rh);
      }
    }
    ProfileProgress q =
        p.withSoak(credited, stress, inBand, deviation)
            .withExtras(
                x.with(
                    x.humidityTolerance(),
                    humidityDeviation,
                    settled || inBand,
                    x.recovery(),
                    x.ramp(),
                    x.lastAir(),
                    x.cycleRamps(),
                    loadSensorMissing));
    if (credited >= s.duration().toMillis() / 1000.0 - 1e-9) {
      return StepResult.moved(q.withStep(q.step() + 1));
    }
    return StepResult.stay(q);
  }

  /**
   * Someone changed the setpoint at the controller (its panel, another Modbus master) while the run
   * holds one (a soak, a recovery's dry-out, dwell or measurement): the run writes the one in force
   * again, records the deviation and tells lab staff, rather than wait forever for a band the
   * chamber is no longer heading to. The humidity is compared only while a humidity setpoint is in
   * force (including the lowest one a chamber without a humidity switch is dried at).
   */
  private static void overridden(
      Setpoint inForce, ChamberState reading, Instant now, List<Effect> effects) {
    boolean temperature = Math.abs(reading.airSetpoint() - inForce.temperature()) > SETPOINT_SLACK;
    boolean humidity =
        inForce.humidity() != null
            && reading.humiditySetpoint() != null
            && Math.abs(reading.humiditySetpoint() - inForce.humidity()) > HUMIDITY_SLACK;
    if (!temperature && !humidity) {
      return;
    }
    effects.add(new Effect.Write(inForce));
    String found =
        temperature
            ? "%s °C (in force: %s °C)"
                .formatted(format(reading.airSetpoint()), format(inForce.temperature()))
            : "%s %%RH (in force: %s %%RH)"
                .formatted(format(reading.humiditySetpoint()), format(inForce.humidity()));
    effects.add(
        new Effect.Event(
            "SETPOINT_OVERRIDDEN",
            ("the chamber's setpoint was changed at the controller to %s; the one in force was"
                    + " written again. Lab staff: check who changed it at the chamber")
                .formatted(found)));
    effects.add(
        new Effect.DeviationClosed(
            temperature
                ? new Deviation(now, inForce.temperature(), reading.airSetpoint())
                : new Deviation(now, inForce.humidity(), reading.humiditySetpoint()),
            now,
            temperature
                ? "setpoint changed at the controller, °C"
                : "humidity setpoint changed at the controller, %RH"));
  }

  private ProfileProgress readPointsReached(ProfileProgress p, Instant now, List<Effect> effects) {
    if (readPoints == null) {
      return p;
    }
    int next = p.nextReadPoint();
    while (next < readPoints.at().size()) {
      double at = readPoints.at().get(next);
      boolean reached =
          readPoints.unit() == ReadPoints.Unit.CYCLES
              ? p.cycles() >= at
              : p.stressSeconds() / 3600 >= at - 1e-9;
      if (!reached) {
        break;
      }
      // the read point is credited at its nominal value: a 168 h read point is 168 h on test
      boolean hoursUnit = readPoints.unit() == ReadPoints.Unit.HOURS;
      double hours = hoursUnit ? at : p.stressSeconds() / 3600;
      long cycles = hoursUnit ? p.cycles() : (long) at;
      if (recovery != null) {
        // stress stops here: recover, measure, come back; the next read point waits its turn
        effects.add(
            new Effect.Event(
                "READ_POINT_DUE",
                ("read point %s %s reached (%d cycles, %.2f h at condition); stress interrupted:"
                        + " recovering to %s ± %s °C, %s, %s dwell on the load before"
                        + " measuring (not credited)")
                    .formatted(
                        format(at),
                        readPoints.unit().name().toLowerCase(),
                        p.cycles(),
                        p.stressSeconds() / 3600,
                        format(recovery.temperature()),
                        format(recovery.band()),
                        dryOut(p),
                        duration(recovery.dwell()))));
        Recovery r =
            new Recovery(
                readPointLabel(at),
                hours,
                cycles,
                p.humidity() != null ? Recovery.Phase.DRY : Recovery.Phase.COOL,
                false,
                0,
                0,
                false,
                now.toEpochMilli());
        return p.withNextReadPoint(next + 1).withExtras(p.extras().withRecovery(r));
      }
      effects.add(
          new Effect.Event(
              "READ_POINT_REACHED",
              "read point %s %s reached (%d cycles, %.2f h at condition); measured in situ"
                  .formatted(
                      format(at),
                      readPoints.unit().name().toLowerCase(),
                      p.cycles(),
                      p.stressSeconds() / 3600)));
      effects.add(new Effect.ReadPointReached(readPointLabel(at), hours, cycles, null));
      next++;
    }
    if (next == p.nextReadPoint()) {
      return p;
    }
    return p.withNextReadPoint(next);
  }

  /**
   * One tick of a read point's recovery: dry out (humidity off, or at its lowest setpoint on a
   * chamber that cannot switch it off, until the air's dew point is below the recovery temperature
   * or the humidity is down to that lowest setpoint, for at most the dry-out limit), cool (the
   * humidity kept at its lowest where it cannot be switched off, so the dew point follows the air
   * down), hold the load in the recovery band for the dwell, measure, and come back. Nothing is
   * credited to stress meanwhile. While the chamber holds a phase's setpoint (dry-out, dwell,
   * measuring) a setpoint changed at the controller is written again and recorded, as in a soak.
   */
  private ProfileProgress recover(
      ProfileProgress p, ChamberState reading, Instant now, double dt, List<Effect> effects) {
    Recovery r = p.extras().recovery();
    r = r.dwell(r.dwellCredited(), r.seconds() + dt, r.lastInBand());
    double rate = recoveryRate(p);
    // a phase held since an earlier tick of this process: its setpoint must read back as written
    Recovery.Phase held = r.written() ? r.phase() : null;
    for (int guard = 0; guard < 5; guard++) {
      switch (r.phase()) {
        case DRY -> {
          Setpoint dry = new Setpoint(p.targetTemperature(), p.rampRate(), dryHumidity(p));
          r = writeOnce(r, dry, effects);
          if (held == Recovery.Phase.DRY && holding(reading, dry)) {
            overridden(dry, reading, now, effects);
          }
          if (reading != null && dry(reading, dry.humidity())) {
            r = r.next(Recovery.Phase.COOL);
          } else if (r.seconds() >= dryOutLimit - 1e-9) {
            dryOutOverdue(p, reading, now, effects);
            r = r.next(Recovery.Phase.COOL);
          } else {
            return with(p, r);
          }
        }
        case COOL -> {
          r = writeOnce(r, recoverySetpoint(p, rate), effects);
          if (!arrived(reading, recovery.temperature())) {
            return with(p, r);
          }
          r = r.next(Recovery.Phase.DWELL).markWritten();
        }
        case DWELL -> {
          Setpoint hold = recoverySetpoint(p, rate);
          r = writeOnce(r, hold, effects);
          if (held == Recovery.Phase.DWELL && holding(reading, hold)) {
            overridden(hold, reading, now, effects);
          }
          Double t = reading == null ? null : load(reading);
          boolean inBand =
              t != null && Math.abs(t - recovery.temperature()) <= recovery.band() + 1e-9;
          double credited = r.dwellCredited();
          if (inBand && r.lastInBand() && dt > 0) {
            credited += dt;
          }
          r = r.dwell(credited, r.seconds(), inBand);
          if (credited < recovery.dwell().toMillis() / 1000.0 - 1e-9) {
            return with(p, r);
          }
          r = r.next(Recovery.Phase.MEASURE).markWritten();
          String measuredHumidity =
              reading.humidity() == null
                  ? "not measured"
                  : "%.0f %%RH".formatted(reading.humidity());
          boolean lab = readPoints.effectiveMode() == ReadPoints.Mode.LAB_TASK;
          effects.add(
              new Effect.Event(
                  "READ_POINT_REACHED",
                  ("read point %s: %s at %.1f °C on the load (air %.1f °C, humidity %s) after"
                          + " %.2f h of recovery")
                      .formatted(
                          r.label(),
                          lab
                              ? "the chamber holds the recovery condition while lab staff measure"
                                  + " the modules at the lab station"
                              : "measuring the modules",
                          t,
                          reading.airTemperature(),
                          measuredHumidity,
                          r.seconds() / 3600)));
          effects.add(
              new Effect.ReadPointReached(
                  r.label(),
                  r.hours(),
                  r.cycles(),
                  new Condition(
                      reading.airTemperature(),
                      reading.loadTemperature(),
                      reading.humidity(),
                      r.seconds() / 3600)));
          return with(p, r);
        }
        case MEASURE -> {
          Setpoint hold = recoverySetpoint(p, rate);
          r = writeOnce(r, hold, effects);
          if (held == Recovery.Phase.MEASURE && holding(reading, hold)) {
            overridden(hold, reading, now, effects);
          }
          return with(p, r);
        }
        case RETURN -> {
          // temperature first; the humidity stays off (or at its lowest) until it is there
          r = writeOnce(r, new Setpoint(p.targetTemperature(), rate, dryHumidity(p)), effects);
          if (!arrived(reading, p.targetTemperature())) {
            return with(p, r);
          }
          if (p.humidity() != null) {
            // temperature before humidity on the way up: the load is never below the dew point
            effects.add(
                new Effect.Write(new Setpoint(p.targetTemperature(), p.rampRate(), p.humidity())));
          }
          effects.add(
              new Effect.Event(
                  "STRESS_RESUMED",
                  "read point %s measured; back at %s °C%s after %.2f h of recovery (not credited)"
                      .formatted(
                          r.label(),
                          format(p.targetTemperature()),
                          p.humidity() == null ? "" : " / " + format(p.humidity()) + " %RH",
                          r.seconds() / 3600)));
          return withoutRecovery(p.withTarget(p.targetTemperature(), true));
        }
        default -> throw new IllegalStateException("Unknown recovery phase " + r.phase());
      }
    }
    return with(p, r);
  }

  /**
   * The humidity setpoint of a recovery at the stress temperature: off, or the chamber's lowest
   * where it cannot be switched off; null after a dry stress (nothing to dry).
   */
  private Double dryHumidity(ProfileProgress p) {
    return p.humidity() == null ? null : humidity.off(p.targetTemperature());
  }

  /** The recovery condition: its temperature, with the humidity off or at its lowest. */
  private Setpoint recoverySetpoint(ProfileProgress p, double rate) {
    Double rh = p.humidity() == null ? null : humidity.off(recovery.temperature());
    return new Setpoint(recovery.temperature(), rate, rh);
  }

  /** How a read point's recovery dries the load out, for the logbook. */
  private String dryOut(ProfileProgress p) {
    if (p.humidity() == null) {
      return "no humidity to dry out";
    }
    Double lowest = humidity.off(p.targetTemperature());
    if (lowest == null) {
      return "humidity off until the dew point is %s K under the recovery temperature"
          .formatted(format(DRY_MARGIN));
    }
    return ("the chamber cannot switch humidity off: it is dried at its lowest humidity setpoint,"
            + " %s %%RH, until the humidity is down to it (or the dew point is %s K under the"
            + " recovery temperature), and cooled with it")
        .formatted(format(lowest), format(DRY_MARGIN));
  }

  /**
   * The dry-out took longer than its limit: the run cools anyway rather than hang, and says so as a
   * deviation (the load may see condensation).
   */
  private void dryOutOverdue(
      ProfileProgress p, ChamberState reading, Instant now, List<Effect> effects) {
    Double rh = reading == null ? null : reading.humidity();
    double limit = recovery.temperature() - DRY_MARGIN;
    Double dew = rh == null ? null : dewPoint(reading.airTemperature(), rh);
    effects.add(
        new Effect.Event(
            "DEVIATION",
            ("dry-out before the read point did not finish within %s: %s; cooling to %s °C"
                    + " anyway. Condensation risk: the load may be wetted while it cools; lab"
                    + " staff: check the chamber's dehumidification")
                .formatted(
                    duration(Duration.ofMillis((long) (dryOutLimit * 1000))),
                    rh == null
                        ? "no humidity reading"
                        : "humidity %.0f %%RH, dew point %.1f °C (wanted at most %s °C)"
                            .formatted(rh, dew, format(limit)),
                    format(recovery.temperature()))));
    effects.add(
        new Effect.DeviationClosed(
            new Deviation(now, limit, dew == null ? p.targetTemperature() : dew),
            now,
            "dry-out incomplete: dew point, °C"));
  }

  /**
   * The read point being measured has been measured: stress resumes. A soak in progress gets its
   * temperature back first (then humidity); any other step writes its own setpoint.
   *
   * @param p where the run stands (in the measuring phase of a recovery).
   * @param now the wall clock now.
   * @return the progress and effects; nothing when the run is not measuring.
   */
  public Tick measured(ProfileProgress p, Instant now) {
    Recovery r = p.extras().recovery();
    List<Effect> effects = new ArrayList<>();
    if (r == null || r.phase() != Recovery.Phase.MEASURE) {
      return new Tick(p, effects);
    }
    if (p.step() < steps.size() && steps.get(p.step()) instanceof ProfileStep.Soak) {
      return new Tick(
          p.withExtras(p.extras().withRecovery(r.next(Recovery.Phase.RETURN))), effects);
    }
    effects.add(
        new Effect.Event(
            "STRESS_RESUMED",
            "read point %s measured after %.2f h of recovery (not credited); the profile continues"
                .formatted(r.label(), r.seconds() / 3600)));
    // the chamber is at the recovery condition: the next step writes its own setpoint from there
    return new Tick(withoutRecovery(p.withTarget(recovery.temperature(), false)), effects);
  }

  /** The label of the read point a run is waiting to have measured, or null. */
  public static String measuring(ProfileProgress p) {
    Recovery r = p.extras().recovery();
    return r != null && r.phase() == Recovery.Phase.MEASURE ? r.label() : null;
  }

  /** Stress again: no recovery, no open humidity excursion, the soak settling afresh. */
  private static ProfileProgress withoutRecovery(ProfileProgress q) {
    Extras x = q.extras();
    return q.withExtras(
        x.with(
            x.humidityTolerance(),
            null,
            false,
            null,
            null,
            x.lastAir(),
            x.cycleRamps(),
            x.loadSensorMissing()));
  }

  /** Writes a recovery phase's setpoint once per phase (again after a restart). */
  private static Recovery writeOnce(Recovery r, Setpoint setpoint, List<Effect> effects) {
    if (r.written()) {
      return r;
    }
    effects.add(new Effect.Write(setpoint));
    return r.markWritten();
  }

  /**
   * Whether the chamber holds a recovery phase's setpoint, so that a different setpoint read back
   * was changed at the controller: the air is on it. After a restart or an alarm the phase's
   * setpoint is written again, and a controller the host ramps goes there from the air at the
   * plan's rate; the setpoint it reads back meanwhile lies between the air and the target, so it is
   * compared only once the air is within the slack of the target.
   */
  private static boolean holding(ChamberState reading, Setpoint phase) {
    return reading != null
        && Math.abs(reading.airTemperature() - phase.temperature()) <= SETPOINT_SLACK;
  }

  /** Whether the air has arrived at a temperature (within a ramp's tolerance). */
  private static boolean arrived(ChamberState reading, double temperature) {
    return reading != null
        && Math.abs(reading.airTemperature() - temperature) <= ProfileStep.RAMP_TOLERANCE;
  }

  private static ProfileProgress with(ProfileProgress p, Recovery r) {
    return p.withExtras(p.extras().withRecovery(r));
  }

  private double recoveryRate(ProfileProgress p) {
    if (recovery.rate() != null) {
      return recovery.rate();
    }
    return p.rampRate() != null ? p.rampRate() : DEFAULT_RECOVERY_RATE;
  }

  private boolean dry(ChamberState reading, Double lowest) {
    if (reading.humidity() == null) {
      return true; // no humidity sensor: nothing to dry out
    }
    if (lowest != null
        && reading.humidity() <= lowest + ProfileStep.DEFAULT_HUMIDITY_TOLERANCE + 1e-9) {
      // as dry as the chamber gets at this temperature: it keeps drying while it cools
      return true;
    }
    return dewPoint(reading.airTemperature(), reading.humidity())
        <= recovery.temperature() - DRY_MARGIN;
  }

  private static Double load(ChamberState reading) {
    return reading.loadTemperature() != null ? reading.loadTemperature() : reading.airTemperature();
  }

  /** Dew point by the Magnus formula (Alduchov and Eskridge coefficients), degC. */
  static double dewPoint(double air, double relativeHumidity) {
    double b = 17.625;
    double c = 243.04;
    double g = Math.log(Math.max(0.1, relativeHumidity) / 100) + b * air / (c + air);
    return c * g / (b - g);
  }

  private String readPointLabel(double at) {
    return format(at) + (readPoints.unit() == ReadPoints.Unit.CYCLES ? " cycles" : " h");
  }

  private static String duration(Duration d) {
    long minutes = d.toMinutes();
    return minutes % 60 == 0 ? (minutes / 60) + " h" : minutes + " min";
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * The outcome of one tick.
   *
   * @param progress where the run stands now.
   * @param effects what to carry out, in order.
   */
  public record Tick(ProfileProgress progress, List<Effect> effects) {}

  /** Something the runner must do after a tick. */
  public sealed interface Effect {
    /**
     * Write this setpoint to the chamber.
     *
     * @param setpoint the setpoint.
     */
    record Write(Setpoint setpoint) implements Effect {}

    /**
     * Record this in the campaign's logbook (and tell the workflow where it matters).
     *
     * @param kind the event kind.
     * @param message the text.
     */
    record Event(String kind, String message) implements Effect {}

    /**
     * A deviation ended: store it.
     *
     * @param deviation the deviation.
     * @param end when the measured value came back into the band.
     * @param quantity what deviated, e.g. {@code humidity, %RH}; null for the soak temperature.
     */
    record DeviationClosed(Deviation deviation, Instant end, String quantity) implements Effect {}

    /**
     * A read point was reached: the modules are to be measured.
     *
     * @param label e.g. {@code 200 cycles} or {@code 168 h}.
     * @param hours time on test at this read point, h (the read point itself for an hours read
     *     point).
     * @param cycles cycles at this read point (the read point itself for a cycles read point).
     * @param condition the chamber when measured, or null when measured in situ (the tick's
     *     reading).
     */
    record ReadPointReached(String label, double hours, long cycles, Condition condition)
        implements Effect {}

    /**
     * A ramp's achieved rate was measured (air, 10 to 90 % of its swing): what the chamber can do,
     * for the ETA and the warning when it cannot follow the plan.
     *
     * @param planned the rate the plan asked, K/min, or null.
     * @param achieved the achieved rate, K/min.
     */
    record RampMeasured(Double planned, double achieved) implements Effect {}
  }

  /**
   * The chamber's condition when a read point is measured.
   *
   * @param air air temperature, degC.
   * @param load load temperature, degC, or null without a load sensor.
   * @param humidity %RH, or null when not measured.
   * @param recoveryHours profile time spent recovering before measuring, h (0 in situ).
   */
  public record Condition(double air, Double load, Double humidity, double recoveryHours) {}

  /**
   * Where a read point was reached.
   *
   * @param hours time on test, h.
   * @param cycles cycles.
   */
  record ReadPointReachedAt(double hours, long cycles) {}

  /** A read point's recovery as planned, with defaults applied. */
  private record RecoverySpec(double temperature, double band, Duration dwell, Double rate) {
    static RecoverySpec of(ReadPoints readPoints) {
      if (readPoints == null || readPoints.effectiveMode() == ReadPoints.Mode.IN_SITU) {
        return null;
      }
      ReadPoints.Recovery r = readPoints.effectiveRecovery();
      return new RecoverySpec(r.temperature(), r.band(), Durations.parse(r.dwell()), r.rate());
    }
  }

  private record StepResult(ProfileProgress progress, boolean moved) {
    static StepResult moved(ProfileProgress p) {
      return new StepResult(p, true);
    }

    static StepResult stay(ProfileProgress p) {
      return new StepResult(p, false);
    }
  }
}

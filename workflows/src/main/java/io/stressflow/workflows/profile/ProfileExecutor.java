package io.stressflow.workflows.profile;

import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.Setpoint;
import io.stressflow.workflows.plan.Leg.ReadPoints;
import io.stressflow.workflows.profile.ProfileProgress.Deviation;
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
 */
public final class ProfileExecutor {

  /** At most this many instantaneous steps (humidity, cycle ends) are taken in one tick. */
  private static final int MAX_STEPS_PER_TICK = 64;

  private final List<ProfileStep> steps;
  private final ReadPoints readPoints;
  private final double timeScale;
  private final Duration maxGap;

  /**
   * Creates an executor for one run.
   *
   * @param steps the unrolled profile.
   * @param readPoints the leg's read points, or null.
   * @param timeScale profile seconds per wall second.
   * @param maxGap the longest wall-clock gap between ticks that still earns soak credit.
   */
  public ProfileExecutor(
      List<ProfileStep> steps, ReadPoints readPoints, double timeScale, Duration maxGap) {
    this.steps = List.copyOf(steps);
    this.readPoints = readPoints;
    this.timeScale = timeScale;
    this.maxGap = maxGap;
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
    for (int n = 0; n < MAX_STEPS_PER_TICK && q.step() < steps.size(); n++) {
      ProfileStep step = steps.get(q.step());
      StepResult r = advance(step, q, reading, now, dt, effects);
      dt = 0; // a tick's time is credited to one soak only
      q = r.progress();
      // hours accrue inside a soak and cycles at a cycle end: check after every step, moved or not
      q = readPointsReached(q, effects);
      if (!r.moved()) {
        break;
      }
    }
    if (q.step() >= steps.size() && !q.done()) {
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
    if (q.done() || q.step() >= steps.size()) {
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
      }
      if (reading != null && Math.abs(reading.airTemperature() - r.to()) <= r.tolerance()) {
        return StepResult.moved(q.withStep(q.step() + 1));
      }
      return StepResult.stay(q);
    }
    if (step instanceof ProfileStep.Humidity h) {
      effects.add(
          new Effect.Write(new Setpoint(p.targetTemperature(), p.rampRate(), h.setpoint())));
      ProfileProgress q = p.withSetpoint(p.targetTemperature(), p.rampRate(), h.setpoint());
      return StepResult.moved(q.withStep(q.step() + 1));
    }
    if (step instanceof ProfileStep.CycleEnd c) {
      ProfileProgress q = p.withCycles(c.number());
      effects.add(new Effect.Event("CYCLE_COMPLETED", "cycle %d completed".formatted(c.number())));
      return StepResult.moved(q.withStep(q.step() + 1));
    }
    return soak((ProfileStep.Soak) step, p, reading, now, dt, effects);
  }

  private StepResult soak(
      ProfileStep.Soak s,
      ProfileProgress p,
      ChamberState reading,
      Instant now,
      double dt,
      List<Effect> effects) {
    Double measured = null;
    if (reading != null) {
      measured =
          s.onLoad() && reading.loadTemperature() != null
              ? reading.loadTemperature()
              : reading.airTemperature();
    }
    double set = p.targetTemperature();
    boolean inBand = measured != null && measured >= set - s.below() && measured <= set + s.above();
    double credited = p.soakCredited();
    double stress = p.stressSeconds();
    Deviation deviation = p.deviation();
    if (inBand) {
      if (p.lastInBand() && dt > 0) {
        double add = Math.min(dt, s.duration().toMillis() / 1000.0 - credited);
        credited += add;
        stress += add;
      }
      if (deviation != null) {
        effects.add(new Effect.DeviationClosed(deviation, now));
        deviation = null;
      }
    } else if (measured != null) {
      // before the load first reaches the band it is stabilising, not deviating
      if (deviation == null && p.lastInBand()) {
        deviation = new Deviation(now, set, measured);
        effects.add(
            new Effect.Event(
                "DEVIATION",
                "%s %.1f °C left the soak band [%.1f, %.1f] °C; soak time is not credited"
                    .formatted(
                        s.onLoad() ? "load" : "air", measured, set - s.below(), set + s.above())));
      } else if (deviation != null
          && Math.abs(measured - set) > Math.abs(deviation.worst() - set)) {
        deviation = new Deviation(deviation.start(), set, measured);
      }
    }
    ProfileProgress q = p.withSoak(credited, stress, inBand, deviation);
    if (credited >= s.duration().toMillis() / 1000.0 - 1e-9) {
      return StepResult.moved(q.withStep(q.step() + 1));
    }
    return StepResult.stay(q);
  }

  private ProfileProgress readPointsReached(ProfileProgress p, List<Effect> effects) {
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
      effects.add(
          new Effect.Event(
              "READ_POINT_REACHED",
              "read point %s %s reached (%d cycles, %.2f h at condition)"
                  .formatted(
                      format(at),
                      readPoints.unit().name().toLowerCase(),
                      p.cycles(),
                      p.stressSeconds() / 3600)));
      // the read point is credited at its nominal value: a 168 h read point is 168 h on test
      boolean hoursUnit = readPoints.unit() == ReadPoints.Unit.HOURS;
      effects.add(
          new Effect.ReadPointReached(
              readPointLabel(at),
              hoursUnit ? at : p.stressSeconds() / 3600,
              hoursUnit ? p.cycles() : (long) at));
      next++;
    }
    if (next == p.nextReadPoint()) {
      return p;
    }
    return p.withNextReadPoint(next);
  }

  private String readPointLabel(double at) {
    return format(at) + (readPoints.unit() == ReadPoints.Unit.CYCLES ? " cycles" : " h");
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
     */
    record DeviationClosed(Deviation deviation, Instant end) implements Effect {}

    /**
     * A read point was reached: the modules are to be measured.
     *
     * @param label e.g. {@code 200 cycles} or {@code 168 h}.
     * @param hours time on test at this read point, h (the read point itself for an hours read
     *     point).
     * @param cycles cycles at this read point (the read point itself for a cycles read point).
     */
    record ReadPointReached(String label, double hours, long cycles) implements Effect {}
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

package io.stressflow.workflows.profile;

import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a profile run has got, as a fraction of its nominal profile time: ramps weigh their
 * distance over their rate, soaks their duration; a soak in progress counts what it has credited.
 * Nominal, so a chamber that ramps slower than planned shows it as a later ETA, not a wrong
 * fraction. Computed by arithmetic over the profile's repeat counts, never by unrolling it.
 *
 * @param fraction done, 0..1.
 * @param remainingHours nominal profile hours still to run.
 * @param totalHours the run's nominal profile hours.
 */
public record RunEstimate(double fraction, double remainingHours, double totalHours) {

  /**
   * Estimates a run of {@code leg} standing at {@code progress}.
   *
   * @param leg the leg (presets applied).
   * @param progress where the run stands, or null if it has not started.
   * @return the estimate.
   */
  public static RunEstimate of(Leg leg, ProfileProgress progress) {
    LazyProfile steps = ProfileSteps.of(leg.profile(), Durations::parse);
    double perReadPoint = recoveryHours(leg, steps);
    int readPoints = leg.readPoints() == null ? 0 : leg.readPoints().at().size();
    double total = steps.nominalHours() + perReadPoint * readPoints;
    if (progress == null) {
      return new RunEstimate(0, total, total);
    }
    if (progress.done()) {
      return new RunEstimate(1, 0, total);
    }
    double done = steps.nominalHoursBefore(progress.step());
    if (progress.step() >= 0
        && progress.step() < steps.size()
        && steps.get(progress.step()) instanceof ProfileStep.Soak k) {
      done += Math.min(k.duration().toMillis() / 3_600_000.0, progress.soakCredited() / 3600.0);
    }
    ProfileProgress.Recovery recovering = progress.extras().recovery();
    int recovered = progress.nextReadPoint() - (recovering == null ? 0 : 1);
    done += perReadPoint * Math.min(readPoints, Math.max(0, recovered));
    if (recovering != null) {
      done += Math.min(perReadPoint, recovering.seconds() / 3600.0);
    }
    double fraction = total <= 0 ? 0 : Math.min(1, done / total);
    return new RunEstimate(fraction, Math.max(0, total - done), total);
  }

  /**
   * Nominal profile time of one read point's recovery, h: the dwell, the way to the recovery
   * temperature and back from the farthest soak at the recovery rate, and an hour to dry out when
   * the profile uses humidity. Zero for read points measured in situ.
   */
  static double recoveryHours(Leg leg, LazyProfile steps) {
    Leg.ReadPoints rp = leg.readPoints();
    if (rp == null || rp.effectiveMode() == Leg.ReadPoints.Mode.IN_SITU) {
      return 0;
    }
    Leg.ReadPoints.Recovery r = rp.effectiveRecovery();
    double farthest = 0;
    for (double setpoint : steps.soakSetpoints()) {
      farthest = Math.max(farthest, Math.abs(setpoint - r.temperature()));
    }
    Double rate = r.rate() != null ? r.rate() : steps.firstRate();
    double k = rate == null ? 2 : rate;
    return Durations.parse(r.dwell()).toMillis() / 3_600_000.0
        + 2 * farthest / k / 60.0
        + (steps.humid() ? 1 : 0);
  }

  /**
   * The leg as a chamber that ramps at most {@code rate} K/min runs it: every ramp faster than that
   * (or without a rate, which counts as 10 K/min) at {@code rate}. A ramp given by its duration is
   * kept. Same steps, so a run's progress applies to it unchanged: {@code of(atMost(leg, r),
   * progress)} is the estimate at the chamber's achieved rate.
   *
   * @param leg the leg (presets applied).
   * @param rate the chamber's achieved rate, K/min, &gt; 0; null leaves the leg as it is.
   * @return the leg with its ramps capped.
   */
  public static Leg atMost(Leg leg, Double rate) {
    if (rate == null || !(rate > 0) || leg.profile() == null) {
      return leg;
    }
    Leg.Profile profile =
        new Leg.Profile(cap(leg.profile().segments(), rate), leg.profile().allowCondensation());
    return new Leg(
        leg.id(),
        leg.name(),
        leg.preset(),
        leg.stress(),
        leg.samples(),
        leg.chamber(),
        leg.chamberPool(),
        leg.after(),
        profile,
        leg.readPoints(),
        leg.inSitu(),
        leg.failureCriteria(),
        leg.acceptance(),
        leg.source(),
        leg.powered(),
        leg.external());
  }

  private static List<Segment> cap(List<Segment> segments, double rate) {
    List<Segment> out = new ArrayList<>(segments.size());
    for (Segment s : segments) {
      if (s instanceof Segment.Ramp r && (r.rate() != null || r.duration() == null)) {
        double planned = r.rate() == null ? LazyProfile.UNSPECIFIED_RATE : r.rate();
        out.add(new Segment.Ramp(r.to(), Math.min(planned, rate), null, r.rateTolerance()));
      } else if (s instanceof Segment.Repeat r) {
        out.add(
            new Segment.Repeat(r.count(), r.segments() == null ? null : cap(r.segments(), rate)));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The fastest ramp rate the leg's profile asks for, K/min (a ramp without a rate or duration
   * counts as 10 K/min), or null when it has no such ramp.
   *
   * @param leg the leg.
   * @return K/min, or null.
   */
  public static Double fastestRamp(Leg leg) {
    return leg.profile() == null ? null : fastest(leg.profile().segments());
  }

  private static Double fastest(List<Segment> segments) {
    Double max = null;
    for (Segment s : segments) {
      Double r = null;
      if (s instanceof Segment.Ramp ramp && (ramp.rate() != null || ramp.duration() == null)) {
        r = ramp.rate() == null ? LazyProfile.UNSPECIFIED_RATE : ramp.rate();
      } else if (s instanceof Segment.Repeat rep
          && rep.segments() != null
          && rep.count() != null
          && rep.count() > 0) {
        r = fastest(rep.segments());
      }
      if (r != null && (max == null || r > max)) {
        max = r;
      }
    }
    return max;
  }

  /**
   * The hours at condition the leg's plan calls for: its soaks' durations, repeats multiplied out
   * (by arithmetic, never unrolled). What a leg's credited hours are counted against.
   *
   * @param leg the leg.
   * @return hours, 0 without a profile.
   */
  public static double conditionHours(Leg leg) {
    return leg.profile() == null ? 0 : soakHours(leg.profile().segments());
  }

  private static double soakHours(List<Segment> segments) {
    double hours = 0;
    for (Segment s : segments) {
      if (s instanceof Segment.Soak k && k.duration() != null) {
        hours += Durations.parse(k.duration()).toMillis() / 3_600_000.0;
      } else if (s instanceof Segment.Repeat r && r.segments() != null && r.count() != null) {
        hours += Math.max(0, r.count()) * soakHours(r.segments());
      }
    }
    return hours;
  }
}

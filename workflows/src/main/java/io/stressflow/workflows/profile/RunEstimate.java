package io.stressflow.workflows.profile;

import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import java.util.List;
import java.util.Map;

/**
 * How far a profile run has got, as a fraction of its nominal profile time: ramps weigh their
 * distance over their rate, soaks their duration; a soak in progress counts what it has credited.
 * Nominal, so a chamber that ramps slower than planned shows it as a later ETA, not a wrong
 * fraction.
 *
 * @param fraction done, 0..1.
 * @param remainingHours nominal profile hours still to run.
 * @param totalHours the run's nominal profile hours.
 */
public record RunEstimate(double fraction, double remainingHours, double totalHours) {

  /** Ramp rate assumed for a ramp given without one (as fast as the chamber goes), K/min. */
  private static final double UNSPECIFIED_RATE = 10.0;

  /**
   * Estimates a run of {@code leg} standing at {@code progress}.
   *
   * @param leg the leg (presets applied).
   * @param progress where the run stands, or null if it has not started.
   * @return the estimate.
   */
  public static RunEstimate of(Leg leg, ProfileProgress progress) {
    Shape shape = shapeOf(leg);
    double total = shape.total();
    double perReadPoint = shape.perReadPoint();
    int readPoints = leg.readPoints() == null ? 0 : leg.readPoints().at().size();
    if (progress == null) {
      return new RunEstimate(0, total, total);
    }
    if (progress.done()) {
      return new RunEstimate(1, 0, total);
    }
    double[] prefix = shape.prefix();
    int steps = prefix.length - 1;
    double done = prefix[Math.min(progress.step(), steps)];
    if (progress.step() < steps && shape.soak()[progress.step()]) {
      double weight = prefix[progress.step() + 1] - prefix[progress.step()];
      done += Math.min(weight, progress.soakCredited() / 3600.0);
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

  /** Shapes of recently estimated legs: a campaign view must not unroll a profile every time. */
  private static final Map<Leg, Shape> SHAPES =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Leg, Shape> eldest) {
              return size() > 64;
            }
          });

  private static Shape shapeOf(Leg leg) {
    Shape known = SHAPES.get(leg);
    if (known != null) {
      return known;
    }
    List<ProfileStep> steps;
    try {
      steps = ProfileSteps.expand(leg.profile(), Durations::parse);
    } catch (IllegalArgumentException e) {
      // a profile beyond the bounds (stored before they existed) cannot run: nothing to estimate
      steps = List.of();
    }
    double[] prefix = new double[steps.size() + 1];
    boolean[] soak = new boolean[steps.size()];
    double temperature = 23.0;
    for (int i = 0; i < steps.size(); i++) {
      ProfileStep s = steps.get(i);
      double weight = 0;
      if (s instanceof ProfileStep.Ramp r) {
        double rate = r.rate() == null ? UNSPECIFIED_RATE : r.rate();
        weight = Math.abs(r.to() - temperature) / rate / 60.0;
        temperature = r.to();
      } else if (s instanceof ProfileStep.Soak k) {
        weight = k.duration().toMillis() / 3_600_000.0;
        soak[i] = true;
      }
      prefix[i + 1] = prefix[i] + weight;
    }
    double perReadPoint = recoveryHours(leg, steps);
    int readPoints = leg.readPoints() == null ? 0 : leg.readPoints().at().size();
    Shape shape =
        new Shape(prefix, soak, perReadPoint, prefix[steps.size()] + perReadPoint * readPoints);
    SHAPES.put(leg, shape);
    return shape;
  }

  /** A leg's profile folded for estimates: cumulative nominal hours per step. */
  private record Shape(double[] prefix, boolean[] soak, double perReadPoint, double total) {}

  /**
   * Nominal profile time of one read point's recovery, h: the dwell, the way to the recovery
   * temperature and back from the farthest soak at the recovery rate, and an hour to dry out when
   * the profile uses humidity. Zero for read points measured in situ.
   */
  static double recoveryHours(Leg leg, List<ProfileStep> steps) {
    Leg.ReadPoints rp = leg.readPoints();
    if (rp == null || rp.effectiveMode() == Leg.ReadPoints.Mode.IN_SITU) {
      return 0;
    }
    Leg.ReadPoints.Recovery r = rp.effectiveRecovery();
    double farthest = 0;
    boolean humid = false;
    Double rate = r.rate();
    double target = 23;
    for (ProfileStep s : steps) {
      if (s instanceof ProfileStep.Ramp ramp) {
        target = ramp.to();
        if (rate == null && ramp.rate() != null) {
          rate = ramp.rate();
        }
      } else if (s instanceof ProfileStep.Soak) {
        farthest = Math.max(farthest, Math.abs(target - r.temperature()));
      } else if (s instanceof ProfileStep.Humidity h && h.setpoint() != null) {
        humid = true;
      }
    }
    double k = rate == null ? 2 : rate;
    return Durations.parse(r.dwell()).toMillis() / 3_600_000.0
        + 2 * farthest / k / 60.0
        + (humid ? 1 : 0);
  }
}

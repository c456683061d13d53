package io.stressflow.workflows.profile;

import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import java.util.List;

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
    List<ProfileStep> steps = ProfileSteps.expand(leg.profile(), Durations::parse);
    double[] weights = new double[steps.size()];
    double temperature = 23.0;
    double total = 0;
    for (int i = 0; i < steps.size(); i++) {
      ProfileStep s = steps.get(i);
      if (s instanceof ProfileStep.Ramp r) {
        double rate = r.rate() == null ? UNSPECIFIED_RATE : r.rate();
        weights[i] = Math.abs(r.to() - temperature) / rate / 60.0;
        temperature = r.to();
      } else if (s instanceof ProfileStep.Soak k) {
        weights[i] = k.duration().toMillis() / 3_600_000.0;
      }
      total += weights[i];
    }
    if (progress == null) {
      return new RunEstimate(0, total, total);
    }
    if (progress.done()) {
      return new RunEstimate(1, 0, total);
    }
    double done = 0;
    for (int i = 0; i < Math.min(progress.step(), steps.size()); i++) {
      done += weights[i];
    }
    if (progress.step() < steps.size() && steps.get(progress.step()) instanceof ProfileStep.Soak) {
      done += Math.min(weights[progress.step()], progress.soakCredited() / 3600.0);
    }
    double fraction = total <= 0 ? 0 : Math.min(1, done / total);
    return new RunEstimate(fraction, Math.max(0, total - done), total);
  }
}

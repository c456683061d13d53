package io.stressflow.workflows.profile;

import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;

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
}

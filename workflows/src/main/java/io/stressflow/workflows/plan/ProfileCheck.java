package io.stressflow.workflows.plan;

import io.stressflow.chamber.ChamberLimits;
import io.stressflow.workflows.plan.Segment.Humidity;
import io.stressflow.workflows.plan.Segment.Ramp;
import io.stressflow.workflows.plan.Segment.Repeat;
import io.stressflow.workflows.plan.Segment.Soak;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Walks a profile from ambient, checking each segment against the chamber's limits and the
 * condensation rule, and adds up its time and cycles. A repeat is walked twice (the first cycle
 * starts from what came before, later ones from the cycle's own end) and its time multiplied, so a
 * 500-cycle leg costs two walks, not 500.
 */
final class ProfileCheck {

  /** The state a profile starts from: the chamber at lab ambient with humidity off. */
  static final double AMBIENT = 23.0;

  private final ChamberLimits limits;
  private final boolean condensationAllowed;
  private final Set<PlanProblem> problems;
  private double temperature = AMBIENT;
  private Double humidity;

  ProfileCheck(ChamberLimits limits, boolean condensationAllowed, Set<PlanProblem> problems) {
    this.limits = limits;
    this.condensationAllowed = condensationAllowed;
    this.problems = problems;
  }

  /**
   * Walks the top level of a profile.
   *
   * @return hours and cycles; cycles are the counts of the top-level repeats.
   */
  Totals walk(List<Segment> segments, String path) {
    long cycles = 0;
    for (Segment s : segments) {
      if (s instanceof Repeat r && r.count() != null) {
        cycles += r.count();
      }
    }
    return new Totals(walkAll(segments, path), cycles);
  }

  private double walkAll(List<Segment> segments, String path) {
    double hours = 0;
    for (int i = 0; i < segments.size(); i++) {
      hours += walkOne(segments.get(i), path + "[" + i + "]");
    }
    return hours;
  }

  private double walkOne(Segment segment, String path) {
    if (segment instanceof Ramp r) {
      return ramp(r, path + ".ramp");
    } else if (segment instanceof Soak s) {
      return soak(s, path + ".soak");
    } else if (segment instanceof Humidity h) {
      humidity(h, path + ".humidity");
      return 0;
    } else if (segment instanceof Repeat r) {
      return repeat(r, path + ".repeat");
    }
    throw new IllegalStateException("Expected a known segment kind, but was " + segment);
  }

  private double ramp(Ramp r, String path) {
    if (r.to() == null) {
      problem(path + ".to", "the target temperature is required (degC)");
      return 0;
    }
    double to = r.to();
    if (to < limits.minTemperature() || to > limits.maxTemperature()) {
      problem(
          path + ".to",
          "%s °C is outside the chamber's rated range [%s, %s] °C"
              .formatted(to, limits.minTemperature(), limits.maxTemperature()));
    }
    double hours = 0;
    if ((r.rate() == null) == (r.duration() == null)) {
      problem(path, "give exactly one of 'rate' (K/min) or 'duration'");
    } else if (r.rate() != null) {
      if (!(r.rate() > 0)) {
        problem(path + ".rate", "must be > 0 K/min, but was " + r.rate());
      } else {
        if (r.rate() > limits.maxRampRate()) {
          problem(
              path + ".rate",
              "%s K/min is faster than the chamber's maximum of %s K/min"
                  .formatted(r.rate(), limits.maxRampRate()));
        }
        hours = Math.abs(to - temperature) / r.rate() / 60.0;
      }
    } else {
      hours = duration(r.duration(), path + ".duration");
      double rate = hours > 0 ? Math.abs(to - temperature) / (hours * 60) : 0;
      if (rate > limits.maxRampRate()) {
        problem(
            path + ".duration",
            "ramping %.1f K in %s needs %.1f K/min, faster than the chamber's maximum of %s K/min"
                .formatted(Math.abs(to - temperature), r.duration(), rate, limits.maxRampRate()));
      }
    }
    if (humidity != null) {
      if (to < limits.humidityMinTemperature() || to > limits.humidityMaxTemperature()) {
        problem(
            path + ".to",
            "humidity %s %%RH is on, but the chamber controls humidity only within [%s, %s] °C;"
                    .formatted(
                        humidity, limits.humidityMinTemperature(), limits.humidityMaxTemperature())
                + " switch humidity off first");
      }
      double dewPoint = dewPoint(to, humidity);
      if (to > temperature && dewPoint >= temperature && !condensationAllowed) {
        problem(
            path,
            ("ramping up to %s °C at %s %%RH puts air with a dew point of %.1f °C on a load still at"
                    + " %s °C: it would condense. Raise the temperature before the humidity, or set"
                    + " profile.allowCondensation: true if the test means to condense")
                .formatted(to, humidity, dewPoint, temperature));
      }
      // on the way down the chamber's moisture (the dew point of where it starts) cannot leave as
      // fast as the air cools: below that dew point the air saturates and condenses
      double startDewPoint = dewPoint(temperature, humidity);
      if (to < temperature && startDewPoint >= to && !condensationAllowed) {
        problem(
            path,
            ("cooling from %s °C to %s °C with humidity %s %%RH on passes the air's dew point of"
                    + " %.1f °C: it would condense. Lower the humidity before the temperature"
                    + " (humidity: { off: true } first), or set profile.allowCondensation: true if"
                    + " the test means to condense")
                .formatted(temperature, to, humidity, startDewPoint));
      }
    }
    if (r.rateTolerance() != null) {
      if (!(r.rateTolerance() > 0) || !Double.isFinite(r.rateTolerance())) {
        problem(path + ".rateTolerance", "must be > 0 K/min, but was " + r.rateTolerance());
      } else if (r.rate() == null) {
        problem(path + ".rateTolerance", "needs 'rate': a tolerance is on a planned rate");
      }
    }
    temperature = to;
    return hours;
  }

  private double soak(Soak s, String path) {
    double hours = duration(s.duration(), path + ".duration");
    if (s.band() != null && (s.band().below() < 0 || s.band().above() < 0)) {
      problem(
          path + ".band", "'below' and 'above' are distances from the setpoint and must be >= 0 K");
    }
    return hours;
  }

  private void humidity(Humidity h, String path) {
    if (h.switchesOff() == (h.setpoint() != null)) {
      problem(path, "give either 'setpoint' (%RH) or 'off: true'");
      return;
    }
    if (h.switchesOff()) {
      humidity = null;
      return;
    }
    double rh = h.setpoint();
    if (rh < limits.minHumidity() || rh > limits.maxHumidity()) {
      problem(
          path + ".setpoint",
          "%s %%RH is outside the chamber's rated range [%s, %s] %%RH"
              .formatted(rh, limits.minHumidity(), limits.maxHumidity()));
    }
    if (temperature < limits.humidityMinTemperature()
        || temperature > limits.humidityMaxTemperature()) {
      problem(
          path,
          "humidity is set at %s °C, but the chamber controls humidity only within [%s, %s] °C"
              .formatted(
                  temperature, limits.humidityMinTemperature(), limits.humidityMaxTemperature()));
    }
    if (h.tolerance() != null && !(h.tolerance() > 0)) {
      problem(path + ".tolerance", "must be > 0 %RH");
    }
    humidity = rh;
  }

  private double repeat(Repeat r, String path) {
    if (r.count() == null || r.count() < 1) {
      problem(path + ".count", "must be >= 1");
      return 0;
    }
    if (r.segments() == null || r.segments().isEmpty()) {
      problem(path + ".segments", "a repeat needs at least one segment");
      return 0;
    }
    double first = walkAll(r.segments(), path + ".segments");
    if (r.count() == 1) {
      return first;
    }
    double later = walkAll(r.segments(), path + ".segments");
    return first + (r.count() - 1) * later;
  }

  private double duration(String text, String path) {
    try {
      Duration d = Durations.parse(text);
      if (d.isNegative() || d.isZero()) {
        problem(path, "must be > 0");
        return 0;
      }
      return Durations.hours(d);
    } catch (IllegalArgumentException e) {
      problem(path, e.getMessage());
      return 0;
    }
  }

  private void problem(String path, String message) {
    problems.add(new PlanProblem(path, message));
  }

  /**
   * Dew point of air at {@code t} degC and {@code rh} %RH (Magnus formula, Sonntag constants; ±0.35
   * K between -45 and 60 degC).
   */
  static double dewPoint(double t, double rh) {
    double b = 17.62;
    double c = 243.12;
    double gamma = Math.log(Math.max(rh, 0.01) / 100.0) + b * t / (c + t);
    return c * gamma / (b - gamma);
  }

  /**
   * What a profile amounts to.
   *
   * @param hours profile time, h.
   * @param cycles cycles (top-level repeats).
   */
  record Totals(double hours, long cycles) {}
}

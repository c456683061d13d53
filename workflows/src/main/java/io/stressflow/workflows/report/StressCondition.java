package io.stressflow.workflows.report;

import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.Segment;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a chamber leg's profile stresses at, read from its setpoints: the temperature and humidity
 * of the soak it spends most time in, and the temperature swing of its most repeated cycle.
 *
 * @param temperatureC the main soak's temperature setpoint, °C.
 * @param humidityPercent the main soak's humidity setpoint, %RH, or null with humidity off.
 * @param swingK the swing between the coldest and hottest setpoint of the most repeated cycle, K,
 *     or null when the profile repeats nothing.
 * @param cycles how many times that cycle repeats (0 without one).
 * @param cycleMinC the cycle's coldest setpoint, °C, or null.
 * @param cycleMaxC the cycle's hottest setpoint, °C, or null.
 * @param bands the band of the first soak at each setpoint temperature, °C: what the soak credits.
 */
public record StressCondition(
    double temperatureC,
    Double humidityPercent,
    Double swingK,
    long cycles,
    Double cycleMinC,
    Double cycleMaxC,
    Map<Double, Segment.Band> bands) {

  /** The chamber's start: lab ambient, humidity off (README "Campaign plans"). */
  private static final double START_C = 23;

  /**
   * Reads a profile.
   *
   * @param profile the leg's profile.
   * @return its stress condition, or null when it has no soak.
   */
  public static StressCondition of(Leg.Profile profile) {
    if (profile == null) {
      return null;
    }
    Walk walk = new Walk();
    walk.segments(profile.segments(), 1);
    if (walk.soakHours.isEmpty()) {
      return null;
    }
    Map.Entry<List<Double>, Double> main =
        walk.soakHours.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    return new StressCondition(
        main.getKey().get(0),
        main.getKey().get(1),
        walk.swing,
        walk.swing == null ? 0 : walk.cycles,
        walk.swing == null ? null : walk.min,
        walk.swing == null ? null : walk.max,
        Map.copyOf(walk.bands));
  }

  /** The walk over the segments, keeping the setpoints in force. */
  private static final class Walk {
    double temperature = START_C;
    Double humidity;
    final Map<List<Double>, Double> soakHours = new LinkedHashMap<>();
    final Map<Double, Segment.Band> bands = new LinkedHashMap<>();
    Double swing;
    long cycles;
    double min;
    double max;

    void segments(List<Segment> segments, long times) {
      for (Segment s : segments) {
        if (s instanceof Segment.Ramp r && r.to() != null) {
          temperature = r.to();
        } else if (s instanceof Segment.Humidity h) {
          humidity = h.switchesOff() ? null : h.setpoint();
        } else if (s instanceof Segment.Soak k) {
          if (k.band() != null) {
            bands.putIfAbsent(temperature, k.band());
          }
          soakHours.merge(
              Arrays.asList(temperature, humidity), hours(k.duration()) * times, Double::sum);
        } else if (s instanceof Segment.Repeat rp && rp.count() != null && rp.count() > 0) {
          long count = times * rp.count();
          double min = Double.POSITIVE_INFINITY;
          double max = Double.NEGATIVE_INFINITY;
          for (Segment inner : rp.segments()) {
            if (inner instanceof Segment.Ramp r && r.to() != null) {
              min = Math.min(min, r.to());
              max = Math.max(max, r.to());
            }
          }
          if (max > min && count > cycles) {
            swing = max - min;
            cycles = count;
            this.min = min;
            this.max = max;
          }
          segments(rp.segments(), count);
        }
      }
    }

    private static double hours(String duration) {
      try {
        return Durations.parse(duration).toSeconds() / 3600.0;
      } catch (RuntimeException e) {
        return 0;
      }
    }
  }
}

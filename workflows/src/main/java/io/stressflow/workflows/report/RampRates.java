package io.stressflow.workflows.report;

import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ramp rates a leg achieved, from its logbook: each ramp outside a cycle ({@code RAMP_RATE}:
 * "ramp to 85 °C achieved 1.2 K/min …; planned 3 K/min") and each cycle's ramps ({@code
 * CYCLE_COMPLETED}: "cycle 3 completed; ramps achieved 10.1 / 9.8 K/min"), the rate measured on the
 * air between 10 % and 90 % of the swing. A cycle's ramps are summarised by their place in the
 * cycle, next to the rate the profile plans for that ramp.
 */
final class RampRates {

  private static final Pattern RAMP =
      Pattern.compile("ramp to (\\S+) °C achieved ([0-9.]+) K/min.*?(?:; planned (\\S+) K/min)?$");
  private static final Pattern CYCLE = Pattern.compile("ramps achieved ([0-9. /]+) K/min");

  private RampRates() {}

  /**
   * The sentence for the report.
   *
   * @param messages the leg's {@code RAMP_RATE} and {@code CYCLE_COMPLETED} entries in order, with
   *     or without their {@code [leg]} prefix.
   * @param profile the leg's profile (the planned cycle ramps), or null.
   * @return a sentence, or null when no ramp was measured.
   */
  static String describe(List<String> messages, Leg.Profile profile) {
    List<String> single = new ArrayList<>();
    List<List<Double>> positions = new ArrayList<>();
    int cycles = 0;
    for (String m : messages) {
      Matcher r = RAMP.matcher(m);
      if (r.find()) {
        single.add(
            "to %s °C %s K/min%s"
                .formatted(
                    r.group(1),
                    r.group(2),
                    r.group(3) == null ? "" : " (planned %s)".formatted(r.group(3))));
        continue;
      }
      Matcher c = CYCLE.matcher(m);
      if (c.find()) {
        cycles++;
        String[] rates = c.group(1).trim().split("\\s*/\\s*");
        for (int i = 0; i < rates.length; i++) {
          if (positions.size() <= i) {
            positions.add(new ArrayList<>());
          }
          positions.get(i).add(Double.parseDouble(rates[i]));
        }
      }
    }
    if (single.isEmpty() && positions.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (!single.isEmpty()) {
      parts.add(String.join(", ", single));
    }
    if (!positions.isEmpty()) {
      List<Double> planned = plannedCycleRamps(profile);
      List<String> each = new ArrayList<>();
      for (int i = 0; i < positions.size(); i++) {
        List<Double> v = positions.get(i);
        double min = v.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = v.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        each.add(
            "ramp %d: %s to %s K/min (mean %s%s)"
                .formatted(
                    i + 1,
                    one(min),
                    one(max),
                    one(mean),
                    planned.size() == positions.size() && planned.get(i) != null
                        ? "; planned " + LegStatistics.num(planned.get(i))
                        : ""));
      }
      parts.add(
          "each cycle's ramps over %d cycle%s: %s"
              .formatted(cycles, cycles == 1 ? "" : "s", String.join("; ", each)));
    }
    return String.join("; ", parts);
  }

  /** The planned rates of the ramps in the profile's first repeated block, in order. */
  static List<Double> plannedCycleRamps(Leg.Profile profile) {
    if (profile == null || profile.segments() == null) {
      return List.of();
    }
    for (Segment s : profile.segments()) {
      if (s instanceof Segment.Repeat rp && rp.segments() != null) {
        List<Double> rates = new ArrayList<>();
        for (Segment inner : rp.segments()) {
          if (inner instanceof Segment.Ramp r) {
            rates.add(r.rate());
          }
        }
        return rates;
      }
    }
    return List.of();
  }

  private static String one(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}

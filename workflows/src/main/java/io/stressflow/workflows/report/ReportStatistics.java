package io.stressflow.workflows.report;

import io.stressflow.workflows.chamber.TelemetryRepository;
import io.stressflow.workflows.plan.CampaignPlan;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.Segment;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The report's Statistics section: the parameters with their sources, then per leg the sample, the
 * failures counted, the demonstrated LTPD, the device-hours credited, the acceleration factor with
 * its model and the failure-rate and MTTF bounds at the use condition.
 */
public final class ReportStatistics {

  private final JdbcClient jdbc;

  /** Where and when a leg ran. */
  private record LegRun(String chamber, OffsetDateTime started, OffsetDateTime ended) {}

  /**
   * Reads credited time from the campaign's modules.
   *
   * @param jdbc the database.
   */
  public ReportStatistics(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The section for a campaign.
   *
   * @param campaignId the campaign.
   * @param plan its plan (presets applied).
   * @param confirmed failures confirmed by analysis, by leg id.
   * @return Markdown, starting with a blank line.
   */
  public String section(String campaignId, CampaignPlan plan, Map<String, Long> confirmed) {
    Map<String, double[]> credit = new HashMap<>();
    jdbc.sql(
            "SELECT leg_id, SUM(credited_hours) AS h, SUM(credited_cycles) AS c FROM module_unit"
                + " WHERE campaign_id = ? AND control = FALSE AND leg_id IS NOT NULL GROUP BY"
                + " leg_id")
        .param(campaignId)
        .query(
            rs -> {
              credit.put(rs.getString("leg_id"), new double[] {rs.getDouble("h"), rs.getLong("c")});
            });
    StatisticsParameters p = StatisticsParameters.of(plan.useCondition());
    List<LegStatistics> legs = new ArrayList<>();
    Map<String, String> achieved = new HashMap<>();
    Map<String, String> weibull = new HashMap<>();
    for (Leg leg : plan.legs()) {
      double[] c = credit.getOrDefault(leg.id(), new double[] {0, 0});
      LegStatistics s =
          LegStatistics.of(leg, confirmed.getOrDefault(leg.id(), 0L), c[0], (long) c[1], p);
      legs.add(s);
      if (s.condition() != null) {
        String[] a = achieved(campaignId, leg, s);
        if (a != null) {
          achieved.put(leg.id(), a[0]);
          if (a[1] != null) {
            weibull.put(HUMIDITY + leg.id(), a[1]);
          }
        }
        String ramps = ramps(campaignId, leg);
        if (ramps != null) {
          weibull.put(RAMPS + leg.id(), ramps);
        }
        fits(campaignId, leg.id(), s.model() == LegStatistics.Model.COFFIN_MANSON, weibull);
      }
    }
    return markdown(legs, p, achieved, weibull);
  }

  /** Keys of the extra rows beside a leg's Weibull fit. */
  private static final String HUMIDITY = "humidity:";

  private static final String RAMPS = "ramps:";

  private static final String LOGNORMAL = "lognormal:";

  /** The ramp rates the leg achieved, from its logbook, or null when none was measured. */
  private String ramps(String campaignId, Leg leg) {
    String prefix = "[" + leg.id() + "] ";
    List<String> messages =
        jdbc
            .sql(
                "SELECT message FROM campaign_event WHERE campaign_id = ? AND kind IN"
                    + " ('RAMP_RATE', 'CYCLE_COMPLETED') ORDER BY id")
            .param(campaignId)
            .query(String.class)
            .list()
            .stream()
            .filter(m -> m.startsWith(prefix))
            .toList();
    return RampRates.describe(messages, leg.profile());
  }

  /**
   * The leg's Weibull fit, and its lognormal fit when there are enough failures: each confirmed
   * failure at the read point it was found at, every other module of the leg a suspension at the
   * time credited to it.
   */
  private void fits(String campaignId, String legId, boolean cycles, Map<String, String> rows) {
    String time = cycles ? "cycles" : "hours";
    List<Double> failures =
        jdbc.sql(
                "SELECT s.stress_hours, s.cycles FROM module_failure f JOIN module_sample s ON"
                    + " s.id = f.sample_id WHERE f.campaign_id = ? AND f.leg_id = ? AND"
                    + " f.fa_outcome = 'CONFIRMED' ORDER BY 1, 2")
            .params(campaignId, legId)
            .query((rs, i) -> cycles ? (double) rs.getLong(2) : rs.getDouble(1))
            .list();
    List<Double> suspensions =
        jdbc.sql(
                "SELECT u.credited_hours, u.credited_cycles FROM module_unit u WHERE"
                    + " u.campaign_id = ? AND u.leg_id = ? AND u.control = FALSE AND NOT EXISTS"
                    + " (SELECT 1 FROM module_failure f WHERE f.campaign_id = u.campaign_id AND"
                    + " f.serial = u.serial AND f.fa_outcome = 'CONFIRMED') ORDER BY 1, 2")
            .params(campaignId, legId)
            .query((rs, i) -> cycles ? (double) rs.getLong(2) : rs.getDouble(1))
            .list();
    rows.put(legId, Weibull.describe(failures, suspensions, time));
    String lognormal = Lognormal.describe(failures, suspensions, time);
    if (lognormal != null) {
      rows.put(LOGNORMAL + legId, lognormal);
    }
  }

  /**
   * What the chamber's telemetry shows at the leg's stress setpoints while the leg ran: the load's
   * (or, without a load sensor, the air's) lowest and highest reading at each setpoint, and the
   * share of those readings inside the soak's band (the soak credits only time in band). Null when
   * the leg never ran in a chamber.
   */
  private String[] achieved(String campaignId, Leg leg, LegStatistics s) {
    String legId = leg.id();
    List<LegRun> runs =
        jdbc.sql(
                "SELECT chamber, started_at, ended_at FROM campaign_leg WHERE campaign_id = ? AND"
                    + " leg_id = ?")
            .params(campaignId, legId)
            .query(
                (rs, i) ->
                    new LegRun(
                        rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(3, OffsetDateTime.class)))
            .list();
    if (runs.isEmpty() || runs.get(0).chamber() == null || runs.get(0).started() == null) {
      return null;
    }
    String chamber = runs.get(0).chamber();
    OffsetDateTime from = runs.get(0).started();
    // a leg that has not ended (an aborted campaign's): everything since it started
    OffsetDateTime to = runs.get(0).ended() == null ? from.plusYears(100) : runs.get(0).ended();
    StressCondition c = s.condition();
    List<Double> setpoints =
        s.model() == LegStatistics.Model.COFFIN_MANSON
            ? List.of(c.cycleMinC(), c.cycleMaxC())
            : List.of(c.temperatureC());
    SoakConformance conformance = new SoakConformance();
    List<SoakConformance.Target> targets = new ArrayList<>();
    for (double sp : setpoints) {
      Segment.Band band = c.bands().get(sp);
      targets.add(
          conformance.watch(sp, band == null ? 2 : band.below(), band == null ? 2 : band.above()));
    }
    if (s.model() != LegStatistics.Model.COFFIN_MANSON && c.humidityPercent() != null) {
      targets.get(0).humidity(c.humidityPercent(), humidityTolerance(leg, c.humidityPercent()));
    }
    boolean[] minutes = {false};
    jdbc.sql(
            // raw readings, and minute means (one reading a minute) where retention folded them
            "SELECT air_setpoint, COALESCE(load_temperature, air_temperature), humidity, summary"
                + " FROM ("
                + TelemetryRepository.SERIES
                + ") t ORDER BY at")
        .params(chamber, from, to, chamber, from, to)
        .query(
            rs -> {
              minutes[0] |= rs.getInt(4) == 1;
              conformance.reading(
                  rs.getDouble(1), rs.getDouble(2), (Double) rs.getObject(3, Double.class));
            });
    List<String> parts = targets.stream().map(SoakConformance.Target::describe).toList();
    return new String[] {
      "chamber %s, at the setpoint %s%s"
          .formatted(
              chamber,
              String.join("; at ", parts),
              minutes[0]
                  ? " (telemetry past its retention window counted as minute means, one reading"
                      + " a minute)"
                  : ""),
      targets.get(0).describeHumidity()
    };
  }

  /** The tolerance of the profile's humidity setpoint, %RH (±5 when it gives none). */
  private static double humidityTolerance(Leg leg, double setpoint) {
    java.util.ArrayDeque<Segment> todo = new java.util.ArrayDeque<>(leg.profile().segments());
    while (!todo.isEmpty()) {
      Segment seg = todo.poll();
      if (seg instanceof Segment.Humidity h
          && h.setpoint() != null
          && h.setpoint() == setpoint
          && h.tolerance() != null) {
        return h.tolerance();
      }
      if (seg instanceof Segment.Repeat r && r.segments() != null) {
        todo.addAll(r.segments());
      }
    }
    return 5;
  }

  /**
   * The section's Markdown.
   *
   * @param legs each leg's statistics.
   * @param p the parameters.
   * @return Markdown, starting with a blank line.
   */
  public static String markdown(List<LegStatistics> legs, StatisticsParameters p) {
    return markdown(legs, p, Map.of());
  }

  /**
   * The section's Markdown, with what the telemetry shows of each leg's stress condition.
   *
   * @param legs each leg's statistics.
   * @param p the parameters.
   * @param achieved by leg id: the condition achieved, as a sentence.
   * @return Markdown, starting with a blank line.
   */
  public static String markdown(
      List<LegStatistics> legs, StatisticsParameters p, Map<String, String> achieved) {
    return markdown(legs, p, achieved, Map.of());
  }

  /**
   * The section's Markdown, with the condition achieved and the Weibull fit of each leg.
   *
   * @param legs each leg's statistics.
   * @param p the parameters.
   * @param achieved by leg id: the condition achieved, as a sentence.
   * @param weibull by leg id: the Weibull fit or why there is none, as a sentence; by {@code
   *     humidity:} and {@code ramps:} and the leg id, the humidity and ramp rates achieved.
   * @return Markdown, starting with a blank line.
   */
  public static String markdown(
      List<LegStatistics> legs,
      StatisticsParameters p,
      Map<String, String> achieved,
      Map<String, String> weibull) {
    StringBuilder r = new StringBuilder("\n## Statistics\n\n");
    r.append(
        "Demonstrated LTPD: the lot fraction defective the leg's sample (n tested, r failures)"
            + " would pass with probability 1 − CL (binomial). Failure rate: λ ≤ χ²(CL; 2r + 2)"
            + " / (2 · T), T the device-hours credited times the acceleration factor AF to the"
            + " use condition; 1 FIT = 1 failure in 10⁹ device-hours; MTTF ≥ 1/λ. Failures"
            + " counted are those confirmed by analysis (could-not-duplicate is not counted);"
            + " each module's time is credited to its last good read point. The bounds assume a"
            + " constant failure rate and one mechanism per leg; a small sample does not prove a"
            + " low FIT (domain reference 4.4).\n\n");
    r.append("| parameter | value | source |\n| --- | --- | --- |\n");
    for (StatisticsParameters.Parameter x : p.all()) {
      r.append(
          "| %s (`%s`) | %s | %s |\n"
              .formatted(x.label(), x.name(), value(x), x.source().replace("|", "\\|")));
    }
    r.append("| Boltzmann constant k | 8.617×10⁻⁵ eV/K | CODATA 2018 |\n");
    if (p.note() != null && !p.note().isBlank()) {
      r.append("\nThe plan's note on these numbers: ")
          .append(p.note().strip().replace("\n", " "))
          .append('\n');
    }
    String ltpdCl = percent(p.ltpdConfidence().value());
    String cl = percent(p.confidence().value());
    for (LegStatistics s : legs) {
      r.append("\n### Leg ").append(s.legId()).append("\n\n");
      r.append("| quantity | value |\n| --- | --- |\n");
      r.append("| modules tested (n) | %d |\n".formatted(s.tested()));
      r.append("| failures counted (r) | %d (confirmed by analysis) |\n".formatted(s.failures()));
      r.append(
          "| demonstrated LTPD | %s |\n"
              .formatted(
                  s.ltpd() == null
                      ? "- (no module tested)"
                      : "%s at %s confidence (n = %d, c = %d)"
                          .formatted(percent(s.ltpd()), ltpdCl, s.tested(), s.failures())));
      if (s.condition() != null) {
        StressCondition c = s.condition();
        String condition =
            s.model() == LegStatistics.Model.COFFIN_MANSON
                ? "%s ↔ %s °C, a swing of %s K, %d cycles"
                    .formatted(
                        LegStatistics.num(c.cycleMinC()),
                        LegStatistics.num(c.cycleMaxC()),
                        LegStatistics.num(c.swingK()),
                        c.cycles())
                : "%s °C%s"
                    .formatted(
                        LegStatistics.num(c.temperatureC()),
                        c.humidityPercent() == null
                            ? ""
                            : " / %s %%RH".formatted(LegStatistics.num(c.humidityPercent())));
        r.append("| stress condition (profile setpoints) | %s |\n".formatted(condition));
        if (achieved.containsKey(s.legId())) {
          r.append(
              "| achieved (load temperature from telemetry) | %s |\n"
                  .formatted(achieved.get(s.legId())));
        }
        r.append(
            "| device-hours credited | %s h at condition; %s device-cycles |\n"
                .formatted(grouped(s.deviceHours()), grouped(s.deviceCycles())));
        r.append(
            "| acceleration factor | %s: AF = %s = %s |\n"
                .formatted(s.model().label(), s.formula(), significant(s.accelerationFactor())));
        if (s.model() == LegStatistics.Model.COFFIN_MANSON) {
          r.append(
              "| equivalent field time | %s device-cycles × AF × 24 h / %s cycles a day = %s"
                      .formatted(
                          grouped(s.deviceCycles()),
                          LegStatistics.num(p.cyclesPerDay().value()),
                          grouped(s.equivalentHours()))
                  + " device-hours |\n");
        } else {
          r.append(
              "| equivalent device-hours at use | %s h × AF = %s h |\n"
                  .formatted(grouped(s.deviceHours()), grouped(s.equivalentHours())));
        }
      }
      if (s.reason() != null) {
        r.append("| failure rate | no bound: %s |\n".formatted(s.reason()));
      } else {
        r.append(
            "| failure rate λ | ≤ %s FIT at %s confidence (χ²(%s; %d) = %s) |\n"
                .formatted(
                    grouped(s.fitUpperBound()),
                    cl,
                    String.format(Locale.ROOT, "%.2f", p.confidence().value()),
                    2 * s.failures() + 2,
                    String.format(Locale.ROOT, "%.3f", s.chiSquare())));
        double mttf = s.mttfLowerBoundHours();
        r.append(
            "| MTTF | ≥ %s h (%s years) at %s confidence |\n"
                .formatted(grouped(mttf), significant(mttf / LegStatistics.HOURS_PER_YEAR), cl));
      }
      if (weibull.containsKey(HUMIDITY + s.legId())) {
        r.append(
            "| humidity achieved (telemetry, while the load was in its band) | %s |\n"
                .formatted(weibull.get(HUMIDITY + s.legId())));
      }
      if (weibull.containsKey(RAMPS + s.legId())) {
        r.append(
            "| ramp rates achieved (air, 10–90 %% of the swing, from the logbook) | %s |\n"
                .formatted(weibull.get(RAMPS + s.legId())));
      }
      if (weibull.containsKey(s.legId())) {
        r.append("| Weibull fit | %s |\n".formatted(weibull.get(s.legId())));
      }
      if (weibull.containsKey(LOGNORMAL + s.legId())) {
        r.append("| lognormal fit | %s |\n".formatted(weibull.get(LOGNORMAL + s.legId())));
      }
    }
    return r.toString();
  }

  private static String value(StatisticsParameters.Parameter x) {
    if (x.name().endsWith("onfidence")) {
      return percent(x.value());
    }
    return LegStatistics.num(x.value()) + (x.unit().isEmpty() ? "" : " " + x.unit());
  }

  static String percent(double fraction) {
    return LegStatistics.num(Math.round(fraction * 1000) / 10.0) + " %";
  }

  static String grouped(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  static String significant(double v) {
    return v >= 100 ? grouped(v) : String.format(Locale.ROOT, "%.3g", v);
  }
}

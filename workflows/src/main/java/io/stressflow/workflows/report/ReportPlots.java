package io.stressflow.workflows.report;

import io.stressflow.workflows.chamber.TelemetryRepository;
import io.stressflow.workflows.plan.CampaignPlan;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PlanService;
import io.stressflow.workflows.plan.Segment;
import io.stressflow.workflows.time.TimeScale;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The report's plots, per chamber leg: the chamber's profile achieved against its setpoint
 * (telemetry, min–max decimated), the humidity against the planned one, each lane's drift from its
 * baseline over the read points with the leg's limits (Tx power, Rx power, Tx bias), a failed lane
 * highlighted, and the failures against the time credited to them.
 */
@Component
public class ReportPlots {

  /** Telemetry is drawn from at most this many intervals (each its lowest and highest reading). */
  static final int BUCKETS = 300;

  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private final JdbcClient jdbc;
  private final PlanService plans;
  private final TimeScale timeScale;

  /**
   * Reads from the campaign's tables.
   *
   * @param jdbc the database.
   * @param plans reads the stored plan.
   * @param timeScale how much faster than the wall clock profiles run: telemetry is stamped on the
   *     wall clock, the plots are drawn in profile time.
   */
  public ReportPlots(JdbcClient jdbc, PlanService plans, TimeScale timeScale) {
    this.jdbc = jdbc;
    this.plans = plans;
    this.timeScale = timeScale;
  }

  /**
   * Profile hours from a wall-clock duration: a demo at 3600× runs an hour of profile a second.
   *
   * @param wall time on the wall clock.
   * @param scale the time scale the profile ran at.
   * @return hours of profile time.
   */
  static double profileHours(Duration wall, TimeScale scale) {
    return wall.toMillis() / 3_600_000.0 * scale.factor();
  }

  /** One lane's reading at a read point (or the baseline). */
  record Reading(
      String serial,
      int lane,
      boolean baseline,
      double x,
      Double biasMa,
      Double txMw,
      Double rxMw) {}

  /** One telemetry reading, profile hours since the leg started. */
  record Telemetry(double hours, double setpoint, double air, Double load, Double humidity) {}

  /** A failed module: the time credited to it and its analysis outcome (null while open). */
  record FailureTime(String serial, double credited, String outcome) {}

  /**
   * The plots of a campaign, none when it has no stored plan.
   *
   * @param campaignId the campaign.
   * @return the plots in report order.
   */
  public List<Plot> plots(String campaignId) {
    List<String> text =
        jdbc.sql("SELECT plan FROM campaign WHERE id = ?")
            .param(campaignId)
            .query(String.class)
            .list();
    if (text.isEmpty() || text.get(0) == null) {
      return List.of();
    }
    CampaignPlan plan = plans.read(text.get(0));
    List<Plot> plots = new ArrayList<>();
    for (Leg leg : plan.legs()) {
      if (leg.outsideChamber()) {
        continue;
      }
      StressCondition c = leg.profile() == null ? null : StressCondition.of(leg.profile());
      boolean cycles = LegStatistics.cycling(leg, c);
      plots.addAll(profile(campaignId, leg, c, cycles));
      Map<String, Set<Integer>> failed = new LinkedHashMap<>();
      List<FailureTime> failures = new ArrayList<>();
      jdbc.sql(
              "SELECT serial, lanes, credited_hours, credited_cycles, fa_outcome FROM"
                  + " module_failure WHERE campaign_id = ? AND leg_id = ? ORDER BY serial")
          .params(campaignId, leg.id())
          .query(
              rs -> {
                failed.put(rs.getString(1), lanes(rs.getString(2)));
                failures.add(
                    new FailureTime(
                        rs.getString(1),
                        cycles ? rs.getLong(4) : rs.getDouble(3),
                        rs.getString(5)));
              });
      List<Reading> readings =
          jdbc.sql(
                  "SELECT s.serial, r.lane, s.kind, s.stress_hours, s.cycles, r.bias_ma, r.tx_mw,"
                      + " r.rx_mw FROM module_sample s JOIN lane_reading r ON r.sample_id = s.id"
                      + " WHERE s.campaign_id = ? AND s.leg_id = ? AND s.control = FALSE AND"
                      + " s.kind IN ('BASELINE', 'READ_POINT') ORDER BY s.serial, r.lane, s.id")
              .params(campaignId, leg.id())
              .query(
                  (rs, i) ->
                      new Reading(
                          rs.getString(1),
                          rs.getInt(2),
                          "BASELINE".equals(rs.getString(3)),
                          cycles ? rs.getLong(5) : rs.getDouble(4),
                          (Double) rs.getObject(6, Double.class),
                          (Double) rs.getObject(7, Double.class),
                          (Double) rs.getObject(8, Double.class)))
              .list();
      plots.addAll(drift(leg.id(), cycles, readings, failed, leg.failureCriteria()));
      if (!failures.isEmpty()) {
        plots.add(failures(leg.id(), cycles, failures));
      }
    }
    return plots;
  }

  /** Lane numbers from a failure's lanes, e.g. {@code [1, 3]}. */
  static Set<Integer> lanes(String text) {
    Set<Integer> lanes = new TreeSet<>();
    if (text != null) {
      Matcher m = DIGITS.matcher(text);
      while (m.find()) {
        lanes.add(Integer.parseInt(m.group()));
      }
    }
    return lanes;
  }

  private List<Plot> profile(String campaignId, Leg leg, StressCondition c, boolean cycles) {
    record Run(String chamber, OffsetDateTime from, OffsetDateTime to) {}
    List<Run> runs =
        jdbc.sql(
                "SELECT chamber, started_at, ended_at FROM campaign_leg WHERE campaign_id = ? AND"
                    + " leg_id = ?")
            .params(campaignId, leg.id())
            .query(
                (rs, i) ->
                    new Run(
                        rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(3, OffsetDateTime.class)))
            .list();
    if (runs.isEmpty() || runs.get(0).chamber() == null || runs.get(0).from() == null) {
      return List.of();
    }
    String chamber = runs.get(0).chamber();
    OffsetDateTime from = runs.get(0).from();
    // a leg that has not ended (an aborted campaign's): everything since it started
    OffsetDateTime to = runs.get(0).to() == null ? from.plusYears(100) : runs.get(0).to();
    OffsetDateTime last =
        jdbc.sql("SELECT MAX(at) FROM (" + TelemetryRepository.SERIES + ") t")
            .params(chamber, from, to, chamber, from, to)
            .query((rs, i) -> rs.getObject(1, OffsetDateTime.class))
            .single();
    if (last == null) {
      return List.of();
    }
    double span = Math.max(profileHours(Duration.between(from, last), timeScale), 1e-6);
    Decimator d = new Decimator(span, BUCKETS);
    jdbc.sql(
            // raw readings, and minute means where retention has folded them
            "SELECT at, air_setpoint, air_temperature, load_temperature, humidity FROM ("
                + TelemetryRepository.SERIES
                + ") t ORDER BY at")
        .params(chamber, from, to, chamber, from, to)
        .query(
            rs -> {
              double h =
                  profileHours(
                      Duration.between(from, rs.getObject(1, OffsetDateTime.class)), timeScale);
              d.add(
                  new Telemetry(
                      h,
                      rs.getDouble(2),
                      rs.getDouble(3),
                      (Double) rs.getObject(4, Double.class),
                      (Double) rs.getObject(5, Double.class)));
            });
    return profile(leg.id(), chamber, d, c, cycles);
  }

  /**
   * The leg's achieved profile: temperatures against the setpoint with the soak bands, and the
   * humidity against the planned one when the chamber reports it.
   */
  static List<Plot> profile(
      String legId, String chamber, Decimator d, StressCondition c, boolean cycles) {
    List<Plot> plots = new ArrayList<>();
    List<Plot.Series> temps = new ArrayList<>();
    temps.add(
        new Plot.Series(
            "air setpoint (planned)",
            "setpoint",
            d.x(Signal.SETPOINT),
            d.y(Signal.SETPOINT),
            Plot.Colour.SETPOINT,
            1,
            true,
            false));
    temps.add(
        Plot.Series.line(
            "air temperature", "air", d.x(Signal.AIR), d.y(Signal.AIR), Plot.Colour.AIR));
    if (d.has(Signal.LOAD)) {
      temps.add(
          Plot.Series.line(
              "load temperature", "load", d.x(Signal.LOAD), d.y(Signal.LOAD), Plot.Colour.LOAD));
    }
    List<Plot.Limit> bands = new ArrayList<>();
    if (c != null) {
      List<Double> setpoints =
          cycles ? List.of(c.cycleMinC(), c.cycleMaxC()) : List.of(c.temperatureC());
      for (double sp : setpoints) {
        Segment.Band band = c.bands().get(sp);
        double below = band == null ? 2 : band.below();
        double above = band == null ? 2 : band.above();
        String label =
            "soak band %s °C −%s/+%s K"
                .formatted(
                    LegStatistics.num(sp), LegStatistics.num(below), LegStatistics.num(above));
        bands.add(new Plot.Limit(sp - below, label));
        bands.add(new Plot.Limit(sp + above, label));
      }
    }
    plots.add(
        new Plot(
            "Leg %s: chamber %s, temperature achieved against the setpoint"
                .formatted(legId, chamber),
            "profile time since the leg started (h)",
            "temperature (°C)",
            temps,
            bands));
    if (c != null && c.humidityPercent() != null && d.has(Signal.HUMIDITY)) {
      plots.add(
          new Plot(
              "Leg %s: chamber %s, humidity achieved".formatted(legId, chamber),
              "profile time since the leg started (h)",
              "relative humidity (%RH)",
              List.of(
                  Plot.Series.line(
                      "humidity",
                      "humidity",
                      d.x(Signal.HUMIDITY),
                      d.y(Signal.HUMIDITY),
                      Plot.Colour.HUMIDITY)),
              List.of(
                  new Plot.Limit(
                      c.humidityPercent(),
                      "planned %s %%RH".formatted(LegStatistics.num(c.humidityPercent()))))));
    }
    return plots;
  }

  /** A quantity drawn per lane. */
  private record Quantity(String what, String unit, Function<Reading, Double> value, boolean log) {}

  /**
   * Each lane's change from its baseline over the read points, for Tx power, Rx power and Tx bias,
   * with the leg's limits; the lanes of a failed module that failed in red (all its lanes when the
   * failure names none).
   *
   * @param legId the leg.
   * @param cycles x in cycles (a cycling leg) rather than hours at condition.
   * @param readings by serial, lane and time.
   * @param failed the failed modules' failed lanes.
   * @param criteria the leg's criteria, or null.
   * @return a plot per quantity with readings after the baseline.
   */
  static List<Plot> drift(
      String legId,
      boolean cycles,
      List<Reading> readings,
      Map<String, Set<Integer>> failed,
      Leg.FailureCriteria criteria) {
    List<Plot> plots = new ArrayList<>();
    Quantity tx = new Quantity("Tx power", "dB", Reading::txMw, true);
    Quantity rx = new Quantity("Rx power", "dB", Reading::rxMw, true);
    Quantity bias = new Quantity("Tx bias", "%", Reading::biasMa, false);
    for (Quantity q : List.of(tx, rx, bias)) {
      List<Plot.Limit> limits = new ArrayList<>();
      if (criteria != null) {
        if (q == tx && criteria.txPowerDropDb() != null) {
          double v = criteria.txPowerDropDb();
          limits.add(new Plot.Limit(-v, "Tx drop limit −%s dB".formatted(LegStatistics.num(v))));
        }
        if (q == tx && criteria.txPowerDriftDb() != null) {
          double v = criteria.txPowerDriftDb();
          String label = "Tx drift limit ±%s dB".formatted(LegStatistics.num(v));
          limits.add(new Plot.Limit(v, label));
          limits.add(new Plot.Limit(-v, label));
        }
        if (q == rx && criteria.rxPowerDropDb() != null) {
          double v = criteria.rxPowerDropDb();
          limits.add(new Plot.Limit(-v, "Rx drop limit −%s dB".formatted(LegStatistics.num(v))));
        }
        if (q == bias && criteria.biasRisePercent() != null) {
          double v = criteria.biasRisePercent();
          limits.add(new Plot.Limit(v, "bias rise limit +%s %%".formatted(LegStatistics.num(v))));
        }
      }
      List<Plot.Series> passed = new ArrayList<>();
      List<Plot.Series> highlighted = new ArrayList<>();
      boolean after = false;
      Map<String, List<Reading>> lanes = new LinkedHashMap<>();
      for (Reading r : readings) {
        lanes.computeIfAbsent(r.serial() + "\u0000" + r.lane(), k -> new ArrayList<>()).add(r);
      }
      for (List<Reading> lane : lanes.values()) {
        Reading base = lane.stream().filter(Reading::baseline).findFirst().orElse(lane.get(0));
        Double b = q.value().apply(base);
        if (b == null || !(b > 0)) {
          continue;
        }
        double[] x = new double[lane.size()];
        double[] y = new double[lane.size()];
        for (int i = 0; i < lane.size(); i++) {
          Reading r = lane.get(i);
          Double v = q.value().apply(r);
          x[i] = r.x();
          y[i] =
              v == null || !(v > 0)
                  ? Double.NaN
                  : q.log() ? 10 * Math.log10(v / b) : 100 * (v / b - 1);
          after |= r != base && Double.isFinite(y[i]);
        }
        String serial = base.serial();
        String name = "%s lane %d".formatted(serial, base.lane());
        Set<Integer> failedLanes = failed.get(serial);
        if (failedLanes != null && (failedLanes.isEmpty() || failedLanes.contains(base.lane()))) {
          highlighted.add(
              Plot.Series.line(
                  "failed: " + name + (failedLanes.isEmpty() ? " (module)" : ""),
                  name,
                  x,
                  y,
                  Plot.Colour.FAILED));
        } else {
          passed.add(Plot.Series.line("lanes not failed", name, x, y, Plot.Colour.TRACE));
        }
      }
      if (!after) {
        continue;
      }
      List<Plot.Series> series = new ArrayList<>(passed);
      series.addAll(highlighted);
      plots.add(
          new Plot(
              "Leg %s: %s change from baseline per lane".formatted(legId, q.what()),
              cycles ? "cycles" : "hours at condition (h)",
              "%s change (%s)".formatted(q.what(), q.unit()),
              series,
              limits));
    }
    return plots;
  }

  /**
   * The failures against the time credited to each (its last good read point), counted in order;
   * those confirmed by analysis apart from those not (yet) counted.
   */
  static Plot failures(String legId, boolean cycles, List<FailureTime> failures) {
    List<FailureTime> sorted = new ArrayList<>(failures);
    sorted.sort(
        java.util.Comparator.comparingDouble(FailureTime::credited)
            .thenComparing(FailureTime::serial));
    List<double[]> confirmed = new ArrayList<>();
    List<double[]> other = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      FailureTime f = sorted.get(i);
      ("CONFIRMED".equals(f.outcome()) ? confirmed : other).add(new double[] {f.credited(), i + 1});
    }
    List<Plot.Series> series = new ArrayList<>();
    if (!confirmed.isEmpty()) {
      series.add(
          new Plot.Series(
              "confirmed by analysis",
              "confirmed",
              confirmed.stream().mapToDouble(p -> p[0]).toArray(),
              confirmed.stream().mapToDouble(p -> p[1]).toArray(),
              Plot.Colour.FAILED,
              1,
              false,
              true));
    }
    if (!other.isEmpty()) {
      series.add(
          new Plot.Series(
              "not counted (analysis open or not confirmed)",
              "other",
              other.stream().mapToDouble(p -> p[0]).toArray(),
              other.stream().mapToDouble(p -> p[1]).toArray(),
              Plot.Colour.TRACE,
              1,
              false,
              true));
    }
    return new Plot(
        "Leg %s: failures against the time credited to them".formatted(legId),
        cycles ? "credited cycles" : "credited hours at condition (h)",
        "failures (cumulative count)",
        series,
        List.of());
  }

  /** What telemetry gives. */
  enum Signal {
    SETPOINT(t -> t.setpoint()),
    AIR(t -> t.air()),
    LOAD(Telemetry::load),
    HUMIDITY(Telemetry::humidity);

    final Function<Telemetry, Double> value;

    Signal(Function<Telemetry, Double> value) {
      this.value = value;
    }
  }

  /**
   * Telemetry reduced to a few hundred intervals of the leg: each keeps, per signal, its lowest and
   * its highest reading in time order, so a short excursion still shows.
   */
  static final class Decimator {
    private final double bucketHours;
    private final int buckets;
    private final Map<Signal, java.util.TreeMap<Integer, double[]>> kept =
        new java.util.EnumMap<>(Signal.class);

    Decimator(double spanHours, int buckets) {
      this.bucketHours = spanHours / buckets;
      this.buckets = buckets;
    }

    void add(Telemetry t) {
      int b = (int) Math.min(buckets - 1, Math.max(0, Math.floor(t.hours() / bucketHours)));
      for (Signal s : Signal.values()) {
        Double v = s.value.apply(t);
        if (v == null || !Double.isFinite(v)) {
          continue;
        }
        // {x of min, min, x of max, max}
        double[] m =
            kept.computeIfAbsent(s, k -> new java.util.TreeMap<>())
                .computeIfAbsent(
                    b,
                    k ->
                        new double[] {
                          t.hours(), Double.POSITIVE_INFINITY, t.hours(), Double.NEGATIVE_INFINITY
                        });
        if (v < m[1]) {
          m[0] = t.hours();
          m[1] = v;
        }
        if (v > m[3]) {
          m[2] = t.hours();
          m[3] = v;
        }
      }
    }

    boolean has(Signal s) {
      return kept.containsKey(s);
    }

    double[] x(Signal s) {
      return points(s, 0);
    }

    double[] y(Signal s) {
      return points(s, 1);
    }

    private double[] points(Signal s, int which) {
      List<Double> out = new ArrayList<>();
      for (double[] v : kept.getOrDefault(s, new java.util.TreeMap<>()).values()) {
        boolean minFirst = v[0] <= v[2];
        double[] first = minFirst ? new double[] {v[0], v[1]} : new double[] {v[2], v[3]};
        double[] second = minFirst ? new double[] {v[2], v[3]} : new double[] {v[0], v[1]};
        out.add(first[which]);
        if (v[0] != v[2] || v[1] != v[3]) {
          out.add(second[which]);
        }
      }
      return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }
}

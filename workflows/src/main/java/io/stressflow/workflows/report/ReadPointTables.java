package io.stressflow.workflows.report;

import io.stressflow.workflows.plan.CampaignPlan;
import io.stressflow.workflows.plan.Leg;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The report's read-point tables: per chamber leg, one row per module and lane with its baseline
 * and, at each read point, its drift from that baseline (Tx and Rx power in dB, Tx bias in %). A
 * leg of at most {@link #ALL_UP_TO} modules shows them all; a larger one shows its failed modules
 * and the {@link #TOP} others with the largest power drift, and says so (the export has every
 * reading).
 */
public final class ReadPointTables {

  /** A leg with at most this many modules has every module in its table. */
  static final int ALL_UP_TO = 12;

  /** A larger leg shows its failed modules and this many others, those with the largest drift. */
  static final int TOP = 5;

  private final JdbcClient jdbc;

  /**
   * Reads the campaign's samples.
   *
   * @param jdbc the database.
   */
  public ReadPointTables(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One lane's reading at its baseline or at a read point.
   *
   * @param serial the module.
   * @param lane the lane, from 1.
   * @param baseline whether it is the module's baseline.
   * @param label the read point's label (e.g. {@code 10 h}); null for the baseline.
   * @param x where the read point is: hours at condition, or cycles on a cycling leg.
   * @param biasMa Tx bias in mA, or null when not read.
   * @param txMw Tx power in mW, or null when not read.
   * @param rxMw Rx power in mW, or null when not read.
   */
  record Reading(
      String serial,
      int lane,
      boolean baseline,
      String label,
      double x,
      Double biasMa,
      Double txMw,
      Double rxMw) {

    Reading {
      Objects.requireNonNull(serial, "serial");
    }
  }

  /**
   * The section for a campaign: a table per chamber leg with readings.
   *
   * @param campaignId the campaign.
   * @param plan its plan (presets applied).
   * @return Markdown starting with a blank line, or empty when no leg has readings.
   */
  public String section(String campaignId, CampaignPlan plan) {
    StringBuilder r = new StringBuilder();
    for (Leg leg : plan.legs()) {
      if (leg.outsideChamber()) {
        continue;
      }
      StressCondition c = leg.profile() == null ? null : StressCondition.of(leg.profile());
      boolean cycles = LegStatistics.cycling(leg, c);
      Map<String, Set<Integer>> failed = new LinkedHashMap<>();
      jdbc.sql("SELECT serial, lanes FROM module_failure WHERE campaign_id = ? AND leg_id = ?")
          .params(campaignId, leg.id())
          .query(
              rs -> {
                failed.put(rs.getString(1), ReportPlots.lanes(rs.getString(2)));
              });
      List<Reading> readings =
          jdbc.sql(
                  "SELECT s.serial, r.lane, s.kind, s.label, s.stress_hours, s.cycles, r.bias_ma,"
                      + " r.tx_mw, r.rx_mw FROM module_sample s JOIN lane_reading r ON"
                      + " r.sample_id = s.id WHERE s.campaign_id = ? AND s.leg_id = ? AND"
                      + " s.control = FALSE AND s.kind IN ('BASELINE', 'READ_POINT') ORDER BY"
                      + " s.serial, r.lane, s.id")
              .params(campaignId, leg.id())
              .query(
                  (rs, i) ->
                      new Reading(
                          rs.getString(1),
                          rs.getInt(2),
                          "BASELINE".equals(rs.getString(3)),
                          rs.getString(4),
                          cycles ? rs.getLong(6) : rs.getDouble(5),
                          (Double) rs.getObject(7, Double.class),
                          (Double) rs.getObject(8, Double.class),
                          (Double) rs.getObject(9, Double.class)))
              .list();
      r.append(leg(leg.id(), cycles, readings, failed));
    }
    if (r.length() == 0) {
      return "";
    }
    return "\n## Drift from baseline per module and lane\n\n"
        + "Each read point's cell is the lane's change from its baseline as Tx power (dB) / Rx"
        + " power (dB) / Tx bias (%). A failed lane is marked; a module that failed has no"
        + " readings after its failure.\n"
        + r;
  }

  /**
   * One leg's table.
   *
   * @param legId the leg.
   * @param cycles whether read points are in cycles (a cycling leg) rather than hours at condition.
   * @param readings the leg's readings, any order.
   * @param failed the failed modules' failed lanes (empty: the whole module failed).
   * @return Markdown starting with a blank line, or empty when the leg has no readings.
   */
  static String leg(
      String legId, boolean cycles, List<Reading> readings, Map<String, Set<Integer>> failed) {
    Objects.requireNonNull(legId, "legId");
    // serial -> lane -> readings
    Map<String, Map<Integer, List<Reading>>> modules = new TreeMap<>();
    Map<String, Double> points = new LinkedHashMap<>();
    List<Reading> sorted = new ArrayList<>(readings);
    sorted.sort(Comparator.comparingDouble(Reading::x));
    for (Reading r : sorted) {
      modules
          .computeIfAbsent(r.serial(), k -> new TreeMap<>())
          .computeIfAbsent(r.lane(), k -> new ArrayList<>())
          .add(r);
      if (!r.baseline()) {
        points.putIfAbsent(label(r, cycles), r.x());
      }
    }
    if (modules.isEmpty()) {
      return "";
    }
    Map<String, Double> drift = new LinkedHashMap<>();
    for (var m : modules.entrySet()) {
      drift.put(m.getKey(), largestPowerDrift(m.getValue().values()));
    }
    Set<String> shown = new LinkedHashSet<>(modules.keySet());
    String note = "";
    if (modules.size() > ALL_UP_TO) {
      List<String> others =
          modules.keySet().stream()
              .filter(s -> !failed.containsKey(s))
              .sorted(
                  Comparator.comparingDouble((String s) -> drift.get(s))
                      .reversed()
                      .thenComparing(Comparator.naturalOrder()))
              .limit(TOP)
              .toList();
      shown.clear();
      for (String s : modules.keySet()) {
        if (failed.containsKey(s) || others.contains(s)) {
          shown.add(s);
        }
      }
      note =
          ("%d of the leg's %d modules: the %d that failed and the %d others with the largest Tx or"
                  + " Rx power drift (GET /api/campaigns/{id}/export has every reading).\n\n")
              .formatted(shown.size(), modules.size(), shown.size() - others.size(), others.size());
    }
    StringBuilder t = new StringBuilder("\n### Drift in leg " + legId + "\n\n").append(note);
    t.append("| module | lane | baseline: Tx dBm / Rx dBm / bias mA |");
    for (String p : points.keySet()) {
      t.append(' ').append(p).append(" |");
    }
    t.append("\n|---|---|---|").append("---|".repeat(points.size())).append('\n');
    for (String serial : shown) {
      Set<Integer> failedLanes = failed.get(serial);
      for (var lane : modules.get(serial).entrySet()) {
        List<Reading> rs = lane.getValue();
        Reading base = rs.stream().filter(Reading::baseline).findFirst().orElse(null);
        boolean laneFailed =
            failedLanes != null && (failedLanes.isEmpty() || failedLanes.contains(lane.getKey()));
        t.append("| ")
            .append(failedLanes == null ? serial : serial + " (failed)")
            .append(" | ")
            .append(lane.getKey())
            .append(laneFailed ? " (failed)" : "")
            .append(" | ")
            .append(
                base == null
                    ? "no baseline"
                    : "%s / %s / %s"
                        .formatted(dbm(base.txMw()), dbm(base.rxMw()), ma(base.biasMa())))
            .append(" |");
        for (String p : points.keySet()) {
          Reading at =
              rs.stream()
                  .filter(r -> !r.baseline() && label(r, cycles).equals(p))
                  .reduce((a, b) -> b)
                  .orElse(null);
          t.append(' ').append(at == null || base == null ? "-" : change(base, at)).append(" |");
        }
        t.append('\n');
      }
    }
    return t.toString();
  }

  /** A read point's column: its label, or where it is when it has none. */
  private static String label(Reading r, boolean cycles) {
    if (r.label() != null && !r.label().isBlank()) {
      return r.label().replace("|", "\\|");
    }
    return LegStatistics.num(r.x()) + (cycles ? " cycles" : " h");
  }

  /** The largest Tx or Rx power change (absolute, dB) over the lanes' read points; 0 if none. */
  static double largestPowerDrift(Iterable<List<Reading>> lanes) {
    double worst = 0;
    for (List<Reading> lane : lanes) {
      Reading base = lane.stream().filter(Reading::baseline).findFirst().orElse(null);
      if (base == null) {
        continue;
      }
      for (Reading r : lane) {
        if (r.baseline()) {
          continue;
        }
        Double tx = db(base.txMw(), r.txMw());
        Double rx = db(base.rxMw(), r.rxMw());
        worst = Math.max(worst, tx == null ? 0 : Math.abs(tx));
        worst = Math.max(worst, rx == null ? 0 : Math.abs(rx));
      }
    }
    return worst;
  }

  /** {@code −0.12 / +0.03 / +1.2}: Tx dB / Rx dB / bias %. */
  private static String change(Reading base, Reading at) {
    Double tx = db(base.txMw(), at.txMw());
    Double rx = db(base.rxMw(), at.rxMw());
    Double bias =
        base.biasMa() == null || at.biasMa() == null || !(base.biasMa() > 0)
            ? null
            : 100 * (at.biasMa() / base.biasMa() - 1);
    return "%s / %s / %s".formatted(signed(tx, 2), signed(rx, 2), signed(bias, 1));
  }

  /** The change from {@code base} to {@code v} in dB, or null when either is missing or not > 0. */
  private static Double db(Double base, Double v) {
    if (base == null || v == null || !(base > 0) || !(v > 0)) {
      return null;
    }
    return 10 * Math.log10(v / base);
  }

  private static String signed(Double v, int decimals) {
    if (v == null) {
      return "n/a";
    }
    String s = String.format(Locale.ROOT, "%+." + decimals + "f", v);
    // a change that rounds to zero is no change, whatever its sign
    return s.matches("[+-]0\\.0+") ? s.substring(1) : s.replace('-', '−');
  }

  private static String dbm(Double mw) {
    return mw == null || !(mw > 0)
        ? "n/a"
        : String.format(Locale.ROOT, "%.2f", 10 * Math.log10(mw)).replace('-', '−');
  }

  private static String ma(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
  }
}

package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the CLI writes numbers, times and the progress line. Pure functions, unit tested. */
final class Formats {

  static final int BAR_WIDTH = 20;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private Formats() {}

  /**
   * One line that says where a campaign stands, e.g. {@code [####----------------] 21.3% ETA 14:05
   * (in 3h 10m) | leg tc 120/500 cycles 40.5/250 h | failures 0 | waiting: Load modules into
   * chamber}.
   *
   * @param view a {@code CampaignView} as the API answers it.
   * @param now the current time, for the time left.
   * @param zone the time zone to show the ETA in.
   * @return the line, without a line break.
   */
  static String progressLine(JsonNode view, Instant now, ZoneId zone) {
    double percent = view.path("progressPercent").asDouble(0);
    List<String> parts = new ArrayList<>();
    parts.add(bar(percent, BAR_WIDTH) + " " + String.format(Locale.ROOT, "%5.1f%%", percent));
    JsonNode campaign = view.path("campaign");
    String state = campaign.path("state").asText("");
    if (!state.isEmpty() && !"ACTIVE".equals(state)) {
      parts.set(0, parts.get(0) + " " + state);
    } else {
      Instant eta = instant(view.path("eta"));
      parts.set(0, parts.get(0) + " ETA " + (eta == null ? "-" : eta(eta, now, zone)));
    }
    String legs = text(view.path("currentLeg"));
    if (legs != null) {
      // the legs of a wave run at once: one part each
      for (String leg : legs.split(",\\s*")) {
        parts.add(legProgress(leg, findLeg(view, leg)));
      }
    }
    parts.add("failures " + view.path("failures").size());
    view.path("warnings").forEach(w -> parts.add("warning: " + w.asText()));
    List<String> waiting = new ArrayList<>();
    view.path("openTasks").forEach(t -> waiting.add(t.asText()));
    if (!waiting.isEmpty()) {
      parts.add("waiting: " + String.join(", ", waiting));
    }
    return String.join(" | ", parts);
  }

  /** {@code [#####---------------]} for 25 % at width 20; clamped to 0..100 %. */
  static String bar(double percent, int width) {
    double p = Math.max(0, Math.min(100, Double.isNaN(percent) ? 0 : percent));
    int filled = (int) Math.floor(p / 100 * width);
    return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
  }

  /** {@code 14:05 (in 3h 10m)} today, {@code 2026-11-27 14:05 (in 2d 3h)} on another day. */
  static String eta(Instant eta, Instant now, ZoneId zone) {
    ZonedDateTime at = eta.atZone(zone);
    String when =
        at.toLocalDate().equals(LocalDate.ofInstant(now, zone))
            ? TIME.format(at)
            : DATE_TIME.format(at);
    Duration left = Duration.between(now, eta);
    return when + (left.isNegative() ? " (overdue)" : " (in " + duration(left) + ")");
  }

  /**
   * A duration for people, two units at most: {@code 45s}, {@code 12m}, {@code 3h 10m}, {@code 2d
   * 4h}.
   */
  static String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 24) {
      return h + "h" + (m % 60 == 0 ? "" : " " + m % 60 + "m");
    }
    return h / 24 + "d" + (h % 24 == 0 ? "" : " " + h % 24 + "h");
  }

  /** A number with at most one decimal and no trailing {@code .0}: {@code 4}, {@code 40.5}. */
  static String number(double x) {
    String s = String.format(Locale.ROOT, "%.1f", x);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /** A time stamp in the given zone, {@code yyyy-MM-dd HH:mm}; {@code -} when absent. */
  static String dateTime(JsonNode node, ZoneId zone) {
    Instant at = instant(node);
    return at == null ? "-" : DATE_TIME.format(at.atZone(zone));
  }

  /** An ISO-8601 instant or offset date-time, or null when absent or unreadable. */
  static Instant instant(JsonNode node) {
    String s = text(node);
    if (s == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(s).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      try {
        return Instant.parse(s);
      } catch (java.time.format.DateTimeParseException again) {
        return null;
      }
    }
  }

  /** A node's text, or null when it is missing or JSON null. */
  static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  /** A node's text, or {@code -}. */
  static String orDash(JsonNode node) {
    String s = text(node);
    return s == null || s.isEmpty() ? "-" : s;
  }

  private static String legProgress(String id, JsonNode leg) {
    StringBuilder s = new StringBuilder("leg ").append(id);
    if (leg == null) {
      return s.toString();
    }
    if ("PAUSED".equals(leg.path("state").asText())) {
      s.append(" PAUSED");
    }
    long cycles = leg.path("cycles").asLong(0);
    if (cycles > 0) {
      s.append(' ')
          .append(leg.path("cyclesDone").asLong(0))
          .append('/')
          .append(cycles)
          .append(" cycles");
    }
    // hours at condition credited over those the leg's plan calls for (its soaks), so both count
    // the same thing and meet at the end (the nominal time also counts the ramps)
    JsonNode planned = leg.has("conditionHours") ? leg.path("conditionHours") : leg.path("hours");
    s.append(' ')
        .append(number(leg.path("hoursDone").asDouble(0)))
        .append('/')
        .append(number(planned.asDouble(0)))
        .append(" h");
    return s.toString();
  }

  private static JsonNode findLeg(JsonNode view, String id) {
    for (JsonNode leg : view.path("legs")) {
      if (id.equals(leg.path("id").asText())) {
        return leg;
      }
    }
    return null;
  }
}

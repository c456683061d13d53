package io.stressflow.workflows.plan;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plan durations: ISO-8601 ({@code PT30M}, {@code P41DT16H}) or short forms ({@code 30m}, {@code
 * 1000h}).
 */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|m|min|h|d)");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @param text the text.
   * @return the duration.
   * @throws IllegalArgumentException with a message that shows the accepted forms.
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a duration is required, e.g. PT30M or 30m");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      double seconds =
          switch (m.group(2)) {
            case "s" -> n;
            case "m", "min" -> n * 60;
            case "h" -> n * 3600;
            default -> n * 86400;
          };
      return Duration.ofMillis(Math.round(seconds * 1000));
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write e.g. PT30M, 30m, 1000h or 2d");
    }
  }

  static double hours(Duration d) {
    return d.toMillis() / 3_600_000.0;
  }
}

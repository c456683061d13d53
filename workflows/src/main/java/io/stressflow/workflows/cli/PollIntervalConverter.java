package io.stressflow.workflows.cli;

import java.time.Duration;
import picocli.CommandLine;

/**
 * A watch's time between polls: a duration as {@link DurationConverter} reads it, at least one
 * second (a zero interval polled the API non-stop).
 */
final class PollIntervalConverter implements CommandLine.ITypeConverter<Duration> {

  static final Duration MIN = Duration.ofSeconds(1);

  @Override
  public Duration convert(String value) {
    Duration d = new DurationConverter().convert(value);
    if (d.compareTo(MIN) < 0) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is too short; poll at most once a second (e.g. 1s, 10s, 1m)");
    }
    return d;
  }
}

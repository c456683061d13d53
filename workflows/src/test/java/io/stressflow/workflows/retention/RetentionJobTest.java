package io.stressflow.workflows.retention;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retention settings are checked at start, and a bad one is named. */
class RetentionJobTest {

  @Test
  void shouldNameTheBadSetting() {
    Duration day = Duration.ofDays(1);
    assertThatThrownBy(
            () ->
                new RetentionJob(
                    null, null, Clock.systemUTC(), Duration.ofMinutes(5), day, Duration.ofHours(1)))
        .hasMessage(
            "stressflow.telemetry.retention: expected a window of at least PT1H, but was PT5M");
    assertThatThrownBy(
            () ->
                new RetentionJob(
                    null, null, Clock.systemUTC(), day, Duration.ZERO, Duration.ofHours(1)))
        .hasMessageContaining("stressflow.sampling.in-situ-retention");
    assertThatThrownBy(
            () -> new RetentionJob(null, null, Clock.systemUTC(), day, day, Duration.ofHours(-1)))
        .hasMessageContaining("stressflow.retention.interval");
  }
}

package io.stressflow.workflows.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeScaleTest {

  @Test
  void shouldCompressProfileTimeIntoWallTime() {
    TimeScale scale = new TimeScale(60);

    assertThat(scale.toWall(Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(10));
    assertThat(scale.toSimulated(Duration.ofSeconds(10))).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void shouldNeverScheduleLessThanOneMillisecond() {
    assertThat(new TimeScale(1e6).toWall(Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void shouldRejectScalesOutsideTheRangeWithThePropertyName() {
    assertThatThrownBy(() -> new TimeScale(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stressflow.time-scale");
    assertThatThrownBy(() -> new TimeScale(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.stressflow.chamber;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChamberLimitsTest {

  private final ChamberLimits limits = new ChamberLimits(-40, 150, 5, 10, 95, 10, 90, 23);

  @Test
  void shouldAcceptASetpointInsideEveryLimit() {
    assertThatCode(() -> limits.check("c1", new Setpoint(85, 3.0, 85.0)))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseATemperatureOutsideTheRatedRange() {
    assertThatThrownBy(() -> limits.check("c1", Setpoint.temperature(-55)))
        .isInstanceOf(SafetyLimitException.class)
        .hasMessage(
            "Expected a temperature setpoint within the rated range [-40.0, 150.0] degC, but was"
                + " -55.0 degC (chamber 'c1'); nothing was written");
  }

  @Test
  void shouldRefuseARampFasterThanTheMaximum() {
    assertThatThrownBy(() -> limits.check("c1", Setpoint.temperature(85).withRampRate(10)))
        .isInstanceOf(SafetyLimitException.class)
        .hasMessageContaining("a ramp rate of at most 5.0 K/min, but was 10.0 K/min");
  }

  @Test
  void shouldRefuseHumidityOutsideItsRange() {
    assertThatThrownBy(() -> limits.check("c1", Setpoint.temperature(85).withHumidity(98)))
        .isInstanceOf(SafetyLimitException.class)
        .hasMessageContaining(
            "humidity setpoint within the rated range [10.0, 95.0] %RH, but was 98.0");
  }

  @Test
  void shouldRefuseHumidityOutsideItsTemperatureWindow() {
    assertThatThrownBy(() -> limits.check("c1", Setpoint.temperature(-20).withHumidity(50)))
        .isInstanceOf(SafetyLimitException.class)
        .hasMessageContaining("humidity only with a temperature setpoint within [10.0, 90.0] degC")
        .hasMessageContaining("-20.0 degC");
  }

  @Test
  void shouldAllowAnyTemperatureWhenHumidityIsOff() {
    assertThatCode(() -> limits.check("c1", Setpoint.temperature(-40))).doesNotThrowAnyException();
  }

  @Test
  void shouldRejectInconsistentLimits() {
    assertThatThrownBy(() -> new ChamberLimits(100, 50, 5, 10, 95, 10, 90, 23))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minTemperature < maxTemperature");
    assertThatThrownBy(() -> new ChamberLimits(-40, 150, 5, 10, 95, 10, 90, 200))
        .hasMessageContaining("safeTemperature within [-40.0, 150.0]");
  }

  @Test
  void setpointRejectsNonsenseBeforeLimitsAreConsulted() {
    assertThatThrownBy(() -> Setpoint.temperature(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Setpoint(20, -1.0, null)).hasMessageContaining("ramp rate > 0");
    assertThatThrownBy(() -> new Setpoint(20, null, 101.0)).hasMessageContaining("[0, 100] %RH");
  }

  @Test
  void rejectedExceptionRendersTheCodeName() {
    assertThatThrownBy(
            () -> {
              throw new ChamberRejectedException("read x", 0x03, 0x02);
            })
        .hasMessage(
            "Expected to read x, but the controller answered function 0x03 with exception 0x02"
                + " [ILLEGAL_DATA_ADDRESS]");
    assertThatThrownBy(
            () -> {
              throw new ChamberRejectedException("read x", 0x03, 0x20);
            })
        .hasMessageEndingWith("exception 0x20 [UNKNOWN]");
  }
}

package io.stressflow.chamber.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.chamber.ChamberAlarm;
import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.chamber.registermap.RegisterCodec;
import io.stressflow.chamber.registermap.RegisterDefinition;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.registermap.RegisterValues;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StateDecoderTest {

  private final RegisterMap map = RegisterMaps.load("generic");
  private final RegisterValues values = new RegisterValues();
  private final Instant now = Instant.parse("2026-11-25T12:00:00Z");

  private void put(String name, double value) {
    RegisterDefinition r = map.require(name);
    values.putWords(r.table(), r.address(), RegisterCodec.encode(r, value));
  }

  @Test
  void shouldDecodeEverySignal() {
    put("air.temperature", -39.8);
    put("air.setpoint", -40);
    put("load.temperature", -35.5);
    put("humidity", 12.3);
    put("humidity.setpoint", 50);
    put("humidity.enable", 1);
    put("mode", 2);
    put("alarms", 0b1000_0001);
    put("door", 1);

    ChamberState state = new StateDecoder(map).decode(values, now);

    assertThat(state.time()).isEqualTo(now);
    assertThat(state.airTemperature()).isCloseTo(-39.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(state.airSetpoint()).isEqualTo(-40.0);
    assertThat(state.loadTemperature()).isEqualTo(-35.5);
    assertThat(state.humidity()).isCloseTo(12.3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(state.humiditySetpoint()).isEqualTo(50.0);
    assertThat(state.mode()).isEqualTo(OperatingMode.RUNNING);
    assertThat(state.alarms())
        .containsExactlyInAnyOrder(ChamberAlarm.OVER_TEMPERATURE, ChamberAlarm.GENERAL);
    assertThat(state.doorOpen()).isTrue();
  }

  @Test
  void shouldReportHumidityOffAsNoSetpoint() {
    put("humidity.setpoint", 50);
    put("humidity.enable", 0);

    assertThat(new StateDecoder(map).decode(values, now).humiditySetpoint()).isNull();
  }

  @Test
  void shouldReportAnUnknownModeCodeAsUnknown() {
    put("mode", 7);

    assertThat(new StateDecoder(map).decode(values, now).mode()).isEqualTo(OperatingMode.UNKNOWN);
  }

  @Test
  void shouldLeaveAbsentSignalsNull() {
    RegisterMap eurotherm = RegisterMaps.load("eurotherm-3200");

    ChamberState state = new StateDecoder(eurotherm).decode(new RegisterValues(), now);

    assertThat(state.loadTemperature()).isNull();
    assertThat(state.humidity()).isNull();
    assertThat(state.humiditySetpoint()).isNull();
    assertThat(state.doorOpen()).isFalse();
    assertThat(state.mode()).isEqualTo(OperatingMode.OFF);
  }
}

package io.stressflow.chamber.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressflow.chamber.Setpoint;
import io.stressflow.chamber.registermap.RegisterCodec;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetpointWritesTest {

  private final RegisterMap generic = RegisterMaps.load("generic");

  private static List<String> names(List<SetpointWrites.Write> writes) {
    return writes.stream().map(w -> w.register().name()).toList();
  }

  @Test
  void shouldSwitchHumidityOffBeforeTouchingTheTemperature() {
    List<SetpointWrites.Write> writes = SetpointWrites.plan(generic, Setpoint.temperature(-40));

    assertThat(names(writes)).containsExactly("humidity.enable", "ramp.rate", "air.setpoint");
    assertThat(writes.get(0).bytes()).containsExactly(0, 0);
    assertThat(writes.get(1).bytes()).containsExactly(0, 0); // no ramp limit
  }

  @Test
  void shouldSwitchHumidityOnOnlyAfterTheTemperature() {
    List<SetpointWrites.Write> writes =
        SetpointWrites.plan(generic, Setpoint.temperature(85).withRampRate(2.5).withHumidity(85));

    assertThat(names(writes))
        .containsExactly("ramp.rate", "air.setpoint", "humidity.setpoint", "humidity.enable");
    assertThat(RegisterCodec.decode(writes.get(0).register(), writes.get(0).bytes(), 0))
        .isEqualTo(2.5);
    assertThat(writes.get(3).bytes()).containsExactly(0, 1);
  }

  @Test
  void shouldWriteTheSeparateWriteRegisterWhereTheMapHasOne() {
    RegisterMap binder = RegisterMaps.load("binder-mb2");

    assertThat(names(SetpointWrites.plan(binder, Setpoint.temperature(40).withHumidity(50))))
        .containsExactly("air.setpoint.write", "humidity.setpoint.write");
  }

  @Test
  void shouldUseTheMapsOnOffCodesForHumidity() {
    RegisterMap f4t = RegisterMaps.load("watlow-f4t");

    List<SetpointWrites.Write> off = SetpointWrites.plan(f4t, Setpoint.temperature(20));

    assertThat(names(off)).containsExactly("humidity.enable", "air.setpoint");
    assertThat(off.get(0).bytes()).containsExactly(0, 62);
  }

  @Test
  void shouldStepARampedSetpointOnAControllerWithoutARampRegister() {
    RegisterMap f4 = RegisterMaps.load("watlow-f4");

    List<SetpointWrites.Write> writes =
        SetpointWrites.plan(f4, Setpoint.temperature(40).withRampRate(1));

    // no throw, no rate register written: the setpoint steps (HostRampChamber ramps it instead)
    assertThat(names(writes)).containsExactly("air.setpoint");
  }

  @Test
  void shouldRefuseHumidityOnAChamberWithout() {
    RegisterMap eurotherm = RegisterMaps.load("eurotherm-3200");

    assertThatThrownBy(
            () -> SetpointWrites.plan(eurotherm, Setpoint.temperature(40).withHumidity(50)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("humidity setpoint");
  }

  @Test
  void shouldEncodeEverythingBeforeSendingAnything() {
    RegisterMap x100 =
        RegisterMaps.parse(
            """
            { "model": "x100", "sources": ["test"], "registers": [
              { "name": "air.temperature", "table": "INPUT_REGISTER", "address": 0, "type": "INT16", "scale": 0.01 },
              { "name": "humidity.enable", "table": "HOLDING_REGISTER", "address": 0, "type": "UINT16", "access": "READ_WRITE" },
              { "name": "air.setpoint", "table": "HOLDING_REGISTER", "address": 1, "type": "INT16", "scale": 0.01, "access": "READ_WRITE" },
              { "name": "mode", "table": "HOLDING_REGISTER", "address": 2, "type": "UINT16", "access": "READ_WRITE",
                "codes": { "OFF": 0, "RUNNING": 1 } } ] }""");

    // 500 degC does not fit int16 x100 (max 327.67): the plan fails, humidity.enable is not sent
    assertThatThrownBy(() -> SetpointWrites.plan(x100, Setpoint.temperature(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'air.setpoint'")
        .hasMessageContaining("327.67");
  }
}

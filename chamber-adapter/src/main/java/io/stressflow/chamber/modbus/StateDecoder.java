package io.stressflow.chamber.modbus;

import io.stressflow.chamber.ChamberAlarm;
import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.chamber.registermap.RegisterCodec;
import io.stressflow.chamber.registermap.RegisterDefinition;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterValues;
import io.stressflow.chamber.registermap.Signals;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the raw values of one poll into a {@link ChamberState}, as the map describes them. The
 * entries are looked up once, here, not on every poll.
 */
final class StateDecoder {

  private final RegisterDefinition air;
  private final RegisterDefinition airSetpoint;
  private final RegisterDefinition load;
  private final RegisterDefinition humidity;
  private final RegisterDefinition humiditySetpoint;
  private final RegisterDefinition humidityEnable;
  private final RegisterDefinition mode;
  private final RegisterDefinition door;
  private final List<RegisterDefinition> bitFields;

  StateDecoder(RegisterMap map) {
    this.air = map.require(Signals.AIR_TEMPERATURE);
    this.airSetpoint = map.require(Signals.AIR_SETPOINT);
    this.load = map.find(Signals.LOAD_TEMPERATURE).orElse(null);
    this.humidity = map.find(Signals.HUMIDITY).orElse(null);
    this.humiditySetpoint = map.find(Signals.HUMIDITY_SETPOINT).orElse(null);
    this.humidityEnable = map.find(Signals.HUMIDITY_ENABLE).orElse(null);
    this.mode = map.require(Signals.MODE);
    this.door = map.find(Signals.DOOR).orElse(null);
    this.bitFields = map.registers().stream().filter(r -> !r.bits().isEmpty()).toList();
  }

  ChamberState decode(RegisterValues v, Instant time) {
    Set<ChamberAlarm> alarms = EnumSet.noneOf(ChamberAlarm.class);
    boolean doorOpen = door != null && v.on(door);
    for (RegisterDefinition r : bitFields) {
      long raw = v.raw(r);
      for (Map.Entry<Integer, String> bit : r.bits().entrySet()) {
        if ((raw & (1L << bit.getKey())) != 0) {
          if (Signals.DOOR_BIT.equals(bit.getValue())) {
            doorOpen = true;
          } else {
            alarms.add(ChamberAlarm.valueOf(bit.getValue()));
          }
        }
      }
    }
    boolean humidityOn = humidityEnable == null || v.on(humidityEnable);
    return new ChamberState(
        time,
        v.value(air),
        v.value(airSetpoint),
        value(v, load),
        value(v, humidity),
        humidityOn ? value(v, humiditySetpoint) : null,
        RegisterCodec.decodeCode(mode, v.raw(mode))
            .map(OperatingMode::valueOf)
            .orElse(OperatingMode.UNKNOWN),
        alarms,
        doorOpen);
  }

  private static Double value(RegisterValues v, RegisterDefinition r) {
    return r == null ? null : v.value(r);
  }
}

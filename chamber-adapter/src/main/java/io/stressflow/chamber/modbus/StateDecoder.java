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
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the raw values of one poll into a {@link ChamberState}, as the map describes them. */
final class StateDecoder {

  private final RegisterMap map;

  StateDecoder(RegisterMap map) {
    this.map = map;
  }

  ChamberState decode(RegisterValues v, Instant time) {
    Set<ChamberAlarm> alarms = EnumSet.noneOf(ChamberAlarm.class);
    boolean door = map.find(Signals.DOOR).map(v::on).orElse(false);
    for (RegisterDefinition r : map.registers()) {
      if (r.bits().isEmpty()) {
        continue;
      }
      long raw = v.raw(r);
      for (Map.Entry<Integer, String> bit : r.bits().entrySet()) {
        if ((raw & (1L << bit.getKey())) != 0) {
          if (Signals.DOOR_BIT.equals(bit.getValue())) {
            door = true;
          } else {
            alarms.add(ChamberAlarm.valueOf(bit.getValue()));
          }
        }
      }
    }
    boolean humidityOn = map.find(Signals.HUMIDITY_ENABLE).map(v::on).orElse(true);
    return new ChamberState(
        time,
        v.value(map.require(Signals.AIR_TEMPERATURE)),
        v.value(map.require(Signals.AIR_SETPOINT)),
        optional(v, Signals.LOAD_TEMPERATURE),
        optional(v, Signals.HUMIDITY),
        humidityOn ? optional(v, Signals.HUMIDITY_SETPOINT) : null,
        mode(v),
        alarms,
        door);
  }

  private Double optional(RegisterValues v, String name) {
    Optional<RegisterDefinition> r = map.find(name);
    return r.map(v::value).orElse(null);
  }

  private OperatingMode mode(RegisterValues v) {
    RegisterDefinition mode = map.require(Signals.MODE);
    return RegisterCodec.decodeCode(mode, v.raw(mode))
        .map(OperatingMode::valueOf)
        .orElse(OperatingMode.UNKNOWN);
  }
}

package io.stressflow.chamber.modbus;

import io.stressflow.chamber.Setpoint;
import io.stressflow.chamber.registermap.DataType;
import io.stressflow.chamber.registermap.RegisterCodec;
import io.stressflow.chamber.registermap.RegisterDefinition;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ordered writes that apply a {@link Setpoint}, all encoded before anything is sent (so a value
 * that does not fit its register fails before any I/O). Order: humidity off (if asked), ramp rate,
 * temperature, then humidity setpoint and humidity on, so humidity is never switched on before the
 * temperature it is meant for. On a map without {@link Signals#RAMP_RATE} a setpoint's ramp rate is
 * not written anywhere: the setpoint steps ({@code HostRampChamber} ramps it on the host instead).
 */
final class SetpointWrites {

  /**
   * One register write.
   *
   * @param register the entry.
   * @param bytes wire bytes (for a coil: 2 bytes, non-zero = on).
   */
  record Write(RegisterDefinition register, byte[] bytes) {}

  private SetpointWrites() {}

  static List<Write> plan(RegisterMap map, Setpoint setpoint) {
    Optional<RegisterDefinition> enable = map.find(Signals.HUMIDITY_ENABLE);
    Optional<RegisterDefinition> humidity =
        map.find(Signals.HUMIDITY_SETPOINT_WRITE).or(() -> map.find(Signals.HUMIDITY_SETPOINT));
    Optional<RegisterDefinition> ramp = map.find(Signals.RAMP_RATE);
    RegisterDefinition temperature =
        map.find(Signals.AIR_SETPOINT_WRITE).orElseGet(() -> map.require(Signals.AIR_SETPOINT));
    if (setpoint.humidity() != null && humidity.isEmpty()) {
      throw new UnsupportedOperationException(
          "Expected register map '%s' to have a humidity setpoint for %s %%RH, but it has none"
              .formatted(map.model(), setpoint.humidity()));
    }
    List<Write> writes = new ArrayList<>();
    if (setpoint.humidity() == null) {
      enable.ifPresent(e -> writes.add(flag(e, false)));
    }
    ramp.ifPresent(
        r ->
            writes.add(
                new Write(
                    r,
                    RegisterCodec.encode(
                        r, setpoint.rampRate() == null ? 0 : setpoint.rampRate()))));
    writes.add(new Write(temperature, RegisterCodec.encode(temperature, setpoint.temperature())));
    if (setpoint.humidity() != null) {
      writes.add(
          new Write(humidity.get(), RegisterCodec.encode(humidity.get(), setpoint.humidity())));
      enable.ifPresent(e -> writes.add(flag(e, true)));
    }
    return writes;
  }

  private static Write flag(RegisterDefinition r, boolean on) {
    if (r.type() == DataType.BOOL) {
      return new Write(r, new byte[] {0, (byte) (on ? 1 : 0)});
    }
    if (!r.codes().isEmpty()) {
      return new Write(r, RegisterCodec.encodeCode(r, on ? "ON" : "OFF"));
    }
    return new Write(r, RegisterCodec.encodeInteger(r.type(), r.wordOrder(), on ? 1 : 0));
  }
}

package io.stressflow.chamber.modbus;

import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import java.time.Duration;

/** Test fixtures: a fast simulator on 127.0.0.1 and a driver connected to it. */
final class Loopback {

  /** Simulated seconds per wall second: a 17 K step settles in well under a second. */
  static final double TIME_SCALE = 600;

  private Loopback() {}

  /** A simulator serving {@code map} with a fast time scale and a 20 ms tick. */
  static ChamberSimulator simulator(RegisterMap map, ModbusTransport transport) {
    return ChamberSimulator.start(
        SimulatorConfig.create(
            b -> {
              b.registerMap = map;
              b.transport = transport;
              b.timeScale = TIME_SCALE;
              b.tickPeriod = Duration.ofMillis(20);
            }));
  }

  /** A driver on {@code simulator} with a 500 ms request timeout. */
  static ModbusChamber connect(RegisterMap map, ChamberSimulator simulator)
      throws ChamberException {
    return ModbusChamber.connect(
        ModbusChamberConfig.create(
            b -> {
              b.registerMap = map;
              b.port = simulator.port();
              b.transport = simulator.config().transport();
              b.requestTimeout = Duration.ofMillis(500);
            }));
  }
}

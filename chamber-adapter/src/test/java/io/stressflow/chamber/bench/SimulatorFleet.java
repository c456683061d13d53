package io.stressflow.chamber.bench;

import io.stressflow.chamber.modbus.ModbusTransport;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Not a test: runs N simulated chambers in this JVM and prints {@code ports=p1,p2,...}, then serves
 * until its standard input closes. {@link PollBenchmark} starts it as a child process with {@code
 * --external-simulators} so that the CPU it reports is the driver's alone.
 */
public final class SimulatorFleet {

  private SimulatorFleet() {}

  /**
   * Entry point.
   *
   * @param args {@code N transport map}, e.g. {@code 1000 TCP generic}.
   * @throws Exception if a simulator cannot start.
   */
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    ModbusTransport transport = ModbusTransport.valueOf(args[1].toUpperCase(Locale.ROOT));
    RegisterMap map = RegisterMaps.load(args[2]);
    List<ChamberSimulator> simulators = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      simulators.add(
          ChamberSimulator.start(
              SimulatorConfig.create(
                  b -> {
                    b.registerMap = map;
                    b.transport = transport;
                    b.tickPeriod = Duration.ofSeconds(1);
                  })));
    }
    System.out.println(
        "ports="
            + simulators.stream()
                .map(s -> String.valueOf(s.port()))
                .collect(Collectors.joining(",")));
    System.out.flush();
    // the parent closes our stdin (or dies) when it is done
    while (System.in.read() >= 0) {
      // keep serving
    }
    simulators.forEach(ChamberSimulator::close);
    System.exit(0);
  }
}

package io.stressflow.workflows.bench;

import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Not a test: the chamber controllers of {@link LabBenchmark}, in a process of their own as a lab's
 * controllers are. Starts N simulated chambers (generic map, time scale 1) on free loopback ports,
 * prints {@code PORTS p1,p2,…}, then answers each line {@code cpu} on stdin with {@code CPU
 * <process cpu ns>}; stdin closed stops them all.
 */
public final class SimulatorFleetMain {

  private SimulatorFleetMain() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    RegisterMap map = RegisterMaps.load("generic");
    List<ChamberSimulator> simulators = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      simulators.add(
          ChamberSimulator.start(
              SimulatorConfig.create(
                  b -> {
                    b.registerMap = map;
                    b.timeScale = 1;
                  })));
    }
    System.out.println(
        "PORTS "
            + simulators.stream()
                .map(s -> Integer.toString(s.port()))
                .collect(Collectors.joining(",")));
    System.out.flush();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if ("cpu".equals(line.trim())) {
        System.out.println("CPU " + os.getProcessCpuTime());
        System.out.flush();
      }
    }
    simulators.forEach(ChamberSimulator::close);
    System.exit(0);
  }
}

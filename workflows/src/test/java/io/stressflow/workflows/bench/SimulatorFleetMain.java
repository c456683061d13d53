package io.stressflow.workflows.bench;

import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Not a test: the chamber controllers of {@link LabBenchmark}, in a process of their own as a lab's
 * controllers are. Starts N simulated chambers (generic map, time scale 1) on free loopback ports,
 * prints {@code PORTS p1,p2,…}, then answers each line {@code cpu} on stdin with {@code CPU
 * <process cpu ns>}, and each line {@code writers <epoch ms>} with {@code WRITERS <most writing
 * connections open at once on any chamber> <ms1,ms2,…>}: per chamber, the first write at or after
 * that moment by a connection that first wrote then (-1: none yet), as epoch ms; stdin closed stops
 * them all.
 */
public final class SimulatorFleetMain {

  private SimulatorFleetMain() {}

  /**
   * A fleet running in a child JVM.
   *
   * @param process the child.
   * @param out its answers.
   * @param in its commands; closing it stops the fleet.
   * @param ports the controllers' ports, in order.
   */
  record Fleet(Process process, BufferedReader out, PrintWriter in, List<Integer> ports) {

    /** Sends a command and returns the first answer line that starts with {@code answer}. */
    String ask(String command, String answer) throws IOException {
      in.println(command);
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(answer)) {
          return line;
        }
      }
      throw new IllegalStateException("the simulator process ended");
    }
  }

  /**
   * Starts N controllers in a child JVM on this JVM's class path and waits for their ports.
   *
   * @param n how many.
   * @return the running fleet.
   * @throws IOException if the child cannot start.
   */
  static Fleet spawn(int n) throws IOException {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                SimulatorFleetMain.class.getName(),
                Integer.toString(n))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter in = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
    List<Integer> ports = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("PORTS ")) {
        for (String p : line.substring(6).split(",")) {
          ports.add(Integer.parseInt(p));
        }
        break;
      }
    }
    if (ports.size() != n) {
      throw new IllegalStateException("Expected " + n + " simulator ports, got " + ports.size());
    }
    return new Fleet(child, out, in, ports);
  }

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
      } else if (line.startsWith("writers ")) {
        java.time.Instant since =
            java.time.Instant.ofEpochMilli(Long.parseLong(line.substring(8).trim()));
        int most = 0;
        List<String> first = new ArrayList<>();
        for (ChamberSimulator s : simulators) {
          most = Math.max(most, s.writers().maxConcurrent());
          first.add(
              s.writers().writers().stream()
                  .filter(w -> !w.firstWrite().isBefore(since))
                  .map(w -> Long.toString(w.firstWrite().toEpochMilli()))
                  .findFirst()
                  .orElse("-1"));
        }
        System.out.println("WRITERS " + most + " " + String.join(",", first));
        System.out.flush();
      }
    }
    simulators.forEach(ChamberSimulator::close);
    System.exit(0);
  }
}

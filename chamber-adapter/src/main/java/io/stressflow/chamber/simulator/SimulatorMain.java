package io.stressflow.chamber.simulator;

import io.stressflow.chamber.modbus.ModbusTransport;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one simulated chamber until Ctrl-C.
 *
 * <pre>
 * java -cp chamber-adapter.jar:... io.stressflow.chamber.simulator.SimulatorMain \
 *     --map generic --port 5020 --unit-id 1 --time-scale 60 --transport tcp
 * </pre>
 *
 * <p>{@code --map} takes a shipped map's name or a path to a JSON file. {@code --port 0} (the
 * default) picks a free port. The one line printed names the map, transport, address and port.
 */
public final class SimulatorMain {

  private SimulatorMain() {}

  /**
   * Entry point.
   *
   * @param args {@code --map}, {@code --port}, {@code --unit-id}, {@code --time-scale}, {@code
   *     --transport} ({@code tcp} or {@code rtu-over-tcp}), {@code --bind}.
   * @throws InterruptedException if interrupted while running.
   */
  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = parse(args);
    RegisterMap map = map(options.getOrDefault("map", "generic"));
    SimulatorConfig config =
        SimulatorConfig.create(
            b -> {
              b.registerMap = map;
              b.port = Integer.parseInt(options.getOrDefault("port", "0"));
              b.unitId = Integer.parseInt(options.getOrDefault("unit-id", "1"));
              b.timeScale = Double.parseDouble(options.getOrDefault("time-scale", "1"));
              b.bindAddress = options.getOrDefault("bind", "127.0.0.1");
              b.transport =
                  ModbusTransport.valueOf(
                      options
                          .getOrDefault("transport", "tcp")
                          .toUpperCase(Locale.ROOT)
                          .replace('-', '_'));
            });
    ChamberSimulator simulator = ChamberSimulator.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                },
                "chamber-simulator-shutdown"));
    System.out.printf(
        "Simulating '%s' (%s, unit %d, time scale %s) on %s:%d; Ctrl-C to stop%n",
        map.model(),
        config.transport(),
        config.unitId(),
        config.timeScale(),
        config.bindAddress(),
        simulator.port());
    stopped.await();
  }

  private static RegisterMap map(String nameOrPath) {
    Path path = Path.of(nameOrPath);
    return nameOrPath.endsWith(".json") && Files.exists(path)
        ? RegisterMaps.load(path)
        : RegisterMaps.load(nameOrPath);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "Expected options as '--name value' pairs (--map, --port, --unit-id, --time-scale,"
                + " --transport, --bind), but got '"
                + args[i]
                + "'");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}

package io.stressflow.chamber.bench;

import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.modbus.ModbusChamber;
import io.stressflow.chamber.modbus.ModbusChamberConfig;
import io.stressflow.chamber.modbus.ModbusTransport;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Not a test: polls N simulated chambers for their full state once a second and prints how many are
 * held at 1 Hz, the read latency percentiles and the CPU the process used. Simulators and drivers
 * share this JVM, so the CPU figure covers both sides of every request.
 *
 * <pre>
 * mvn -o -q -pl chamber-adapter test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
 * cd chamber-adapter
 * java -cp target/classes:target/test-classes:$(cat target/bench-cp.txt) \
 *     io.stressflow.chamber.bench.PollBenchmark --chambers 1000 --seconds 30 --transport tcp
 * </pre>
 *
 * <p>A chamber is "held at 1 Hz" when, during the measured window, every scheduled poll started on
 * time (the previous one had finished), succeeded, and took less than the 1 s period.
 */
public final class PollBenchmark {

  private PollBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code --chambers N} (default 1000), {@code --seconds S} (default 30), {@code
   *     --warmup S} (default 5), {@code --transport tcp|rtu-over-tcp}, {@code --map NAME}, {@code
   *     --external-simulators} (run the simulators in a child JVM so the CPU figure is the driver's
   *     alone).
   * @throws Exception if setting up fails.
   */
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(option(args, "chambers", "1000"));
    int seconds = Integer.parseInt(option(args, "seconds", "30"));
    int warmup = Integer.parseInt(option(args, "warmup", "5"));
    ModbusTransport transport =
        ModbusTransport.valueOf(
            option(args, "transport", "tcp").toUpperCase(Locale.ROOT).replace('-', '_'));
    RegisterMap map = RegisterMaps.load(option(args, "map", "generic"));

    boolean external = List.of(args).contains("--external-simulators");

    long setup = System.nanoTime();
    List<ChamberSimulator> simulators = new ArrayList<>();
    Process fleet = null;
    List<Integer> ports = new ArrayList<>();
    if (external) {
      fleet = startFleet(n, transport, map.model());
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("ports=")) {
          // skip the child's log lines
        }
        if (line == null) {
          throw new IllegalStateException("Expected the simulator fleet to print its ports");
        }
        for (String p : line.substring("ports=".length()).split(",")) {
          ports.add(Integer.parseInt(p));
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        ChamberSimulator s =
            ChamberSimulator.start(
                SimulatorConfig.create(
                    b -> {
                      b.registerMap = map;
                      b.transport = transport;
                      b.tickPeriod = Duration.ofSeconds(1);
                    }));
        simulators.add(s);
        ports.add(s.port());
      }
    }
    List<ModbusChamber> chambers = new ArrayList<>();
    for (int port : ports) {
      chambers.add(
          ModbusChamber.connect(
              ModbusChamberConfig.create(
                  b -> {
                    b.registerMap = map;
                    b.port = port;
                    b.transport = transport;
                    b.requestTimeout = Duration.ofSeconds(1);
                  })));
    }
    System.out.printf(
        "Set up %d simulators (%s) + %d drivers (%s, map %s) in %.1f s%n",
        n,
        external ? "in a child JVM" : "in this JVM",
        n,
        transport,
        map.model(),
        (System.nanoTime() - setup) / 1e9);

    Stats stats = new Stats(n, seconds);
    AtomicBoolean measuring = new AtomicBoolean(false);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    long periodNanos = TimeUnit.SECONDS.toNanos(1);
    for (int i = 0; i < n; i++) {
      int id = i;
      ModbusChamber chamber = chambers.get(i);
      // spread the polls over the second instead of firing all at once
      scheduler.scheduleAtFixedRate(
          () -> poll(id, chamber, stats, measuring.get()),
          periodNanos * i / n,
          periodNanos,
          TimeUnit.NANOSECONDS);
    }

    TimeUnit.SECONDS.sleep(warmup);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    measuring.set(true);
    TimeUnit.SECONDS.sleep(seconds);
    measuring.set(false);
    long cpu = os.getProcessCpuTime() - cpu0;
    long wall = System.nanoTime() - wall0;
    double systemLoad = os.getSystemLoadAverage();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();

    scheduler.shutdownNow();
    stats.print(
        n, seconds, cpu, wall, Runtime.getRuntime().availableProcessors(), systemLoad, external);
    System.out.printf("JVM threads while polling %d chambers: %d%n", n, threads);
    chambers.forEach(ModbusChamber::close);
    simulators.forEach(ChamberSimulator::close);
    if (fleet != null) {
      fleet.getOutputStream().close();
      if (!fleet.waitFor(10, TimeUnit.SECONDS)) {
        fleet.destroyForcibly();
      }
    }
    System.exit(0);
  }

  private static void poll(int id, ModbusChamber chamber, Stats stats, boolean measuring) {
    if (!stats.inFlight.compareAndSet(id, 0, 1)) {
      if (measuring) {
        stats.late.incrementAndGet(id);
      }
      return;
    }
    long start = System.nanoTime();
    chamber
        .readAsync()
        .whenComplete(
            (state, failure) -> {
              long latency = System.nanoTime() - start;
              if (measuring) {
                stats.record(id, latency, failure);
              }
              stats.inFlight.set(id, 0);
            });
  }

  private static Process startFleet(int n, ModbusTransport transport, String map)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            SimulatorFleet.class.getName(),
            String.valueOf(n),
            transport.name(),
            map)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--" + name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  /** Per-chamber counters and all latencies of the measured window. */
  private static final class Stats {
    final AtomicIntegerArray inFlight;
    final AtomicIntegerArray ok;
    final AtomicIntegerArray failed;
    final AtomicIntegerArray late;
    final AtomicLongArray slowest;
    final long[] latencies;
    int count;

    Stats(int n, int seconds) {
      inFlight = new AtomicIntegerArray(n);
      ok = new AtomicIntegerArray(n);
      failed = new AtomicIntegerArray(n);
      late = new AtomicIntegerArray(n);
      slowest = new AtomicLongArray(n);
      latencies = new long[n * (seconds + 2)];
    }

    synchronized void record(int id, long latency, Throwable failure) {
      if (failure != null) {
        failed.incrementAndGet(id);
        if (failed.get(id) == 1) {
          System.out.println(
              "chamber " + id + ": " + ChamberException.unwrap(failure).getMessage());
        }
        return;
      }
      ok.incrementAndGet(id);
      slowest.accumulateAndGet(id, latency, Math::max);
      if (count < latencies.length) {
        latencies[count++] = latency;
      }
    }

    synchronized void print(
        int n, int seconds, long cpu, long wall, int cores, double load, boolean external) {
      int held = 0;
      long failures = 0;
      long lates = 0;
      for (int i = 0; i < n; i++) {
        failures += failed.get(i);
        lates += late.get(i);
        if (failed.get(i) == 0
            && late.get(i) == 0
            && ok.get(i) >= seconds - 1
            && slowest.get(i) < TimeUnit.SECONDS.toNanos(1)) {
          held++;
        }
      }
      long[] sorted = Arrays.copyOf(latencies, count);
      Arrays.sort(sorted);
      System.out.printf(
          "Chambers held at 1 Hz: %d / %d over %d s (%d reads ok, %d failed, %d polls late)%n",
          held, n, seconds, count, failures, lates);
      System.out.printf(
          "Read latency: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
          percentile(sorted, 0.50),
          percentile(sorted, 0.99),
          percentile(sorted, 0.999),
          percentile(sorted, 1.0));
      double cpuCores = cpu / (double) wall;
      System.out.printf(
          "CPU (%s): %.0f%% of one core, %.0f%% of %d cores; machine load average %.2f%n",
          external ? "drivers only" : "simulators + drivers in one JVM",
          100 * cpuCores,
          100 * cpuCores / cores,
          cores,
          load);
    }

    private static double percentile(long[] sorted, double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
      return sorted[Math.max(0, index)] / 1e6;
    }
  }
}

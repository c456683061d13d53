package io.stressflow.engine.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Throughput and latency of our engine against Operaton, run by hand (a {@code main} in test
 * sources, never part of the build). Each engine runs in its own fresh JVM (same classpath, same
 * flags) on a fresh H2 file, driven over loopback HTTP: ours through the real Camunda client and
 * its job workers, Operaton through its REST API (process start, external-task fetchAndLock with
 * long polling, complete). Two processes: (a) start, one service task, end; (b) start, ten
 * sequential service tasks, end. Each run keeps a fixed number of instances in flight, measures
 * instances per second from the first create to the last completion, and the create-to-complete
 * latency (p50/p99) of each instance; a warm-up run of (a) comes first and is not counted.
 *
 * <p>Arguments: the number of instances per process (default 2000). System properties: {@code
 * bench.engines} (default {@code stressflow,operaton}), {@code bench.operatonInstances} (Operaton
 * is much slower; at most this many instances per process for it, default 400), {@code
 * bench.window} (instances in flight, default 64), {@code bench.workerThreads} (default 8), {@code
 * bench.jvmArgs} (for the child JVMs, default {@code -Xmx1g}).
 */
public final class EngineBenchmark {
  private static final String RESULT = "RESULT|";
  private static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario("bench-one", 1, "(a) start -> 1 service task -> end"),
          new Scenario("bench-ten", 10, "(b) start -> 10 service tasks -> end"));

  private record Scenario(String processId, int tasks, String title) {}

  private record Result(
      String engine,
      String processId,
      int count,
      double seconds,
      double p50,
      double p99,
      int failed) {
    double rate() {
      return (count - failed) / seconds;
    }
  }

  private EngineBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional number of instances per process; {@code --child <engine> <n>} internally.
   * @throws Exception on failure.
   */
  public static void main(final String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("--child")) {
      runChild(args[1], Integer.parseInt(args[2]));
      return;
    }
    final int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    final List<Result> results = new ArrayList<>();
    for (final String engine :
        System.getProperty("bench.engines", "stressflow,operaton").split(",")) {
      final int instances =
          engine.trim().equals("operaton")
              ? Math.min(count, Integer.getInteger("bench.operatonInstances", 400))
              : count;
      results.addAll(runInChildJvm(engine.trim(), instances));
    }
    printTable(results);
  }

  private static List<Result> runInChildJvm(final String engine, final int count) throws Exception {
    final List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (final String arg : System.getProperty("bench.jvmArgs", "-Xmx1g").split(" ")) {
      if (!arg.isBlank()) {
        command.add(arg);
      }
    }
    for (final String property :
        List.of("bench.window", "bench.workerThreads", "bench.operatonHistory")) {
      if (System.getProperty(property) != null) {
        command.add("-D" + property + "=" + System.getProperty(property));
      }
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            EngineBenchmark.class.getName(),
            "--child",
            engine,
            Integer.toString(count)));
    System.out.printf("%s: running in its own JVM...%n", engine);
    final Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    final List<Result> results = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(RESULT)) {
          final String[] f = line.substring(RESULT.length()).split("\\|");
          results.add(
              new Result(
                  f[0],
                  f[1],
                  Integer.parseInt(f[2]),
                  Double.parseDouble(f[3]),
                  Double.parseDouble(f[4]),
                  Double.parseDouble(f[5]),
                  Integer.parseInt(f[6])));
        }
        System.out.println("  " + line);
      }
    }
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(
          "Expected the %s benchmark JVM to finish, but it failed (see above)".formatted(engine));
    }
    return results;
  }

  private static void runChild(final String engine, final int count) throws Exception {
    final int window = Integer.getInteger("bench.window", 64);
    final int threads = Integer.getInteger("bench.workerThreads", 8);
    final Path dir = Files.createTempDirectory("engine-bench-" + engine);
    try (BenchmarkTarget target =
        switch (engine) {
          case "stressflow" -> new StressflowTarget(dir, threads, 8 * threads);
          case "operaton" -> new OperatonTarget(dir, threads, 8);
          default ->
              throw new IllegalArgumentException(
                  "Expected engine 'stressflow' or 'operaton', but was '%s'".formatted(engine));
        }) {
      for (final Scenario scenario : SCENARIOS) {
        target.deploy(scenario.processId(), scenario.tasks());
      }
      target.deploy("warm-up", 1);
      System.out.printf(
          "%s, %d instances per process, %d in flight: warming up%n", target, count, window);
      run(target, engine, new Scenario("warm-up", 1, "warm-up"), Math.max(200, count / 2), window);
      for (final Scenario scenario : SCENARIOS) {
        final Result result = run(target, engine, scenario, count, window);
        System.out.printf(
            "%s%s|%s|%d|%.3f|%.2f|%.2f|%d%n",
            RESULT,
            result.engine(),
            result.processId(),
            result.count(),
            result.seconds(),
            result.p50(),
            result.p99(),
            result.failed());
      }
    }
  }

  private static Result run(
      final BenchmarkTarget target,
      final String engine,
      final Scenario scenario,
      final int count,
      final int window)
      throws InterruptedException {
    final LatencyRecorder recorder = new LatencyRecorder(count, window);
    target.startWorkers(scenario.processId(), scenario.tasks(), recorder);
    final long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      recorder.starting(i);
      final int index = i;
      target
          .create(scenario.processId(), i)
          .whenComplete(
              (ok, failure) -> {
                if (failure != null) {
                  System.err.printf("create %d failed: %s%n", index, failure);
                  recorder.failed(index);
                }
              });
    }
    final boolean finished = recorder.await(10, TimeUnit.MINUTES);
    final double seconds = (System.nanoTime() - start) / 1e9;
    target.stopWorkers();
    if (!finished) {
      System.err.printf(
          "%s %s: only %d of %d instances completed in 10 minutes%n",
          engine, scenario.processId(), recorder.completedCount(), count);
    }
    return new Result(
        engine,
        scenario.processId(),
        count,
        seconds,
        recorder.percentileMillis(50),
        recorder.percentileMillis(99),
        count - (int) recorder.completedCount());
  }

  private static void printTable(final List<Result> results) {
    final Map<String, Map<String, Result>> byProcess = new LinkedHashMap<>();
    results.forEach(
        r ->
            byProcess
                .computeIfAbsent(r.processId(), k -> new LinkedHashMap<>())
                .put(r.engine(), r));
    System.out.println();
    System.out.printf(
        "%-38s %-11s %10s %12s %10s %10s %7s%n",
        "process", "engine", "instances", "instances/s", "p50 ms", "p99 ms", "failed");
    for (final Scenario scenario : SCENARIOS) {
      final Map<String, Result> row = byProcess.getOrDefault(scenario.processId(), Map.of());
      for (final Result r : row.values()) {
        System.out.printf(
            "%-38s %-11s %10d %12.1f %10.1f %10.1f %7d%n",
            scenario.title(), r.engine(), r.count(), r.rate(), r.p50(), r.p99(), r.failed());
      }
      final Result ours = row.get("stressflow");
      final Result theirs = row.get("operaton");
      if (ours != null && theirs != null) {
        System.out.printf("%-38s %-11s %11.1fx%n", "", "ratio", ours.rate() / theirs.rate());
      }
    }
  }
}

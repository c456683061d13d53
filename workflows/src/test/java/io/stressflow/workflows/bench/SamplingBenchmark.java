package io.stressflow.workflows.bench;

import com.sun.management.OperatingSystemMXBean;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.sampling.SamplingService;
import io.stressflow.workflows.sampling.fleet.SimulatedFleet;
import io.stressflow.workflows.support.TestChambers;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a test: the sampling path as it runs in the application (simulated fleet, CMIS decode,
 * judgement, H2 inserts of samples and lane readings), timed. Prints the sustained rate of lane
 * readings stored per second over read-point rounds of N modules, and the detection latency from
 * the read of an out-of-spec module to its failure-analysis instance being created.
 *
 * <pre>
 * mvn -o -q -pl workflows test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
 * cd workflows
 * java -cp target/classes:target/test-classes:$(cat target/bench-cp.txt) \
 *     io.stressflow.workflows.bench.SamplingBenchmark 1000 20
 * </pre>
 *
 * <p>Arguments: modules per round (default 1000), rounds (default 20), then any {@code --key=value}
 * application settings (e.g. {@code --stressflow.sampling.chunk=500}). A warm-up campaign of the
 * same size runs first (five rounds, two failures), so the figures are the application's steady
 * state rather than the JIT's first minutes. In the last measured round 1 % of the modules go
 * silent, each a failure routed to a failure-analysis instance.
 */
public final class SamplingBenchmark {

  private SamplingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    List<String> extra = new ArrayList<>(List.of("--logging.level.root=WARN"));
    extra.addAll(Arrays.asList(args).subList(Math.min(2, args.length), args.length));
    ChamberSimulator chamber = TestChambers.simulator(1);
    try (ConfigurableApplicationContext app =
        TestChambers.app(
            TestChambers.dataDir("sampling-bench"), 1, chamber, extra.toArray(String[]::new))) {
      SamplingService sampling = app.getBean(SamplingService.class);
      SimulatedFleet fleet = app.getBean(SimulatedFleet.class);
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

      // warm-up: same path, its own campaign and serials
      List<String> warm = campaign(sampling, "C-warm", "W", n);
      for (int r = 1; r <= 5; r++) {
        sampling.readPoint("C-warm", "bench", r + " h", r, 0);
      }
      fleet.silence(warm.get(0));
      fleet.silence(warm.get(n / 2));
      sampling.readPoint("C-warm", "bench", "6 h", 6, 0);
      awaitAnalyses(jdbc, "C-warm");

      List<String> serials = campaign(sampling, "C-bench", "B", n);
      long cpu0 = os.getProcessCpuTime();
      long start = System.nanoTime();
      for (int r = 1; r <= rounds; r++) {
        sampling.readPoint("C-bench", "bench", r + " h", r, 0);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
      double load = os.getSystemLoadAverage();
      long laneRows = (long) n * rounds * 8;

      // detection: silence 1 % and time each routed failure from its module's read
      int failing = Math.max(1, n / 100);
      for (int i = 0; i < failing; i++) {
        fleet.silence(serials.get(i * 100 % n));
      }
      sampling.readPoint("C-bench", "bench", (rounds + 1) + " h", rounds + 1, 0);
      awaitAnalyses(jdbc, "C-bench");
      List<Long> latencies =
          jdbc.sql(
                  "SELECT DATEDIFF('MILLISECOND', s.at, f.fa_started_at) FROM module_failure f"
                      + " JOIN module_sample s ON s.id = f.sample_id"
                      + " WHERE f.campaign_id = 'C-bench'")
              .query(Long.class)
              .list();
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf(
          Locale.ROOT,
          "modules=%d rounds=%d lane_readings=%d in %.1f s: %.0f lane readings/s (%.0f module"
              + " samples/s); failures=%d detection_ms p50=%d p99=%d max=%d (from the out-of-spec"
              + " module's read to its failure-analysis instance created)%n",
          n,
          rounds,
          laneRows,
          seconds,
          laneRows / seconds,
          n * rounds / seconds,
          sorted.length,
          sorted.length == 0 ? -1 : sorted[sorted.length / 2],
          sorted.length == 0
              ? -1
              : sorted[Math.min(sorted.length - 1, (int) Math.floor(0.99 * sorted.length))],
          sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
      System.out.printf(
          Locale.ROOT,
          "process cpu during the rounds: %.0f%% of %d cores, %.1f µs per lane reading;"
              + " system load average %.2f (other processes share the cores)%n",
          100 * cpuSeconds / seconds / os.getAvailableProcessors(),
          os.getAvailableProcessors(),
          cpuSeconds * 1e6 / laneRows,
          load);
      System.out.println("fastest detections (ms): " + Arrays.toString(Arrays.copyOf(sorted, 5)));
    } finally {
      chamber.close();
      System.exit(0);
    }
  }

  private static List<String> campaign(
      SamplingService sampling, String campaignId, String prefix, int n) {
    List<String> serials = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      serials.add(prefix + "%05d".formatted(i));
    }
    Leg leg =
        new Leg(
            "bench",
            null,
            null,
            null,
            serials,
            "chamber-1",
            null,
            null,
            null,
            null,
            null,
            new Leg.FailureCriteria(1.0, 50.0, 1.0, true),
            null,
            null);
    sampling.register(campaignId, leg, Map.of());
    sampling.baseline(campaignId, "bench");
    return serials;
  }

  /** Failure analysis starts off the round's thread: waits (60 s at most) for every instance. */
  private static void awaitAnalyses(JdbcClient jdbc, String campaignId) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (jdbc.sql(
                "SELECT COUNT(*) FROM module_failure WHERE campaign_id = ? AND fa_started_at IS NULL")
            .param(campaignId)
            .query(Long.class)
            .single()
        > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("failure-analysis instances not all created in 60 s");
      }
      LockSupport.parkNanos(2_000_000);
    }
  }
}

package io.stressflow.workflows.bench;

import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.sampling.SamplingService;
import io.stressflow.workflows.sampling.fleet.SimulatedFleet;
import io.stressflow.workflows.support.TestChambers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *     io.stressflow.workflows.bench.SamplingBenchmark 1000 10
 * </pre>
 *
 * <p>Arguments: modules per round (default 1000), rounds (default 10). In the last round, 1 % of
 * the modules go silent, so each is a failure routed to a failure-analysis instance.
 */
public final class SamplingBenchmark {

  private SamplingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    ChamberSimulator chamber = TestChambers.simulator(1);
    try (ConfigurableApplicationContext app =
        TestChambers.app(
            TestChambers.dataDir("sampling-bench"), 1, chamber, "--logging.level.root=WARN")) {
      SamplingService sampling = app.getBean(SamplingService.class);
      SimulatedFleet fleet = app.getBean(SimulatedFleet.class);
      List<String> serials = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        serials.add("B%05d".formatted(i));
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
      sampling.register("C-bench", leg, Map.of());
      sampling.baseline("C-bench", "bench");

      long start = System.nanoTime();
      for (int r = 1; r <= rounds; r++) {
        sampling.readPoint("C-bench", "bench", r + " h", r, 0);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long laneRows = (long) n * rounds * 8;

      // detection: silence 1 % and time each routed failure from its module's read
      int failing = Math.max(1, n / 100);
      for (int i = 0; i < failing; i++) {
        fleet.silence(serials.get(i * 100 % n));
      }
      sampling.readPoint("C-bench", "bench", (rounds + 1) + " h", rounds + 1, 0);
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      List<Long> latencies =
          jdbc.sql(
                  "SELECT DATEDIFF('MILLISECOND', s.at, e.at) FROM module_failure f"
                      + " JOIN module_sample s ON s.id = f.sample_id"
                      + " JOIN campaign_event e ON e.campaign_id = f.campaign_id AND e.kind = 'MODULE_FAILED'"
                      + " AND e.message LIKE CONCAT('%module ', f.serial, ' failed%')"
                      + " WHERE f.campaign_id = 'C-bench'")
              .query(Long.class)
              .list();
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf(
          Locale.ROOT,
          "modules=%d rounds=%d lane_readings=%d in %.1f s: %.0f lane readings/s (%.0f module samples/s);"
              + " failures=%d detection_ms p50=%d p99=%d (from the round's start, when the sample time is taken, to the failure-analysis instance created and logged)%n",
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
              : sorted[Math.min(sorted.length - 1, (int) Math.floor(0.99 * sorted.length))]);
      System.out.println(Arrays.toString(Arrays.copyOf(sorted, Math.min(5, sorted.length))));
    } finally {
      chamber.close();
      System.exit(0);
    }
  }
}

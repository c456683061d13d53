package io.stressflow.workflows.bench;

import io.stressflow.workflows.StressflowApplication;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.TestUsers;
import java.io.File;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.listeners.TriggerListenerSupport;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a test: a lab of N chambers through the application's own path. N simulated controllers
 * (generic map, time scale 1) run in a child JVM ({@link SimulatorFleetMain}); a lab file names
 * them as real chambers ({@code simulated: false}, host and port); the application starts in this
 * JVM with that lab, and the GR-468 temperature-cycling profile is started on every chamber through
 * {@code POST /api/profile-runs}. The application then does what it does in a lab: Quartz ticks
 * each run once a second (JDBC job store, its thread pool), each tick reads the chamber over Modbus
 * TCP, advances the profile, writes setpoints and stores the progress in H2; each chamber's
 * telemetry thread reads it once a second and stores a {@code chamber_sample} row.
 *
 * <pre>
 * mvn -o -q -pl workflows -am test-compile
 * mvn -o -q -pl workflows dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/bench-cp.txt
 * cd workflows
 * java -cp target/test-classes:target/classes:../chamber-adapter/target/classes:\
 * ../engine/target/classes:$(cat target/bench-cp.txt) \
 *     io.stressflow.workflows.bench.LabBenchmark 200 60
 * </pre>
 *
 * <p>Arguments: chambers (default 200), measured seconds (default 60), then any {@code --key=value}
 * application settings (e.g. {@code
 * --spring.quartz.properties.org.quartz.threadPool.threadCount=8}). The child process gets the same
 * class path. After the last run has started there are 15 s of warm-up, then the window.
 *
 * <p>Figures, all from the application's own activity in the window: a Quartz job listener on the
 * profile ticks gives each tick's due time (the trigger's scheduled fire time), start and end. The
 * <b>tick lag</b> is due → end: every setpoint a tick writes has been acknowledged by the
 * controller before the tick ends, so it bounds the setpoint-write lag. A chamber is <b>held at 1
 * Hz</b> when its run was ticked at every second of the window (no skipped fire time; Quartz skips
 * a trigger more than {@code misfireThreshold}, 1 s, late) and every tick ended within its second.
 * <b>Telemetry</b> is the {@code chamber_sample} rows stored in the window; a chamber's telemetry
 * is held when it has a row for every second with no gap over 1.5 s. CPU is this process (the
 * application) and the child (the controllers), as a share of all cores.
 */
public final class LabBenchmark {

  private static final int WARMUP_SECONDS = 15;

  private LabBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    List<String> extra = Arrays.asList(args).subList(Math.min(2, args.length), args.length);
    int cores = Runtime.getRuntime().availableProcessors();

    // the controllers: a child JVM on the same class path
    SimulatorFleetMain.Fleet fleet = SimulatorFleetMain.spawn(n);
    Process child = fleet.process();
    PrintWriter childIn = fleet.in();
    List<Integer> ports = fleet.ports();

    Path data =
        Path.of("target", "bench-data", "lab-" + n + "-" + UUID.randomUUID()).toAbsolutePath();
    Files.createDirectories(data);
    String lab = labYaml(ports);
    File labFile = data.resolve("lab.yaml").toFile();
    Files.writeString(labFile.toPath(), lab);

    List<String> appArgs =
        new ArrayList<>(
            List.of(
                "--stressflow.data-dir=" + data,
                "--stressflow.time-scale=1",
                "--stressflow.lab.file=" + labFile,
                "--server.port=0",
                "--stressflow.camunda.engine.port=0",
                "--stressflow.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--spring.quartz.scheduler-name=lab-bench-" + UUID.randomUUID()));
    appArgs.addAll(extra);
    long startedApp = System.nanoTime();
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(StressflowApplication.class)
            .web(WebApplicationType.SERVLET)
            .run(appArgs.toArray(String[]::new));
    System.out.printf(
        Locale.ROOT,
        "application up with %d chambers in %.1f s%n",
        n,
        (System.nanoTime() - startedApp) / 1e9);
    int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    Scheduler scheduler = app.getBean(Scheduler.class);

    ConcurrentLinkedQueue<long[]> ticks = new ConcurrentLinkedQueue<>();
    Map<String, Integer> runIndex = new java.util.concurrent.ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Long> misfires = new ConcurrentLinkedQueue<>();
    scheduler
        .getListenerManager()
        .addJobListener(
            Ticks.listener(
                "lab-bench-ticks",
                (run, due, fired, ended) -> {
                  Integer i = runIndex.get(run);
                  if (i != null) {
                    ticks.add(new long[] {i, due, fired, ended});
                  }
                }),
            GroupMatcher.jobGroupEquals("profile"));
    scheduler
        .getListenerManager()
        .addTriggerListener(
            new TriggerListenerSupport() {
              @Override
              public String getName() {
                return "lab-bench-misfires";
              }

              @Override
              public void triggerMisfired(Trigger trigger) {
                misfires.add(System.currentTimeMillis());
              }
            });

    // the GR-468 temperature-cycling profile on every chamber, through the REST API
    Api api = new Api(port);
    long postStart = System.nanoTime();
    ExecutorService posters = Executors.newFixedThreadPool(4);
    List<Future<?>> posts = new ArrayList<>();
    long[] postNanos = new long[n];
    for (int i = 0; i < n; i++) {
      int c = i;
      posts.add(
          posters.submit(
              () -> {
                long t0 = System.nanoTime();
                Api.Reply r =
                    api.postJson(
                        "/api/profile-runs",
                        Map.of("campaignId", "BENCH-" + c, "plan", plan(c), "leg", "tc"));
                postNanos[c] = System.nanoTime() - t0;
                if (r.status() != 201) {
                  throw new IllegalStateException(
                      "profile run on " + chamber(c) + ": " + r.status() + " " + r.text());
                }
                runIndex.put(r.json().get("id").asText(), c);
              }));
    }
    for (Future<?> f : posts) {
      f.get();
    }
    posters.shutdown();
    long[] sortedPosts = Arrays.stream(postNanos).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%d profile runs started through POST /api/profile-runs in %.1f s (request p50 %.0f ms,"
            + " p99 %.0f ms)%n",
        n,
        (System.nanoTime() - postStart) / 1e9,
        percentile(sortedPosts, 0.5) / 1e6,
        percentile(sortedPosts, 0.99) / 1e6);

    Thread.sleep(WARMUP_SECONDS * 1000L);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long childCpu0 = childCpu(fleet);
    long cpu0 = os.getProcessCpuTime();
    long wall0Nanos = System.nanoTime();
    long w0 = System.currentTimeMillis();
    Thread.sleep(seconds * 1000L);
    long w1 = System.currentTimeMillis();
    long wall = System.nanoTime() - wall0Nanos;
    long cpu = os.getProcessCpuTime() - cpu0;
    long childCpu = childCpu(fleet) - childCpu0;
    double load = os.getSystemLoadAverage();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    // ticks due in the window, given time to end
    Thread.sleep(3000);

    Ticks.Figures figures = Ticks.window(ticks, w0, w1);
    int held = figures.held();
    long[] lags = figures.lags();
    long[] startLags = figures.startLags();
    long[] durations = figures.durations();

    Timestamp from = new Timestamp(w0);
    Timestamp to = new Timestamp(w1);
    long rows =
        jdbc.sql("SELECT COUNT(*) FROM chamber_sample WHERE at >= ? AND at < ?")
            .params(from, to)
            .query(Long.class)
            .single();
    long telemetryHeld =
        jdbc.sql(
                "SELECT COUNT(*) FROM (SELECT chamber, COUNT(*) AS c, MAX(gap) AS g FROM (SELECT"
                    + " chamber, DATEDIFF('MILLISECOND', LAG(at) OVER (PARTITION BY chamber ORDER"
                    + " BY at), at) AS gap FROM chamber_sample WHERE at >= ? AND at < ?) GROUP BY"
                    + " chamber) WHERE c >= ? AND g <= 1500")
            .params(from, to, seconds - 1)
            .query(Long.class)
            .single();

    System.out.printf(
        Locale.ROOT,
        "%nchambers | window | held at 1 Hz (ticks) | ticks/s | tick lag p50 / p99 / max ms |"
            + " start lag p99 ms | tick run p50 / p99 ms | misfires | telemetry held | telemetry rows/s | app CPU |"
            + " controllers CPU | threads | load avg%n");
    System.out.printf(
        Locale.ROOT,
        "%d | %d s | %d / %d | %.0f | %.1f / %.1f / %.1f | %.1f | %.1f / %.1f | %d | %d / %d | %.0f | %.0f %% |"
            + " %.0f %% | %d | %.2f%n",
        n,
        seconds,
        held,
        n,
        lags.length * 1000.0 / (w1 - w0),
        percentile(lags, 0.5),
        percentile(lags, 0.99),
        lags.length == 0 ? 0.0 : (double) lags[lags.length - 1],
        percentile(startLags, 0.99),
        percentile(durations, 0.5),
        percentile(durations, 0.99),
        misfires.stream().filter(t -> t >= w0 && t < w1).count(),
        telemetryHeld,
        n,
        rows * 1000.0 / (w1 - w0),
        100.0 * cpu / wall / cores,
        100.0 * childCpu / wall / cores,
        threads,
        load);
    System.out.printf(
        Locale.ROOT,
        "(%d cores; tick lag = due -> tick ended, bounds the setpoint-write lag; CPU as a share"
            + " of all cores)%n",
        cores);
    childIn.close();
    scheduler.standby();
    app.close();
    child.waitFor();
    System.exit(0);
  }

  /** A lab file naming the controllers at {@code ports} as real chambers {@code tc-0000}, …. */
  static String labYaml(List<Integer> ports) {
    StringBuilder lab = new StringBuilder("chambers:\n");
    for (int i = 0; i < ports.size(); i++) {
      lab.append(
          "  - { id: %s, registerMap: generic, simulated: false, host: 127.0.0.1, port: %d }\n"
              .formatted(chamber(i), ports.get(i)));
    }
    return lab.toString();
  }

  static String chamber(int i) {
    return "tc-%04d".formatted(i);
  }

  /** A one-leg plan: the GR-468 temperature-cycling preset on chamber {@code i}, one module. */
  static String plan(int i) {
    String serial = "LB%05d".formatted(i);
    return String.join(
        "\n",
        "campaign: lab benchmark " + i,
        "product: { partNumber: SF-BENCH }",
        "modules: [{ serial: " + serial + " }]",
        "legs:",
        "  - id: tc",
        "    preset: gr468-temperature-cycling",
        "    chamber: " + chamber(i),
        "    samples: [" + serial + "]",
        "    acceptance: { sampleSize: 1, allowedFailures: 0 }",
        "");
  }

  static long childCpu(SimulatorFleetMain.Fleet fleet) throws Exception {
    return Long.parseLong(fleet.ask("cpu", "CPU ").substring(4).trim());
  }

  private static double percentile(long[] sorted, double q) {
    return Ticks.percentile(sorted, q);
  }
}

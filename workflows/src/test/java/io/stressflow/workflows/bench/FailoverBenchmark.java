package io.stressflow.workflows.bench;

import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.PostgreSql;
import io.stressflow.workflows.support.TestUsers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: issue #16's two-instance benchmark. N simulated controllers (generic map, time scale
 * 1) in a child JVM ({@link SimulatorFleetMain}), a real PostgreSQL (embedded), one workflow engine
 * (in this JVM, standing in for the Camunda 8 cluster both instances share), and two application
 * instances, each a child JVM ({@link InstanceMain}) on the same database, engine and lab file: the
 * first owns the lab, the second is a standby. The GR-468 temperature-cycling profile is started on
 * every chamber through the owner's {@code POST /api/profile-runs}; after a warm-up the owner's
 * ticks are measured for the window; then the owner is killed with SIGKILL, and the standby's
 * takeover is timed from the controllers' side (per chamber: kill → the first write by a new
 * connection, the resumed run re-asserting its setpoint); after another warm-up the standby's ticks
 * are measured for a window.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:../chamber-adapter/target/classes:\
 * ../engine/target/classes:$(cat target/bench-cp.txt) \
 *     io.stressflow.workflows.bench.FailoverBenchmark 200 30
 * </pre>
 *
 * <p>Arguments: chambers (default 200), measured seconds per window (default 30), then any {@code
 * --key=value} application settings for both instances. Figures: chambers held at 1 Hz and the tick
 * lag (due → tick ended, which bounds the setpoint-write lag) per instance, as {@link LabBenchmark}
 * measures them; the takeover time (standby answering, and the first setpoint write per chamber:
 * p50 and the last chamber); and the most writing connections any controller saw open at once (1:
 * never two writers on a chamber).
 */
public final class FailoverBenchmark {

  private static final int WARMUP_SECONDS = 30;

  private FailoverBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    List<String> extra = Arrays.asList(args).subList(Math.min(2, args.length), args.length);

    SimulatorFleetMain.Fleet fleet = SimulatorFleetMain.spawn(n);
    Path data =
        Path.of("target", "bench-data", "failover-" + n + "-" + UUID.randomUUID()).toAbsolutePath();
    Files.createDirectories(data);
    Path labFile = data.resolve("lab.yaml");
    Files.writeString(labFile, LabBenchmark.labYaml(fleet.ports()));
    String database = PostgreSql.newDatabase("failover_bench");
    try (Engine engine =
        Engine.start(EngineConfig.create(b -> b.jdbcUrl = "jdbc:h2:file:" + data + "/engine"))) {
      List<String> settings =
          new ArrayList<>(
              List.of(
                  "--stressflow.data-dir=" + data,
                  "--stressflow.time-scale=1",
                  "--stressflow.lab.file=" + labFile,
                  "--spring.datasource.url=" + database,
                  "--spring.datasource.username=postgres",
                  "--spring.datasource.password=",
                  "--stressflow.database.standby=true",
                  "--stressflow.camunda.rest-address=" + engine.restAddress(),
                  "--stressflow.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
                  // one scheduler for both, as in production (the test class path's config gives
                  // every application a scheduler name of its own)
                  "--spring.quartz.scheduler-name=failover-bench",
                  "--spring.main.banner-mode=off",
                  "--logging.level.root=WARN"));
      settings.addAll(extra);

      long t0 = System.nanoTime();
      Instance owner = Instance.start("a", data, settings);
      owner.awaitUp(TimeUnit.MINUTES.toMillis(5));
      System.out.printf(
          Locale.ROOT, "owner up with %d chambers in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
      Instance standby = Instance.start("b", data, settings);

      // the GR-468 temperature-cycling profile on every chamber, through the owner's API
      Api api = new Api(owner.port);
      long postStart = System.nanoTime();
      ExecutorService posters = Executors.newFixedThreadPool(4);
      List<Future<?>> posts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int c = i;
        posts.add(
            posters.submit(
                () -> {
                  Api.Reply r =
                      api.postJson(
                          "/api/profile-runs",
                          Map.of(
                              "campaignId",
                              "BENCH-" + c,
                              "plan",
                              LabBenchmark.plan(c),
                              "leg",
                              "tc"));
                  if (r.status() != 201) {
                    throw new IllegalStateException(
                        "profile run on "
                            + LabBenchmark.chamber(c)
                            + ": "
                            + r.status()
                            + " "
                            + r.text());
                  }
                }));
      }
      for (Future<?> f : posts) {
        f.get();
      }
      posters.shutdown();
      System.out.printf(
          Locale.ROOT,
          "%d profile runs started through POST /api/profile-runs in %.1f s%n",
          n,
          (System.nanoTime() - postStart) / 1e9);

      Thread.sleep(WARMUP_SECONDS * 1000L);
      long a0 = System.currentTimeMillis();
      Thread.sleep(seconds * 1000L);
      long a1 = System.currentTimeMillis();
      Thread.sleep(2000); // ticks due in the window, given time to end
      Ticks.Figures before = Ticks.window(owner.ticks, a0, a1);
      if (!standby.process.isAlive()) {
        throw new IllegalStateException("the standby ended; see " + data.resolve("app-b.log"));
      }

      // kill -9 of the owner
      long killedAt = System.currentTimeMillis();
      owner.process.destroyForcibly().waitFor();
      var jdbc =
          org.springframework.jdbc.core.simple.JdbcClient.create(PostgreSql.dataSource(database));
      System.out.printf(
          Locale.ROOT,
          "at the kill: %d tick jobs in Quartz's store, triggers by state %s%n",
          jdbc.sql("SELECT COUNT(*) FROM qrtz_job_details WHERE job_group = 'profile'")
              .query(Long.class)
              .single(),
          jdbc.sql(
                  "SELECT trigger_state || '=' || COUNT(*) FROM qrtz_triggers WHERE trigger_group"
                      + " = 'profile' GROUP BY trigger_state")
              .query(String.class)
              .list());
      standby.awaitUp(TimeUnit.MINUTES.toMillis(5));
      long upAt = System.currentTimeMillis();
      long[] takeover = null;
      long deadline = System.currentTimeMillis() + 300_000;
      while (System.currentTimeMillis() < deadline) {
        takeover = takeover(fleet, killedAt);
        if (Arrays.stream(takeover).allMatch(t -> t >= 0)) {
          break;
        }
        Thread.sleep(200);
      }
      long[] reasserted = Arrays.stream(takeover).filter(t -> t >= 0).sorted().toArray();

      Thread.sleep(WARMUP_SECONDS * 1000L);
      long b0 = System.currentTimeMillis();
      Thread.sleep(seconds * 1000L);
      long b1 = System.currentTimeMillis();
      Thread.sleep(2000);
      Ticks.Figures after = Ticks.window(standby.ticks, b0, b1);
      int writers = Integer.parseInt(fleet.ask("writers " + killedAt, "WRITERS ").split(" ")[1]);

      System.out.printf(
          Locale.ROOT,
          "%ninstance | chambers | window | held at 1 Hz | ticks/s | tick lag p50 / p99 / max ms%n");
      row("owner (before the kill)", n, seconds, before, a1 - a0);
      row("standby (after takeover)", n, seconds, after, b1 - b0);
      System.out.printf(
          Locale.ROOT,
          "%ntakeover after kill -9: standby answering after %.1f s; setpoint re-asserted on %d /"
              + " %d chambers, p50 %.1f s, last %.1f s; most writing connections open at once on"
              + " a controller: %d%n",
          (upAt - killedAt) / 1000.0,
          reasserted.length,
          n,
          Ticks.percentile(reasserted, 0.5) / 1000.0,
          reasserted.length == 0 ? Double.NaN : reasserted[reasserted.length - 1] / 1000.0,
          writers);
      System.out.printf(
          Locale.ROOT,
          "(%d cores; tick lag = due -> tick ended, bounds the setpoint-write lag)%n",
          Runtime.getRuntime().availableProcessors());
      standby.process.destroy();
      standby.process.waitFor(60, TimeUnit.SECONDS);
    }
    fleet.in().close();
    fleet.process().waitFor();
    System.exit(0);
  }

  private static void row(String who, int n, int seconds, Ticks.Figures f, long windowMillis) {
    System.out.printf(
        Locale.ROOT,
        "%s | %d | %d s | %d / %d | %.0f | %.1f / %.1f / %.1f%n",
        who,
        n,
        seconds,
        f.held(),
        n,
        f.ticksPerSecond(windowMillis),
        f.lag(0.5),
        f.lag(0.99),
        f.maxLag());
  }

  /** Per chamber: ms from the kill to the first write by a connection opened since (-1: none). */
  private static long[] takeover(SimulatorFleetMain.Fleet fleet, long killedAt) throws IOException {
    String[] first = fleet.ask("writers " + killedAt, "WRITERS ").split(" ")[2].split(",");
    long[] ms = new long[first.length];
    for (int i = 0; i < first.length; i++) {
      long t = Long.parseLong(first[i]);
      ms[i] = t < 0 ? -1 : t - killedAt;
    }
    return ms;
  }

  /** An application instance in a child JVM, with the ticks it reports. */
  private static final class Instance {
    final Process process;
    final int port;
    final ConcurrentLinkedQueue<long[]> ticks = new ConcurrentLinkedQueue<>();
    final CountDownLatch up = new CountDownLatch(1);
    final Path log;

    private Instance(Process process, int port, Path log) {
      this.process = process;
      this.port = port;
      this.log = log;
    }

    static Instance start(String name, Path data, List<String> settings) throws IOException {
      int port = freePort();
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx2g",
                  "-cp",
                  System.getProperty("java.class.path"),
                  InstanceMain.class.getName(),
                  "--server.port=" + port));
      command.addAll(settings);
      Path log = data.resolve("app-" + name + ".log");
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      Instance instance = new Instance(p, port, log);
      Map<String, Long> runs = new ConcurrentHashMap<>();
      AtomicLong next = new AtomicLong();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out =
                        new PrintWriter(
                            Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    if (line.startsWith("TICK ")) {
                      String[] f = line.split(" ");
                      long run = runs.computeIfAbsent(f[1], k -> next.getAndIncrement());
                      instance.ticks.add(
                          new long[] {
                            run, Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])
                          });
                    } else if (line.equals("UP")) {
                      instance.up.countDown();
                    } else {
                      out.println(line);
                    }
                  }
                } catch (IOException e) {
                  // the instance was killed
                }
              },
              "instance-" + name);
      reader.setDaemon(true);
      reader.start();
      return instance;
    }

    void awaitUp(long millis) throws InterruptedException {
      long deadline = System.currentTimeMillis() + millis;
      while (!up.await(200, TimeUnit.MILLISECONDS)) {
        if (!process.isAlive() || System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("the instance did not start; see " + log);
        }
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

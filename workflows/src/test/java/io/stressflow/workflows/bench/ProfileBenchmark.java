package io.stressflow.workflows.bench;

import io.stressflow.chamber.Chamber;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.modbus.ModbusChamber;
import io.stressflow.chamber.modbus.ModbusChamberConfig;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import io.stressflow.workflows.plan.Durations;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PresetLibrary;
import io.stressflow.workflows.profile.ProfileExecutor;
import io.stressflow.workflows.profile.ProfileExecutor.Effect;
import io.stressflow.workflows.profile.ProfileProgress;
import io.stressflow.workflows.profile.ProfileSteps;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: runs the GR-468 temperature-cycling profile on N simulated chambers at once, each
 * ticked once a second (read, {@link ProfileExecutor}, setpoint writes) with every reading stored
 * in an H2 file in 1 s batches, and prints how many chambers were held at 1 Hz, the setpoint-write
 * lag and the CPU used. Simulators, drivers and the database share this JVM.
 *
 * <pre>
 * mvn -o -q -pl workflows test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
 * cd workflows
 * java -cp target/classes:target/test-classes:$(cat target/bench-cp.txt) \
 *     io.stressflow.workflows.bench.ProfileBenchmark 200 60
 * </pre>
 *
 * <p>Arguments: chambers (default 200), measured seconds (default 60). The simulated chambers run
 * at time scale 600, so the profile's ramps and soaks change every few ticks and setpoint writes
 * happen throughout. A chamber is held at 1 Hz when every tick in the window started less than a
 * period late and finished within the period. Write lag is the time from the tick's scheduled
 * instant to the controller's acknowledgement of the write.
 */
public final class ProfileBenchmark {

  private static final double SCALE = 600;

  private ProfileBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int warmup = 5;
    RegisterMap map = RegisterMaps.load("generic");
    Leg preset = PresetLibrary.load().get("gr468-temperature-cycling");
    ProfileSteps steps = ProfileSteps.of(preset.profile(), Durations::parse);

    Path dir = Path.of("target", "bench-" + UUID.randomUUID()).toAbsolutePath();
    Files.createDirectories(dir);
    Connection db = DriverManager.getConnection("jdbc:h2:file:" + dir + "/telemetry", "sa", "");
    db.createStatement()
        .execute(
            "CREATE TABLE chamber_sample (chamber VARCHAR(64), at TIMESTAMP WITH TIME ZONE,"
                + " air_temperature DOUBLE PRECISION, air_setpoint DOUBLE PRECISION,"
                + " load_temperature DOUBLE PRECISION, humidity DOUBLE PRECISION)");

    List<ChamberSimulator> simulators = new ArrayList<>();
    List<Runner> runners = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ChamberSimulator sim =
          ChamberSimulator.start(
              SimulatorConfig.create(
                  b -> {
                    b.registerMap = map;
                    b.timeScale = SCALE;
                  }));
      simulators.add(sim);
      ModbusChamber chamber =
          ModbusChamber.connect(
              ModbusChamberConfig.create(
                  b -> {
                    b.port = sim.port();
                    b.registerMap = map;
                  }));
      chamber.start();
      runners.add(
          new Runner(
              "chamber-" + i,
              chamber,
              new ProfileExecutor(steps, preset.readPoints(), SCALE, Duration.ofSeconds(5))));
    }
    ConcurrentLinkedQueue<Object[]> samples = new ConcurrentLinkedQueue<>();
    ScheduledExecutorService ticks =
        Executors.newScheduledThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
    long start = System.nanoTime() + 1_000_000_000L;
    for (int i = 0; i < n; i++) {
      Runner r = runners.get(i);
      long offset = start + 1_000_000_000L * i / n; // stagger the chambers over the second
      r.nextDue = offset;
      ticks.scheduleAtFixedRate(
          () -> r.tick(samples), offset - System.nanoTime(), 1_000_000_000L, TimeUnit.NANOSECONDS);
    }
    // telemetry rows go to H2 in one batch per second, as the application's writer would
    ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    PreparedStatement insert =
        db.prepareStatement("INSERT INTO chamber_sample VALUES (?, ?, ?, ?, ?, ?)");
    writer.scheduleAtFixedRate(() -> writeBatch(insert, samples), 1, 1, TimeUnit.SECONDS);

    awaitWindow(ticks, Duration.ofSeconds(warmup + 1));
    runners.forEach(Runner::resetStats);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    awaitWindow(ticks, Duration.ofSeconds(seconds));
    long cpu = os.getProcessCpuTime() - cpu0;
    long wall = System.nanoTime() - wall0;

    ticks.shutdownNow();
    writer.shutdown();
    writer.awaitTermination(10, TimeUnit.SECONDS);
    writeBatch(insert, samples);
    long held = runners.stream().filter(Runner::held).count();
    long[] lags =
        runners.stream()
            .flatMapToLong(r -> r.lags.stream().mapToLong(Long::longValue))
            .sorted()
            .toArray();
    long ticked = runners.stream().mapToLong(r -> r.ticks).sum();
    long stored;
    try (var rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM chamber_sample")) {
      rs.next();
      stored = rs.getLong(1);
    }
    System.out.printf(
        Locale.ROOT,
        "chambers=%d window=%ds held_at_1Hz=%d ticks=%d setpoint_writes=%d write_lag_ms p50=%.1f"
            + " p99=%.1f max=%.1f telemetry_rows=%d cpu=%.0f%% of %d cores%n",
        n,
        seconds,
        held,
        ticked,
        lags.length,
        percentile(lags, 0.50),
        percentile(lags, 0.99),
        lags.length == 0 ? 0 : lags[lags.length - 1] / 1e6,
        stored,
        100.0 * cpu / wall / Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().availableProcessors());
    runners.forEach(r -> r.chamber.close());
    simulators.forEach(ChamberSimulator::close);
    db.close();
    System.exit(0);
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }

  /** Blocks until a measurement window of {@code length} has passed (a latch with a deadline). */
  private static void awaitWindow(ScheduledExecutorService clock, Duration length)
      throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    clock.schedule(closed::countDown, length.toMillis(), TimeUnit.MILLISECONDS);
    if (!closed.await(length.toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("Expected the measurement window to close, but it did not");
    }
  }

  private static void writeBatch(
      PreparedStatement insert, ConcurrentLinkedQueue<Object[]> samples) {
    try {
      Object[] row;
      int batch = 0;
      while ((row = samples.poll()) != null) {
        for (int c = 0; c < row.length; c++) {
          insert.setObject(c + 1, row[c]);
        }
        insert.addBatch();
        batch++;
      }
      if (batch > 0) {
        insert.executeBatch();
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Runner {
    final String name;
    final Chamber chamber;
    final ProfileExecutor executor;
    final List<Long> lags = new ArrayList<>();
    ProfileProgress progress = ProfileProgress.initial();
    volatile long nextDue;
    long ticks;
    boolean missed;

    Runner(String name, Chamber chamber, ProfileExecutor executor) {
      this.name = name;
      this.chamber = chamber;
      this.executor = executor;
    }

    synchronized void tick(ConcurrentLinkedQueue<Object[]> samples) {
      long due = nextDue;
      nextDue = due + 1_000_000_000L;
      long started = System.nanoTime();
      if (started - due > 1_000_000_000L) {
        missed = true;
      }
      try {
        ChamberState s = chamber.read();
        ProfileExecutor.Tick t = executor.tick(progress, s, Clock.systemUTC().instant());
        for (Effect e : t.effects()) {
          if (e instanceof Effect.Write w) {
            chamber.apply(w.setpoint());
            lags.add(System.nanoTime() - due);
          }
        }
        progress = t.progress();
        samples.add(
            new Object[] {
              name,
              Timestamp.from(Instant.now()),
              s.airTemperature(),
              s.airSetpoint(),
              s.loadTemperature(),
              s.humidity()
            });
        ticks++;
      } catch (ChamberException e) {
        missed = true;
      }
      if (System.nanoTime() - due > 1_000_000_000L) {
        missed = true;
      }
    }

    synchronized void resetStats() {
      lags.clear();
      ticks = 0;
      missed = false;
    }

    synchronized boolean held() {
      return !missed && ticks > 0;
    }
  }
}

package io.stressflow.workflows.bench;

import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.workflows.chamber.TelemetryRepositories;
import io.stressflow.workflows.chamber.TelemetryRepository;
import io.stressflow.workflows.retention.InSituRetention;
import io.stressflow.workflows.retention.TelemetryRetention;
import io.stressflow.workflows.sampling.SampleStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test: measures what telemetry and in-situ samples cost on disk with retention (issue #16
 * item 3) in a real H2 file migrated by the product's scripts. It writes {@code days} of 1 Hz
 * telemetry of one chamber through {@link TelemetryRepository} and {@code days} of hourly in-situ
 * rounds of {@code modules} modules with {@code lanes} lanes through the sample store, runs {@link
 * TelemetryRetention} and {@link InSituRetention} over all of it, and after each step closes the
 * database with {@code SHUTDOWN COMPACT} and reads the file size. Bytes per raw row, per minute
 * summary, per in-situ sample and per module-day summary are the size differences divided by the
 * rows; the per-year figures are extrapolated from them (30-day raw windows, summaries for the rest
 * of the year).
 *
 * <pre>
 * mvn -o -q -pl workflows test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
 * cd workflows
 * java -cp target/classes:target/test-classes:$(cat target/bench-cp.txt) \
 *     io.stressflow.workflows.bench.RetentionBenchmark 2 1000 8
 * </pre>
 *
 * <p>Arguments: days written (default 2), modules (default 1000), lanes per module (default 8).
 */
public final class RetentionBenchmark {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration WINDOW = Duration.ofDays(30);
  private static final int YEAR_DAYS = 365;

  private RetentionBenchmark() {}

  public static void main(String[] args) throws Exception {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int modules = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int lanes = args.length > 2 ? Integer.parseInt(args[2]) : 8;

    Path dir = Path.of("target", "bench-retention-" + UUID.randomUUID()).toAbsolutePath();
    Files.createDirectories(dir);
    Path file = dir.resolve("stressflow.mv.db");
    DriverManagerDataSource db =
        new DriverManagerDataSource(
            "jdbc:h2:file:" + dir.resolve("stressflow") + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(db).locations("classpath:db/migration/h2").load().migrate();
    JdbcClient jdbc = JdbcClient.create(db);
    DataSourceTransactionManager txm = new DataSourceTransactionManager(db);
    TransactionTemplate tx = new TransactionTemplate(txm);
    long empty = compactedSize(jdbc, file);

    // telemetry: 1 Hz, one transaction an hour (the rows are what matter, not the commits)
    TelemetryRepository telemetry = TelemetryRepositories.of(jdbc);
    long rows = (long) days * 86_400;
    long t0 = System.nanoTime();
    for (long hour = 0; hour < rows / 3600; hour++) {
      long first = hour * 3600;
      tx.executeWithoutResult(
          s -> {
            for (long i = first; i < first + 3600; i++) {
              Instant at = START.plusSeconds(i);
              double air = 85 + Math.sin(i / 600.0) * 0.5;
              TelemetryRepositories.insert(
                  telemetry,
                  "chamber-1",
                  at,
                  new ChamberState(
                      at,
                      air,
                      85.0,
                      air - 0.3,
                      85 + Math.cos(i / 900.0),
                      85.0,
                      OperatingMode.RUNNING,
                      Set.of(),
                      false));
            }
          });
    }
    double writeSeconds = (System.nanoTime() - t0) / 1e9;
    long withRaw = compactedSize(jdbc, file);
    double perRaw = (withRaw - empty) / (double) rows;

    Instant after = START.plus(Duration.ofDays(days)).plus(WINDOW).plus(Duration.ofDays(1));
    t0 = System.nanoTime();
    long folded = new TelemetryRetention(jdbc, txm).run(after, WINDOW);
    double foldSeconds = (System.nanoTime() - t0) / 1e9;
    long minutes = jdbc.sql("SELECT COUNT(*) FROM chamber_minute").query(Long.class).single();
    long withMinutes = compactedSize(jdbc, file);
    double perMinute = (withMinutes - empty) / (double) minutes;

    // in-situ: hourly rounds of every module
    List<String> serials = new ArrayList<>(modules);
    for (int m = 0; m < modules; m++) {
      serials.add("M-%05d".formatted(m));
    }
    SampleStores samples = new SampleStores(db);
    int rounds = days * 24;
    t0 = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      int round = r;
      tx.executeWithoutResult(
          s ->
              samples.inSituRound(
                  "C-1", "dh", serials, lanes, START.plusSeconds(3600L * round), round));
    }
    double sampleSeconds = (System.nanoTime() - t0) / 1e9;
    long withSamples = compactedSize(jdbc, file);
    double perSample = (withSamples - withMinutes) / (double) ((long) rounds * modules);

    t0 = System.nanoTime();
    long foldedSamples = new InSituRetention(jdbc, txm).run(after, WINDOW);
    double sampleFoldSeconds = (System.nanoTime() - t0) / 1e9;
    long moduleDays =
        jdbc.sql("SELECT COUNT(*) FROM (SELECT DISTINCT serial, day_start FROM in_situ_day) t")
            .query(Long.class)
            .single();
    long withDays = compactedSize(jdbc, file);
    double perModuleDay = (withDays - withMinutes) / (double) moduleDays;

    out("H2 file %s", file);
    out("empty schema: %d bytes", empty);
    out(
        "telemetry: %d rows (1 Hz, %d days) written in %.1f s: %.1f bytes/row;"
            + " folded %d rows into %d minutes in %.1f s: %.1f bytes/minute",
        rows, days, writeSeconds, perRaw, folded, minutes, foldSeconds, perMinute);
    out(
        "in-situ: %d samples (%d modules x %d lanes, hourly, %d days) in %.1f s: %.1f bytes/sample"
            + " with its lanes; folded %d samples into %d module-days in %.1f s: %.1f"
            + " bytes/module-day",
        (long) rounds * modules,
        modules,
        lanes,
        days,
        sampleSeconds,
        perSample,
        foldedSamples,
        moduleDays,
        sampleFoldSeconds,
        perModuleDay);

    double rawWindowDays = WINDOW.toDays();
    double summaryDays = YEAR_DAYS;
    out("per chamber-year (raw window %d days, minute summaries for the whole year):", 30);
    double busy = rawWindowDays * 86_400 * perRaw + summaryDays * 1440 * perMinute;
    double idle = rawWindowDays * 1440 * perRaw + summaryDays * 1440 * perMinute;
    double none = YEAR_DAYS * 86_400.0 * perRaw;
    out("  profile running all year (1 Hz): %s", mb(busy));
    out("  idle all year (1 reading/min):   %s", mb(idle));
    out("  without retention (1 Hz):        %s", mb(none));
    out("per 1000 modules-year (%d lanes, raw window %d days, day summaries):", lanes, 30);
    for (int perDay : new int[] {24, 144}) {
      double with = 1000 * (rawWindowDays * perDay * perSample + summaryDays * perModuleDay);
      double without = 1000.0 * YEAR_DAYS * perDay * perSample;
      out(
          "  in-situ %-7s: %s with retention, %s without",
          perDay == 24 ? "hourly" : "10 min", mb(with), mb(without));
    }
  }

  /** Closes the database rewriting live data only, then the file's size; the next call reopens. */
  private static long compactedSize(JdbcClient jdbc, Path file) throws Exception {
    jdbc.sql("SHUTDOWN COMPACT").update();
    return Files.size(file);
  }

  private static String mb(double bytes) {
    return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}

package io.stressflow.workflows.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the application's H2 file from growing without bound. With {@code WRITE_DELAY=0} (every
 * commit is in the file before it returns, so a {@code kill -9} loses nothing) H2's background
 * writer, which also compacts the file, does not run: every small commit (a profile tick, a
 * telemetry row, an outbox message, a Quartz trigger) appends a chunk, and the file grew to 1 GB in
 * a 44-minute compressed campaign although its live data were under 10 MB. So:
 *
 * <ul>
 *   <li>the JDBC URL sets {@code RETENTION_TIME=10000}: a freed chunk may be overwritten after 10 s
 *       (H2's default, 45 s, kept 45 s of writes as dead space);
 *   <li>every {@code stressflow.database.checkpoint-interval} (default 5 s) the live pages of
 *       sparse chunks are rewritten (H2's own background compaction, off with {@code
 *       WRITE_DELAY=0}), then {@code CHECKPOINT SYNC}, so the file stays near its live data plus
 *       the retention time's writes;
 *   <li>on shutdown, last of all the application's lifecycle (after the scheduler and the web
 *       server have stopped), {@code SHUTDOWN COMPACT}: the file is rewritten with live data only.
 * </ul>
 *
 * Nothing is done for another database (PostgreSQL has its own vacuum) or an in-memory H2.
 */
@Component
public class DatabaseMaintenance implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DatabaseMaintenance.class);

  /** Chunks less full than this, %, have their live pages rewritten. */
  static final int FILL_RATE = 80;

  /** At most this much is rewritten per checkpoint, bytes. */
  static final int WRITE_LIMIT = 16 * 1024 * 1024;

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final boolean h2File;
  private final Duration interval;
  private final boolean compactOnShutdown;
  private ScheduledExecutorService executor;
  private volatile boolean running;

  DatabaseMaintenance(
      DataSource dataSource,
      JdbcClient jdbc,
      @Value("${spring.datasource.url:}") String url,
      @Value("${stressflow.database.checkpoint-interval:5s}") Duration interval,
      @Value("${stressflow.database.compact-on-shutdown:true}") boolean compactOnShutdown) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.h2File = isH2File(url);
    this.interval = interval;
    this.compactOnShutdown = compactOnShutdown;
  }

  /** Whether a JDBC URL names an H2 database in a file (not in memory, not over TCP). */
  static boolean isH2File(String url) {
    if (url == null || !url.startsWith("jdbc:h2:")) {
      return false;
    }
    String rest = url.substring("jdbc:h2:".length());
    return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
  }

  @Override
  public void start() {
    running = true;
    if (!h2File || interval.isZero() || interval.isNegative()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "database-checkpoint");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::checkpoint, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Rewrites the live pages of chunks less than {@value #FILL_RATE} % full (at most {@value
   * #WRITE_LIMIT} bytes a time), then {@code CHECKPOINT SYNC}: what is written is on the disk
   * before the retention time lets a freed chunk be overwritten. Never throws.
   */
  void checkpoint() {
    try (Connection c = dataSource.getConnection()) {
      MVStore store =
          ((SessionLocal) c.unwrap(JdbcConnection.class).getSession())
              .getDatabase()
              .getStore()
              .getMvStore();
      store.compact(FILL_RATE, WRITE_LIMIT);
      try (Statement s = c.createStatement()) {
        s.execute("CHECKPOINT SYNC");
      }
    } catch (SQLException | RuntimeException e) {
      log.debug("Database maintenance failed: {}", e.getMessage());
    }
  }

  @Override
  public void stop() {
    running = false;
    if (executor != null) {
      ScheduledExecutorService checkpoints = executor;
      executor = null;
      checkpoints.shutdown();
      try {
        // no interrupt while it writes: an interrupted H2 file write closes the database
        if (!checkpoints.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
          checkpoints.shutdownNow();
        }
      } catch (InterruptedException e) {
        checkpoints.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * {@code SHUTDOWN COMPACT}: the database closes and its file is rewritten with live data only.
   * Run by {@link CompactOnClose} once nothing uses the database any more; never throws.
   *
   * @param jdbc a connection source to the database.
   */
  static void compactAndClose(JdbcClient jdbc) {
    try {
      long started = System.nanoTime();
      jdbc.sql("SHUTDOWN COMPACT").update();
      log.info(
          "Database compacted on shutdown in {} ms",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (RuntimeException e) {
      // the connection is closed by the shutdown itself; anything else: the file stays as it is
      log.debug("SHUTDOWN COMPACT: {}", e.getMessage());
    }
  }

  /**
   * Compacts the H2 file when the application's data source is destroyed: after every bean that
   * uses it (the Quartz scheduler included, see {@code QuartzShutdownOrder}) has stopped, so no
   * thread finds the database closed under it. The pool is closed first, then one connection of its
   * own runs {@code SHUTDOWN COMPACT}.
   */
  static final class CompactOnClose
      implements org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor {
    private final boolean enabled;

    CompactOnClose(boolean enabled) {
      this.enabled = enabled;
    }

    @Override
    public boolean requiresDestruction(Object bean) {
      return enabled && bean instanceof com.zaxxer.hikari.HikariDataSource;
    }

    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) {
      if (!(bean instanceof com.zaxxer.hikari.HikariDataSource pool)
          || !enabled
          || !isH2File(pool.getJdbcUrl())) {
        return;
      }
      pool.close();
      org.h2.jdbcx.JdbcDataSource direct = new org.h2.jdbcx.JdbcDataSource();
      direct.setURL(pool.getJdbcUrl());
      direct.setUser(pool.getUsername());
      direct.setPassword(pool.getPassword() == null ? "" : pool.getPassword());
      compactAndClose(JdbcClient.create(direct));
    }
  }

  /** Registers {@link CompactOnClose}. */
  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  static class CompactOnCloseConfiguration {
    @org.springframework.context.annotation.Bean
    static CompactOnClose compactOnClose(
        @Value("${stressflow.database.compact-on-shutdown:true}") boolean enabled) {
      return new CompactOnClose(enabled);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stopped last: after the web server, the scheduler and the profile runner. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE;
  }
}

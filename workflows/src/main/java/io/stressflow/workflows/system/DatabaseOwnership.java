package io.stressflow.workflows.system;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One application instance owns a lab's PostgreSQL database at a time: it holds a session-level
 * advisory lock ({@link #LOCK_KEY}) on a connection of its own for as long as it runs, and only the
 * owner drives chambers (Quartz ticks, setpoints, safe states). A second instance started on the
 * same database is refused, naming the holder, unless it is a standby: then it waits for the lock
 * before anything else starts and takes the lab over when the owner goes (its session ends:
 * stopped, crashed, {@code kill -9}, or cut off from the database and dropped by the server).
 *
 * <p>The ownership is a lease: it is confirmed on the lock's connection every {@code check}
 * interval, and writes to chambers are allowed only while the last confirmation is younger than two
 * intervals ({@link #writesAllowed}). An instance that was paused, or cut off from the database,
 * therefore stops writing setpoints by itself before another can have taken over (the server drops
 * a dead session only after its TCP keepalive, set to more than two intervals on the lock's
 * session); one that finds the lock gone calls {@code onLost} (the application closes).
 *
 * <p>H2, the embedded default, locks its file itself: only one instance can open it, and there is
 * no standby.
 */
public final class DatabaseOwnership implements AutoCloseable {

  /** The advisory lock's key: "STRSFW" in ASCII. */
  public static final long LOCK_KEY = 0x535452534657L;

  private static final Logger log = LoggerFactory.getLogger(DatabaseOwnership.class);

  /** Instances in this JVM (tests run several): the second and later are named host/pid#n. */
  private static final java.util.concurrent.atomic.AtomicInteger INSTANCES =
      new java.util.concurrent.atomic.AtomicInteger();

  private final String url;
  private final Properties credentials;
  private final String name;
  private final Duration check;
  private volatile Connection connection;
  private volatile long confirmedNanos;
  private volatile boolean owned;
  private volatile boolean closed;
  private ScheduledExecutorService checker;

  private DatabaseOwnership(String url, Properties credentials, String name, Duration check) {
    this.url = url;
    this.credentials = credentials;
    this.name = name;
    this.check = check;
  }

  /**
   * Whether the URL is a PostgreSQL database (the only one with an owner to elect).
   *
   * @param url a JDBC URL.
   * @return true for {@code jdbc:postgresql:}.
   */
  public static boolean applies(String url) {
    return url != null && url.startsWith("jdbc:postgresql:");
  }

  /**
   * Takes the database for this instance.
   *
   * @param url the database (PostgreSQL).
   * @param user its user.
   * @param password its password, or null.
   * @param standby whether to wait for the owner to go instead of refusing to start.
   * @param poll how often a standby tries again.
   * @param check how often the owner confirms it still holds the lock.
   * @param onLost run once (on a thread of its own) when the lock turns out to be lost.
   * @return the ownership, held.
   * @throws ConfigurationProblem if another instance owns it and this one is not a standby, or the
   *     database cannot be reached.
   * @throws InterruptedException if interrupted while standing by.
   */
  public static DatabaseOwnership take(
      String url,
      String user,
      String password,
      boolean standby,
      Duration poll,
      Duration check,
      Runnable onLost)
      throws InterruptedException {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    String name = instanceName();
    p.setProperty("ApplicationName", name);
    DatabaseOwnership o = new DatabaseOwnership(url, p, name, check);
    boolean said = false;
    while (true) {
      String holder = o.tryTake();
      if (holder == null) {
        break;
      }
      if (!standby) {
        o.close();
        throw new ConfigurationProblem(
            "stressflow.database.standby",
            "the lab's database is owned by another running instance (" + holder + ")",
            "Stop that instance first, or start this one as its standby with"
                + " stressflow.database.standby=true: it then takes the lab over when the owner"
                + " goes.",
            null);
      }
      if (!said) {
        log.info(
            "Standing by: the lab's database is owned by {}; this instance ({}) takes over when it"
                + " goes",
            holder,
            name);
        said = true;
      }
      Thread.sleep(poll.toMillis());
    }
    log.info("This instance ({}) owns the lab's database", name);
    o.startChecking(onLost);
    return o;
  }

  /** Tries the lock once: null when taken, else who holds it. */
  private String tryTake() {
    try {
      if (connection == null || connection.isClosed()) {
        connection = DriverManager.getConnection(url, credentials);
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
          // the server drops this session when the instance is gone without closing it: after
          // the keepalive, which is longer than the lease, so a cut-off owner has stopped writing
          long idle = Math.max(2, check.toSeconds() * 2 + 1);
          s.execute("SET tcp_keepalives_idle = " + idle);
          s.execute("SET tcp_keepalives_interval = 1");
          s.execute("SET tcp_keepalives_count = 2");
        }
      }
      try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        s.setLong(1, LOCK_KEY);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          if (r.getBoolean(1)) {
            owned = true;
            confirmedNanos = System.nanoTime();
            return null;
          }
        }
      }
      return holder();
    } catch (SQLException e) {
      closeConnection();
      throw new ConfigurationProblem(
          "spring.datasource.url",
          "cannot reach the lab's database to take ownership of it: " + e.getMessage(),
          "Check spring.datasource.url, username and password, and that the server runs.",
          e);
    }
  }

  /** Who holds the lock, for people: its application name, address and since when. */
  private String holder() throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT a.application_name, a.client_addr, a.backend_start FROM pg_locks l JOIN"
                + " pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND"
                + " l.granted AND l.classid = ? AND l.objid = ?")) {
      s.setLong(1, LOCK_KEY >>> 32);
      s.setLong(2, LOCK_KEY & 0xFFFFFFFFL);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return "an instance that is just going";
        }
        String app = r.getString(1);
        return "%s from %s since %s"
            .formatted(
                app == null || app.isBlank() ? "an unnamed session" : app,
                r.getString(2) == null ? "a local socket" : r.getString(2),
                r.getTimestamp(3) == null ? "?" : r.getTimestamp(3).toInstant());
      }
    }
  }

  private void startChecking(Runnable onLost) {
    checker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "database-ownership");
              t.setDaemon(true);
              return t;
            });
    long ms = check.toMillis();
    checker.scheduleWithFixedDelay(() -> confirm(onLost), ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Confirms the lock is still held on its session; when not, fences and reports once. */
  void confirm(Runnable onLost) {
    if (!owned || closed) {
      return;
    }
    boolean held;
    String why;
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid ="
                + " pg_backend_pid() AND classid = ? AND objid = ?")) {
      s.setQueryTimeout((int) Math.max(1, check.toSeconds()));
      s.setLong(1, LOCK_KEY >>> 32);
      s.setLong(2, LOCK_KEY & 0xFFFFFFFFL);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        held = r.getLong(1) > 0;
        why = held ? null : "the lock is no longer held by this session";
      }
    } catch (SQLException e) {
      held = false;
      why = "its session is gone (" + e.getMessage() + ")";
    }
    if (held) {
      confirmedNanos = System.nanoTime();
      return;
    }
    owned = false;
    log.error(
        "This instance ({}) lost the ownership of the lab's database: {}. Chamber writes are"
            + " fenced; the application closes so that the standby takes over.",
        name,
        why);
    closeConnection();
    Thread t = new Thread(onLost, "ownership-lost");
    t.setDaemon(false);
    t.start();
  }

  /**
   * Whether this instance may write to chambers now: it owns the database and confirmed it less
   * than two check intervals ago.
   */
  public boolean writesAllowed() {
    return owned && !closed && System.nanoTime() - confirmedNanos < 2 * check.toNanos();
  }

  /** This instance's name in the database's session list: host/pid. */
  public String name() {
    return name;
  }

  /** The backend process of the lock's session (a test ends it to cut the owner off). */
  public int sessionPid() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
      r.next();
      return r.getInt(1);
    }
  }

  /** Gives the database up (the lock goes with the session). */
  @Override
  public void close() {
    closed = true;
    owned = false;
    if (checker != null) {
      checker.shutdownNow();
    }
    closeConnection();
  }

  private void closeConnection() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // the session is gone either way
      }
    }
  }

  private static String instanceName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "localhost";
    }
    int n = INSTANCES.incrementAndGet();
    return "stressflow "
        + host
        + "/"
        + ManagementFactory.getRuntimeMXBean().getPid()
        + (n > 1 ? "#" + n : "");
  }
}

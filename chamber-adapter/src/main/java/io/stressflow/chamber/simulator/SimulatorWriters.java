package io.stressflow.chamber.simulator;

import java.net.SocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who writes to a simulated controller: every Modbus TCP connection that has written a register or
 * coil, and how many of them were open at once. A real controller takes writes from whoever sends
 * them, so a lab with two instances that both believed they drove the chamber would show two open
 * writing connections here; a test asserts {@link #maxConcurrent()} is 1.
 *
 * <p>A connection counts as a writer from its first write until it closes (a killed process's
 * connections close with it). Thread-safe.
 */
public final class SimulatorWriters {

  /**
   * One writing connection.
   *
   * @param connection the peer's address, e.g. {@code /127.0.0.1:41234}.
   * @param firstWrite when it first wrote.
   * @param lastWrite when it last wrote.
   * @param writes how many writes it made.
   */
  public record Writer(String connection, Instant firstWrite, Instant lastWrite, long writes) {}

  private final Supplier<Set<SocketAddress>> open;
  private final Clock clock;
  private final Map<SocketAddress, Writer> writers = new LinkedHashMap<>();
  private int maxConcurrent;

  SimulatorWriters(Supplier<Set<SocketAddress>> open, Clock clock) {
    this.open = open;
    this.clock = clock;
  }

  /** Records a write from {@code peer} (null when the transport gives none, e.g. serial). */
  void wrote(SocketAddress peer) {
    if (peer == null) {
      return;
    }
    Set<SocketAddress> openNow = open.get();
    Instant now = clock.instant();
    synchronized (this) {
      Writer w = writers.get(peer);
      writers.put(
          peer,
          w == null
              ? new Writer(peer.toString(), now, now, 1)
              : new Writer(w.connection(), w.firstWrite(), now, w.writes() + 1));
      int concurrent = 1;
      for (SocketAddress other : writers.keySet()) {
        if (!other.equals(peer) && openNow.contains(other)) {
          concurrent++;
        }
      }
      maxConcurrent = Math.max(maxConcurrent, concurrent);
    }
  }

  /**
   * The most writing connections that were open at once, at any write so far.
   *
   * @return 0 before the first write; 1 while only ever one connection at a time wrote.
   */
  public synchronized int maxConcurrent() {
    return maxConcurrent;
  }

  /**
   * Every connection that has written, in the order of their first write.
   *
   * @return a snapshot.
   */
  public synchronized List<Writer> writers() {
    return new ArrayList<>(writers.values());
  }
}

package io.stressflow.workflows.chamber;

import io.stressflow.chamber.Chamber;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.chamber.Setpoint;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A chamber driver that connects when first used if the controller could not be reached at start,
 * so one chamber out for service does not stop a lab's application. Once connected, the Modbus
 * driver reconnects by itself; until then every call tries to connect (at most once per {@link
 * #RETRY_MILLIS}) and fails with the connection's error.
 */
final class ReconnectingChamber implements Chamber {

  static final long RETRY_MILLIS = 5_000;

  /** Opens the connection. */
  @FunctionalInterface
  interface Connector {
    Chamber connect() throws ChamberException;
  }

  private final String id;
  private final Connector connector;
  private volatile Chamber delegate;
  private volatile long lastAttempt;
  private volatile ChamberException lastError;
  private volatile boolean closed;
  private final java.util.function.BooleanSupplier writesAllowed;

  private ReconnectingChamber(
      String id, Connector connector, java.util.function.BooleanSupplier writesAllowed) {
    this.id = id;
    this.connector = connector;
    this.writesAllowed = writesAllowed;
  }

  /**
   * Connects now if it can.
   *
   * @param id the chamber, for messages.
   * @param connector opens the connection.
   * @param failFast throw if the first connection fails, instead of trying again on use.
   * @return the driver.
   * @throws ChamberException with {@code failFast}, if the first connection fails.
   */
  static Chamber connect(String id, Connector connector, boolean failFast) throws ChamberException {
    return connect(id, connector, failFast, () -> true);
  }

  /**
   * Connects now if it can; its writes (setpoints, modes, safe state) are refused while {@code
   * writesAllowed} says no: another instance may own the lab.
   *
   * @param id the chamber, for messages.
   * @param connector opens the connection.
   * @param failFast throw if the first connection fails, instead of trying again on use.
   * @param writesAllowed whether this instance may write to the chamber now.
   * @return the driver.
   * @throws ChamberException with {@code failFast}, if the first connection fails.
   */
  static Chamber connect(
      String id,
      Connector connector,
      boolean failFast,
      java.util.function.BooleanSupplier writesAllowed)
      throws ChamberException {
    ReconnectingChamber c = new ReconnectingChamber(id, connector, writesAllowed);
    try {
      c.delegate = connector.connect();
    } catch (ChamberException e) {
      if (failFast) {
        throw e;
      }
      c.lastAttempt = System.currentTimeMillis();
      c.lastError = e;
      org.slf4j.LoggerFactory.getLogger(ReconnectingChamber.class)
          .warn(
              "Chamber '{}' cannot be reached yet ({}); trying again when it is used",
              id,
              e.getMessage());
    }
    return c;
  }

  private synchronized Chamber delegate() throws ChamberException {
    Chamber d = delegate;
    if (d != null) {
      return d;
    }
    if (closed) {
      throw new ChamberException("Chamber '" + id + "' is closed");
    }
    long now = System.currentTimeMillis();
    if (lastError != null && now - lastAttempt < RETRY_MILLIS) {
      throw lastError;
    }
    lastAttempt = now;
    try {
      delegate = connector.connect();
      lastError = null;
      org.slf4j.LoggerFactory.getLogger(ReconnectingChamber.class)
          .info("Chamber '{}' connected", id);
      return delegate;
    } catch (ChamberException e) {
      lastError = e;
      throw e;
    }
  }

  private <T> CompletionStage<T> call(Function<Chamber, CompletionStage<T>> f) {
    try {
      return f.apply(delegate());
    } catch (ChamberException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<ChamberState> readAsync() {
    return call(Chamber::readAsync);
  }

  /** A write: refused while this instance may not write to chambers. */
  private CompletionStage<Void> write(Function<Chamber, CompletionStage<Void>> f) {
    if (!writesAllowed.getAsBoolean()) {
      return CompletableFuture.failedFuture(
          new ChamberException(
              "Chamber '"
                  + id
                  + "': write refused, this instance does not own the lab's database (fenced)"));
    }
    return call(f);
  }

  @Override
  public CompletionStage<Void> applyAsync(Setpoint setpoint) {
    return write(c -> c.applyAsync(setpoint));
  }

  @Override
  public CompletionStage<Void> modeAsync(OperatingMode mode) {
    return write(c -> c.modeAsync(mode));
  }

  @Override
  public CompletionStage<Void> safeStateAsync() {
    return write(Chamber::safeStateAsync);
  }

  @Override
  public synchronized void close() {
    closed = true;
    Chamber d = delegate;
    if (d != null) {
      d.close();
    }
  }
}

package io.stressflow.chamber;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * One climatic chamber, as the orchestrator sees it: air (and, where the controller has one, load)
 * temperature, humidity, an operating mode, alarms and a door. Nothing here mentions registers,
 * function codes or word orders; those belong to the implementation (for example {@code
 * io.stressflow.chamber.modbus.ModbusChamber}).
 *
 * <h2>Lifecycle</h2>
 *
 * <p>An implementation is connected when it is obtained (e.g. {@code ModbusChamber.connect}) and
 * stays usable until {@link #close()}. A lost connection is not the end of the object: the
 * implementation reconnects on its own (with backoff) and the calls made meanwhile fail with a
 * {@link ChamberConnectException} or {@link ChamberTimeoutException}. Callers poll with {@link
 * #read()} (about once a second) and record a failed poll as a missed sample; they do not need to
 * recreate the chamber.
 *
 * <h2>Commands</h2>
 *
 * <ul>
 *   <li>{@link #apply(Setpoint)} writes the temperature setpoint, the ramp rate (if the controller
 *       has one) and the humidity setpoint or "humidity off". It does not change the operating
 *       mode.
 *   <li>{@link #start()} puts the chamber into {@link OperatingMode#RUNNING}: it conditions the air
 *       towards the setpoint.
 *   <li>{@link #stop()} puts it into {@link OperatingMode#OFF}: no conditioning; the air drifts
 *       towards ambient.
 *   <li>{@link #standby()} puts it into {@link OperatingMode#STANDBY}: powered and ready, not
 *       conditioning. Controllers without a standby mode throw {@link
 *       UnsupportedOperationException}.
 *   <li>{@link #safeState()} is what the orchestrator calls on a chamber alarm or when it loses
 *       track of a campaign: humidity off first (so nothing condenses on the modules; to the
 *       chamber's minimum humidity where the controller cannot switch it off), then the temperature
 *       setpoint to the chamber's safe temperature (ambient, from its {@link ChamberLimits}) with
 *       no ramp limit, then {@link OperatingMode#RUNNING} so the load is actively brought back to
 *       ambient rather than left to drift.
 * </ul>
 *
 * <h2>Safety</h2>
 *
 * <p>Every command is checked against the chamber's {@link ChamberLimits} <em>before any I/O</em>:
 * a setpoint outside the rated range, a ramp faster than the chamber's maximum, or humidity outside
 * its temperature window is refused with a {@link SafetyLimitException} and nothing is written. The
 * over-temperature limit is independent hardware: it is reported through {@link
 * ChamberState#alarms()} and is never written.
 *
 * <h2>Errors</h2>
 *
 * <p>Expected faults are checked {@link ChamberException}s: {@link ChamberTimeoutException} (no
 * answer within the request timeout), {@link ChamberConnectException} (no connection), {@link
 * ChamberRejectedException} (the controller answered with a Modbus exception code). Bad arguments
 * and configuration errors are unchecked ({@link IllegalArgumentException}, {@link
 * IllegalStateException}).
 *
 * <h2>Sync and async</h2>
 *
 * <p>Every synchronous method waits on its asynchronous twin (or an equivalent stage); the
 * asynchronous forms complete exceptionally with the same {@link ChamberException}s. The sync forms
 * unwrap {@link ExecutionException} into the typed exception and, when interrupted, restore the
 * thread's interrupt flag before throwing a {@link ChamberException}. Implementations must be safe
 * to call from several threads; writes that belong together (one {@link Setpoint}) are not
 * interleaved with another {@code apply}.
 */
public interface Chamber extends AutoCloseable {

  /**
   * Reads the full state of the chamber in one poll.
   *
   * @return the state, time-stamped when the answer arrived.
   * @throws ChamberException if the chamber cannot be read.
   */
  default ChamberState read() throws ChamberException {
    return await(readAsync());
  }

  /**
   * Reads the full state of the chamber in one poll, without blocking.
   *
   * @return a stage completing with the state, or exceptionally with a {@link ChamberException}.
   */
  CompletionStage<ChamberState> readAsync();

  /**
   * Writes a setpoint: temperature, ramp rate and humidity (or humidity off).
   *
   * @param setpoint the setpoint; checked against the chamber's limits before any I/O.
   * @throws ChamberException if the write fails.
   * @throws SafetyLimitException if the setpoint violates the chamber's limits.
   */
  default void apply(Setpoint setpoint) throws ChamberException {
    await(applyAsync(setpoint));
  }

  /**
   * Writes a setpoint without blocking.
   *
   * @param setpoint the setpoint; checked against the chamber's limits before any I/O.
   * @return a stage completing when every register is written.
   * @throws SafetyLimitException if the setpoint violates the chamber's limits (thrown directly,
   *     not through the stage, because nothing was sent).
   */
  CompletionStage<Void> applyAsync(Setpoint setpoint);

  /**
   * Starts conditioning: mode {@link OperatingMode#RUNNING}.
   *
   * @throws ChamberException if the write fails.
   */
  default void start() throws ChamberException {
    await(modeAsync(OperatingMode.RUNNING));
  }

  /**
   * Stops conditioning: mode {@link OperatingMode#OFF}.
   *
   * @throws ChamberException if the write fails.
   */
  default void stop() throws ChamberException {
    await(modeAsync(OperatingMode.OFF));
  }

  /**
   * Puts the chamber in standby: mode {@link OperatingMode#STANDBY}.
   *
   * @throws ChamberException if the write fails.
   * @throws UnsupportedOperationException if the controller has no standby mode.
   */
  default void standby() throws ChamberException {
    await(modeAsync(OperatingMode.STANDBY));
  }

  /**
   * Brings the chamber to its safe state (see the type's Javadoc).
   *
   * @throws ChamberException if a write fails; the caller should retry.
   */
  default void safeState() throws ChamberException {
    await(safeStateAsync());
  }

  /**
   * Changes the operating mode without blocking.
   *
   * @param mode the mode to enter; {@link OperatingMode#UNKNOWN} is refused.
   * @return a stage completing when the mode is written.
   * @throws UnsupportedOperationException if the controller has no such mode.
   */
  CompletionStage<Void> modeAsync(OperatingMode mode);

  /**
   * Brings the chamber to its safe state without blocking.
   *
   * @return a stage completing when every write is done.
   */
  CompletionStage<Void> safeStateAsync();

  /** Closes the connection and releases its resources; idempotent, never throws. */
  @Override
  void close();

  /**
   * Waits for a stage the way every sync method here does: {@link ExecutionException} is unwrapped
   * into the typed {@link ChamberException}, an interrupt restores the flag.
   *
   * @param stage the stage to wait for.
   * @param <T> the stage's value type.
   * @return the stage's value.
   * @throws ChamberException the stage's failure, or a wrapper for anything unexpected.
   */
  static <T> T await(CompletionStage<T> stage) throws ChamberException {
    try {
      return stage.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChamberException("Expected a chamber answer, but the caller was interrupted", e);
    } catch (ExecutionException | CompletionException e) {
      throw ChamberException.unwrap(e);
    } catch (CancellationException e) {
      throw new ChamberException("Expected a chamber answer, but the request was cancelled", e);
    }
  }
}

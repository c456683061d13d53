package io.stressflow.chamber.simulator;

import java.util.OptionalInt;

/**
 * Faults of a running {@link ChamberSimulator}, switchable at run time from any thread. Each takes
 * effect on the next request (or tick, for the physical ones) and stays until switched off or
 * {@link #clear()}ed.
 */
public final class SimulatorFaults {

  private final Runnable dropAction;
  private volatile boolean silent;
  private volatile boolean garbage;
  private volatile int exceptionCode = -1;
  private volatile boolean frozenSensor;
  private volatile boolean overTemperature;
  private volatile boolean doorOpen;
  private volatile boolean humidifierDry;

  SimulatorFaults(Runnable dropAction) {
    this.dropAction = dropAction;
  }

  /**
   * Stops answering (requests are read and dropped) or resumes; the driver sees timeouts.
   *
   * @param on {@code true} to stop answering.
   * @return this.
   */
  public SimulatorFaults silent(boolean on) {
    this.silent = on;
    return this;
  }

  /**
   * Answers every request with bytes that are not a valid frame, or stops doing so.
   *
   * @param on {@code true} to answer garbage.
   * @return this.
   */
  public SimulatorFaults garbage(boolean on) {
    this.garbage = on;
    return this;
  }

  /**
   * Answers every request with a Modbus exception response.
   *
   * @param code the exception code, range [0x01, 0xFF], e.g. 0x02 ILLEGAL_DATA_ADDRESS.
   * @return this.
   */
  public SimulatorFaults exceptionCode(int code) {
    if (code < 1 || code > 0xFF) {
      throw new IllegalArgumentException(
          "Expected an exception code within [0x01, 0xFF], but was " + code);
    }
    this.exceptionCode = code;
    return this;
  }

  /**
   * Stops answering with exception responses.
   *
   * @return this.
   */
  public SimulatorFaults clearExceptionCode() {
    this.exceptionCode = -1;
    return this;
  }

  /**
   * Closes every open client connection now (a one-shot event; new connections are accepted).
   *
   * @return this.
   */
  public SimulatorFaults dropConnections() {
    dropAction.run();
    return this;
  }

  /**
   * Freezes the sensors: process values keep their last value while the physics goes on.
   *
   * @param on {@code true} to freeze.
   * @return this.
   */
  public SimulatorFaults frozenSensor(boolean on) {
    this.frozenSensor = on;
    return this;
  }

  /**
   * Forces the over-temperature alarm (as if the independent limit had tripped); conditioning stops
   * while it is on.
   *
   * @param on {@code true} to trip.
   * @return this.
   */
  public SimulatorFaults overTemperature(boolean on) {
    this.overTemperature = on;
    return this;
  }

  /**
   * Empties the humidifier's water supply (the commonest humidity fault): the controller keeps its
   * humidity setpoint, but the air's moisture drifts towards the room's while it is on.
   *
   * @param on {@code true} for an empty humidifier.
   * @return this.
   */
  public SimulatorFaults humidifierDry(boolean on) {
    this.humidifierDry = on;
    return this;
  }

  /**
   * Whether the humidifier has run dry.
   *
   * @return {@code true} if it has.
   */
  public boolean humidifierDry() {
    return humidifierDry;
  }

  /**
   * Opens or closes the door.
   *
   * @param open {@code true} for open.
   * @return this.
   */
  public SimulatorFaults doorOpen(boolean open) {
    this.doorOpen = open;
    return this;
  }

  /** Switches every fault off. */
  public void clear() {
    silent = false;
    garbage = false;
    exceptionCode = -1;
    frozenSensor = false;
    overTemperature = false;
    doorOpen = false;
    humidifierDry = false;
  }

  /**
   * Whether requests are dropped.
   *
   * @return {@code true} if silent.
   */
  public boolean silent() {
    return silent;
  }

  /**
   * Whether requests are answered with garbage.
   *
   * @return {@code true} if so.
   */
  public boolean garbage() {
    return garbage;
  }

  /**
   * The exception code every request is answered with, if any.
   *
   * @return the code, or empty.
   */
  public OptionalInt exceptionCode() {
    int code = exceptionCode;
    return code < 0 ? OptionalInt.empty() : OptionalInt.of(code);
  }

  /**
   * Whether the sensors are frozen.
   *
   * @return {@code true} if frozen.
   */
  public boolean frozenSensor() {
    return frozenSensor;
  }

  /**
   * Whether the over-temperature alarm is forced.
   *
   * @return {@code true} if forced.
   */
  public boolean overTemperature() {
    return overTemperature;
  }

  /**
   * Whether the door is open.
   *
   * @return {@code true} if open.
   */
  public boolean doorOpen() {
    return doorOpen;
  }
}

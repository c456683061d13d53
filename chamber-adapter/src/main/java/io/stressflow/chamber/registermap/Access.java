package io.stressflow.chamber.registermap;

/** Whether a register may be written by the driver. */
public enum Access {
  /** Read only, e.g. a process value or the over-temperature limit. */
  READ,
  /** Read and written, e.g. a setpoint; only allowed in writable tables. */
  READ_WRITE
}

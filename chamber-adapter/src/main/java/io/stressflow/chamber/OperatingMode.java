package io.stressflow.chamber;

/** What the chamber is doing, as far as the controller tells us. */
public enum OperatingMode {
  /** Not conditioning; the air drifts towards ambient. */
  OFF,
  /** Powered and ready, not conditioning. */
  STANDBY,
  /** Conditioning towards the setpoint (constant / manual / auto mode). */
  RUNNING,
  /** The controller reported a code that the register map does not name. */
  UNKNOWN
}

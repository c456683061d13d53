package io.stressflow.workflows.profile;

import io.stressflow.chamber.Chamber;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.chamber.Setpoint;

/** The one way profiles write a setpoint: write it, then make sure the chamber is running. */
final class ChamberControl {

  private ChamberControl() {}

  /**
   * Writes a setpoint and starts the chamber if it is not running.
   *
   * @param chamber the chamber.
   * @param setpoint the setpoint.
   * @param known a reading taken just now, or null to read the mode after the write; a chamber
   *     switched off at its panel would otherwise sit at its setpoint forever.
   * @throws ChamberException if the chamber refuses or does not answer.
   */
  static void writeAndRun(Chamber chamber, Setpoint setpoint, ChamberState known)
      throws ChamberException {
    chamber.apply(setpoint);
    OperatingMode mode = known != null ? known.mode() : chamber.read().mode();
    if (mode != OperatingMode.RUNNING) {
      chamber.start();
    }
  }
}

package io.stressflow.workflows.sampling;

import io.stressflow.workflows.sampling.cmis.CmisImage;

/**
 * The port to modules under test: reads a module's CMIS pages (lower page and upper pages 01h, 02h,
 * 11h) in one go. Implementations: the simulated fleet; a real host board or I2C/CMIS adapter is
 * the documented seam (it would read the same pages over the host's management interface and hand
 * them over unchanged).
 */
public interface ModuleProbe {

  /**
   * Reads one module's pages.
   *
   * @param serial the module's serial number.
   * @return the raw pages as read; decoding is {@link
   *     io.stressflow.workflows.sampling.cmis.Cmis}'s.
   * @throws ModuleSilentException if the module does not answer (dead, unplugged, I2C hung).
   */
  CmisImage read(String serial) throws ModuleSilentException;

  /**
   * A module has been placed on test under this serial; a real probe maps it to its host port, the
   * simulated fleet draws a unit for it.
   *
   * @param serial the module's serial number.
   */
  default void attach(String serial) {}

  /**
   * A module has been placed on test, powered or not while under stress (a plan's {@code powered},
   * by default from its stress type). A real probe powers its host port accordingly; the simulated
   * fleet ages an unpowered unit without laser wear-out. Read points power every module for the
   * read.
   *
   * @param serial the module's serial number.
   * @param powered true if it is powered under stress.
   */
  default void attach(String serial, boolean powered) {
    attach(serial);
  }

  /**
   * The module has left the chamber (unloaded at the end of its campaign): a real probe may close
   * its connection; the simulated fleet stops ageing it.
   *
   * @param serial the module's serial number.
   */
  default void detach(String serial) {}

  /**
   * A control sample has been placed on the measurement station under this serial: it is never
   * stressed (it stays outside the chamber, at lab ambient) and is measured with the modules under
   * test at the baseline and every read point, so that station drift shows up on it. A real probe
   * maps it to its station port; the simulated fleet draws a unit that does not age.
   *
   * @param serial the control's serial number.
   */
  default void attachControl(String serial) {
    attach(serial);
  }

  /** A module that did not answer its management interface. */
  class ModuleSilentException extends Exception {
    /**
     * Creates the exception.
     *
     * @param message which module, and how it failed to answer.
     */
    public ModuleSilentException(String message) {
      super(message);
    }
  }
}

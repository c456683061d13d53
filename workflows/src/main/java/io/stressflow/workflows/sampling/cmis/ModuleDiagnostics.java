package io.stressflow.workflows.sampling.cmis;

import java.util.List;
import java.util.Set;

/**
 * What one read of a module's CMIS pages says. A monitor the module does not advertise, or a page
 * that was short or missing, is null rather than zero, and {@link #problems} says why.
 *
 * @param state the module state.
 * @param temperature module temperature, degC (1/256 degC resolution), or null.
 * @param vcc supply voltage, V (100 µV resolution), or null.
 * @param lanes per-lane monitors, lanes 1–8 in order (empty if page 11h was not readable).
 * @param rxPowerIsAverage true if Rx power is average power, false if OMA.
 * @param thresholds the module's own thresholds from page 02h, or null.
 * @param flags the latched flags set in this read (clear-on-read: a flag is seen once).
 * @param problems what could not be decoded, for the record; empty for a clean read.
 */
public record ModuleDiagnostics(
    ModuleState state,
    Double temperature,
    Double vcc,
    List<Lane> lanes,
    boolean rxPowerIsAverage,
    Thresholds thresholds,
    Set<Flag> flags,
    List<String> problems) {

  public ModuleDiagnostics {
    lanes = List.copyOf(lanes);
    flags = Set.copyOf(flags);
    problems = List.copyOf(problems);
  }

  /**
   * One lane's monitors.
   *
   * @param lane lane number, 1–8.
   * @param txBiasMilliamps Tx bias current, mA (multiplier applied), or null if unsupported.
   * @param txPowerMilliwatts Tx optical power, mW (0.1 µW resolution), or null.
   * @param rxPowerMilliwatts Rx optical power, mW, or null.
   */
  public record Lane(
      int lane, Double txBiasMilliamps, Double txPowerMilliwatts, Double rxPowerMilliwatts) {

    /** Tx power in dBm, floored at -40 dBm for zero power; null if unsupported. */
    public Double txPowerDbm() {
      return Cmis.dbm(txPowerMilliwatts);
    }

    /** Rx power in dBm, floored at -40 dBm; null if unsupported. */
    public Double rxPowerDbm() {
      return Cmis.dbm(rxPowerMilliwatts);
    }
  }

  /**
   * Alarm and warning limits of one monitor: high alarm, low alarm, high warning, low warning.
   *
   * @param highAlarm HA.
   * @param lowAlarm LA.
   * @param highWarning HW.
   * @param lowWarning LW.
   */
  public record Limits(double highAlarm, double lowAlarm, double highWarning, double lowWarning) {}

  /**
   * Page 02h thresholds, in the monitors' units (degC, V, mW, mA, mW).
   *
   * @param temperature module temperature.
   * @param vcc supply voltage.
   * @param txPower Tx power.
   * @param txBias Tx bias (multiplier applied).
   * @param rxPower Rx power.
   */
  public record Thresholds(
      Limits temperature, Limits vcc, Limits txPower, Limits txBias, Limits rxPower) {}

  /**
   * A latched flag.
   *
   * @param monitor e.g. {@code TEMPERATURE}, {@code TX_POWER}.
   * @param level {@code HIGH_ALARM}, {@code LOW_ALARM}, {@code HIGH_WARNING}, {@code LOW_WARNING},
   *     or {@code LOS}/{@code FAULT} for lane conditions.
   * @param lane the lane, 1–8, or 0 for a module-level flag.
   */
  public record Flag(String monitor, String level, int lane) {
    @Override
    public String toString() {
      return lane == 0 ? monitor + "." + level : monitor + "." + level + "[" + lane + "]";
    }
  }
}

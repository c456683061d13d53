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
 * @param flatMemory true if the module advertises flat memory (lower page byte 2 bit 7): it has no
 *     upper pages 01h/02h/11h, so no lane monitors, thresholds or lane flags.
 * @param faultCause the module fault cause code (lower page byte 41), or null if not read; kept for
 *     failure analysis when the module is in {@link ModuleState#FAULT}.
 * @param dataPath each lane's data-path state (page 11h bytes 128–131), lanes 1–8 in order; empty
 *     if not read (then lanes are taken as active).
 */
public record ModuleDiagnostics(
    ModuleState state,
    Double temperature,
    Double vcc,
    List<Lane> lanes,
    boolean rxPowerIsAverage,
    Thresholds thresholds,
    Set<Flag> flags,
    List<String> problems,
    boolean flatMemory,
    Integer faultCause,
    List<DataPathState> dataPath) {

  public ModuleDiagnostics {
    lanes = List.copyOf(lanes);
    flags = Set.copyOf(flags);
    problems = List.copyOf(problems);
    dataPath = dataPath == null ? List.of() : List.copyOf(dataPath);
  }

  /**
   * A read of a paged module whose fault cause and data-path states were not read (e.g. rebuilt
   * from stored samples).
   *
   * @param state the module state.
   * @param temperature module temperature, degC, or null.
   * @param vcc supply voltage, V, or null.
   * @param lanes per-lane monitors.
   * @param rxPowerIsAverage true if Rx power is average power, false if OMA.
   * @param thresholds page 02h thresholds, or null.
   * @param flags latched flags.
   * @param problems what could not be decoded.
   */
  public ModuleDiagnostics(
      ModuleState state,
      Double temperature,
      Double vcc,
      List<Lane> lanes,
      boolean rxPowerIsAverage,
      Thresholds thresholds,
      Set<Flag> flags,
      List<String> problems) {
    this(
        state,
        temperature,
        vcc,
        lanes,
        rxPowerIsAverage,
        thresholds,
        flags,
        problems,
        false,
        null,
        List.of());
  }

  /**
   * Whether a lane's monitors can be judged: its data path is activated (or its state was not
   * read).
   *
   * @param lane lane number, 1–8.
   * @return true if the lane's data path is active or unknown.
   */
  public boolean laneActive(int lane) {
    return dataPath.size() < lane || dataPath.get(lane - 1) == DataPathState.ACTIVATED;
  }

  /**
   * The module fault cause for people (CMIS lower page byte 41; codes 1–3 as CMIS 5.x, 4–6 as
   * SONiC's CMIS code table lists them, 32–63 vendor-specific).
   *
   * @return e.g. {@code "TEC runaway (code 1)"}, or null if not read.
   */
  public String faultCauseText() {
    return faultCauseText(faultCause);
  }

  /**
   * A module fault cause code for people.
   *
   * @param faultCause the code (CMIS lower page byte 41), or null.
   * @return e.g. {@code "TEC runaway (code 1)"}, or null for null.
   */
  public static String faultCauseText(Integer faultCause) {
    if (faultCause == null) {
      return null;
    }
    String text =
        switch (faultCause) {
          case 0 -> "no fault detected";
          case 1 -> "TEC runaway";
          case 2 -> "data memory corrupted";
          case 3 -> "program memory corrupted";
          case 4 -> "transmitter fault";
          case 5 -> "receiver fault";
          case 6 -> "temperature-related fault";
          default -> faultCause >= 32 && faultCause <= 63 ? "vendor-specific fault" : "reserved";
        };
    return text + " (code " + faultCause + ")";
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
   * @param monitor e.g. {@code TEMPERATURE}, {@code VCC}, {@code TX_POWER}, {@code TX_BIAS}, {@code
   *     RX_POWER}, or {@code TX}/{@code RX} for lane conditions.
   * @param level {@code HIGH_ALARM}, {@code LOW_ALARM}, {@code HIGH_WARNING}, {@code LOW_WARNING},
   *     or {@code LOS}/{@code LOL}/{@code FAULT} for lane conditions.
   * @param lane the lane, 1–8, or 0 for a module-level flag.
   */
  public record Flag(String monitor, String level, int lane) {

    /**
     * A module temperature or supply flag: a condition the module reports about its environment.
     */
    public boolean environmental() {
      return monitor.equals("TEMPERATURE") || monitor.equals("VCC");
    }

    /** Loss of signal or lock, or a Tx fault: the lane does not work. */
    public boolean functional() {
      return level.equals("LOS") || level.equals("LOL") || level.equals("FAULT");
    }

    /** An alarm (not a warning) threshold crossing. */
    public boolean alarm() {
      return level.endsWith("ALARM");
    }

    @Override
    public String toString() {
      return lane == 0 ? monitor + "." + level : monitor + "." + level + "[" + lane + "]";
    }
  }
}

package io.stressflow.workflows.sampling.cmis;

import java.util.Map;

/**
 * Writes CMIS page images at the offsets {@link Cmis} reads: the simulated fleet serves real page
 * bytes through it, so the decoder is exercised for real. Values are in the monitors' units.
 */
public final class CmisPages {

  private final byte[] lower = new byte[CmisImage.PAGE];
  private final byte[] p01 = new byte[CmisImage.PAGE];
  private final byte[] p02 = new byte[CmisImage.PAGE];
  private final byte[] p11 = new byte[CmisImage.PAGE];

  /**
   * Starts an image of a module advertising every monitor, bias multiplier 1, average Rx power.
   *
   * @param state the module state.
   */
  public CmisPages(ModuleState state) {
    int code = state == ModuleState.UNKNOWN ? 7 : state.ordinal() + 1;
    lower[Cmis.STATE] = (byte) (code << 1);
    p01[Cmis.ADV_MODULE_MONITORS - 128] = 0x03;
    p01[Cmis.ADV_LANE_MONITORS - 128] = 0x07;
    p01[Cmis.ADV_RX_POWER_TYPE - 128] = 0x10;
    dataPath(DataPathState.ACTIVATED);
  }

  /** Every lane's data-path state. */
  public CmisPages dataPath(DataPathState state) {
    for (int lane = 1; lane <= Cmis.LANES; lane++) {
      dataPath(lane, state);
    }
    return this;
  }

  /** One lane's data-path state (page 11h bytes 128–131, odd lanes in the low nibble). */
  public CmisPages dataPath(int lane, DataPathState state) {
    int i = Cmis.DATA_PATH_STATE - 128 + (lane - 1) / 2;
    int shift = lane % 2 == 1 ? 0 : 4;
    p11[i] = (byte) ((p11[i] & ~(0x0F << shift)) | (state.code() << shift));
    return this;
  }

  /** The module fault cause code (lower page byte 41). */
  public CmisPages faultCause(int code) {
    lower[Cmis.FAULT_CAUSE] = (byte) code;
    return this;
  }

  /** Advertises flat memory (lower page byte 2 bit 7): the image then has no upper pages. */
  public CmisPages flatMemory() {
    lower[Cmis.MEMORY_MODEL] |= (byte) 0x80;
    return this;
  }

  /** Advertises Rx power as OMA (page 01h byte 151 bit 4 clear) instead of average power. */
  public CmisPages rxPowerOma() {
    p01[Cmis.ADV_RX_POWER_TYPE - 128] &= (byte) ~0x10;
    return this;
  }

  /** Module temperature, degC. */
  public CmisPages temperature(double celsius) {
    u16(lower, Cmis.TEMPERATURE, clampS16(Math.round(celsius * 256)) & 0xFFFF);
    return this;
  }

  /** Supply voltage, V. */
  public CmisPages vcc(double volts) {
    u16(lower, Cmis.VCC, clampU16(Math.round(volts / 100e-6)));
    return this;
  }

  /** One lane's monitors: bias mA, Tx and Rx power mW. */
  public CmisPages lane(int lane, double biasMilliamps, double txMilliwatts, double rxMilliwatts) {
    int o = 2 * (lane - 1);
    u16(p11, Cmis.TX_BIAS + o, clampU16(Math.round(biasMilliamps / 2e-3)));
    u16(p11, Cmis.TX_POWER + o, clampU16(Math.round(txMilliwatts / 1e-4)));
    u16(p11, Cmis.RX_POWER + o, clampU16(Math.round(rxMilliwatts / 1e-4)));
    return this;
  }

  /** Page 02h thresholds, in the monitors' units. */
  public CmisPages thresholds(ModuleDiagnostics.Thresholds t) {
    limits(Cmis.TH_TEMPERATURE, t.temperature(), 1 / 256.0, true);
    limits(Cmis.TH_VCC, t.vcc(), 100e-6, false);
    limits(Cmis.TH_TX_POWER, t.txPower(), 1e-4, false);
    limits(Cmis.TH_TX_BIAS, t.txBias(), 2e-3, false);
    limits(Cmis.TH_RX_POWER, t.rxPower(), 1e-4, false);
    return this;
  }

  /** Latches a flag, as the module would until the next read. */
  public CmisPages flag(ModuleDiagnostics.Flag flag) {
    int level =
        java.util.List.of("HIGH_ALARM", "LOW_ALARM", "HIGH_WARNING", "LOW_WARNING")
            .indexOf(flag.level());
    switch (flag.monitor()) {
      case "TEMPERATURE" -> lower[Cmis.MODULE_FLAGS_TEMP_VCC] |= (byte) (1 << level);
      case "VCC" -> lower[Cmis.MODULE_FLAGS_TEMP_VCC] |= (byte) (1 << (4 + level));
      case "TX_POWER" -> p11[Cmis.FLAG_TX_POWER + level - 128] |= (byte) (1 << (flag.lane() - 1));
      case "TX_BIAS" -> p11[Cmis.FLAG_TX_BIAS + level - 128] |= (byte) (1 << (flag.lane() - 1));
      case "RX_POWER" -> p11[Cmis.FLAG_RX_POWER + level - 128] |= (byte) (1 << (flag.lane() - 1));
      case "TX" ->
          p11[laneCondition(flag, Cmis.FLAG_TX_FAULT, Cmis.FLAG_TX_LOS, Cmis.FLAG_TX_LOL) - 128] |=
              (byte) (1 << (flag.lane() - 1));
      case "RX" ->
          p11[laneCondition(flag, -1, Cmis.FLAG_RX_LOS, Cmis.FLAG_RX_LOL) - 128] |=
              (byte) (1 << (flag.lane() - 1));
      default ->
          throw new IllegalArgumentException("Expected a CMIS monitor, but was " + flag.monitor());
    }
    return this;
  }

  /** The image (lower page only, for a flat-memory module). */
  public CmisImage image() {
    if ((lower[Cmis.MEMORY_MODEL] & 0x80) != 0) {
      return CmisImage.of(lower, Map.of());
    }
    return CmisImage.of(lower, Map.of(0x01, p01, 0x02, p02, 0x11, p11));
  }

  private static int laneCondition(ModuleDiagnostics.Flag flag, int fault, int los, int lol) {
    int address =
        switch (flag.level()) {
          case "FAULT" -> fault;
          case "LOS" -> los;
          case "LOL" -> lol;
          default -> -1;
        };
    if (address < 0) {
      throw new IllegalArgumentException(
          "Expected a lane condition of " + flag.monitor() + ", but was " + flag.level());
    }
    return address;
  }

  private void limits(int address, ModuleDiagnostics.Limits l, double lsb, boolean signed) {
    double[] v = {l.highAlarm(), l.lowAlarm(), l.highWarning(), l.lowWarning()};
    for (int k = 0; k < 4; k++) {
      long raw = Math.round(v[k] / lsb);
      u16(p02, address + 2 * k, signed ? clampS16(raw) & 0xFFFF : clampU16(raw));
    }
  }

  private static int clampU16(long v) {
    return (int) Math.max(0, Math.min(0xFFFF, v));
  }

  private static int clampS16(long v) {
    return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
  }

  private static void u16(byte[] page, int address, int value) {
    int i = address >= 128 ? address - 128 : address;
    page[i] = (byte) (value >> 8);
    page[i + 1] = (byte) value;
  }
}

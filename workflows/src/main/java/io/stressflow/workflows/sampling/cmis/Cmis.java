package io.stressflow.workflows.sampling.cmis;

import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Flag;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Lane;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Limits;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Thresholds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes QSFP-DD CMIS diagnostics from raw page bytes. Offsets and units are CMIS 5.x as
 * transcribed in the domain reference (section 3.3): byte addresses are CMIS's (lower page 0–127,
 * upper page 128–255). Every offset below was cross-checked against SONiC's CMIS memory map
 * (sonic-net/sonic-platform-common, {@code sonic_xcvr/mem_maps/public/cmis.py} before its split
 * into pages, and {@code codes/public/cmis.py}); the Rx power type, which SONiC does not map,
 * against ethtool's {@code cmis.h} ({@code CMIS_DIAG_TYPE_OFFSET 0x97}, mask {@code 0x10}). SONiC
 * maps page 01h byte 162 as Rx output signal-integrity (equalisation) control support, which is why
 * the Rx power type is not read there.
 *
 * <p>Module state is decoded before anything else: monitors are read only in a terminal state, and
 * a flat-memory module (lower page byte 2 bit 7) has no upper pages to read lanes from. Each lane's
 * data-path state is kept so the judge never takes a lane that is not activated for a power drop.
 *
 * <p>Never throws on bad data: a short or missing page leaves its values null and adds a problem.
 */
public final class Cmis {

  /** Lanes of a QSFP-DD SR8 module. */
  public static final int LANES = 8;

  // lower page
  static final int MEMORY_MODEL = 2; // bit 7: 1 flat memory (no upper pages beyond 00h)
  static final int STATE = 3; // bits 3-1
  static final int MODULE_FLAGS_TEMP_VCC = 9; // bits 0-3 temp HA/LA/HW/LW, 4-7 Vcc HA/LA/HW/LW
  static final int TEMPERATURE = 14; // S16, 1/256 degC
  static final int VCC = 16; // U16, 100 uV
  static final int FAULT_CAUSE = 41; // ModuleFaultCause code
  // page 01h: advertisement
  static final int ADV_MODULE_MONITORS = 159; // bit0 temperature, bit1 Vcc
  static final int ADV_LANE_MONITORS =
      160; // bit0 Tx bias, bit1 Tx power, bit2 Rx power, bits4-3 bias multiplier
  static final int ADV_RX_POWER_TYPE = 151; // bit4: 1 average, 0 OMA
  // page 02h: thresholds (HA, LA, HW, LW, two bytes each)
  static final int TH_TEMPERATURE = 128;
  static final int TH_VCC = 136;
  static final int TH_TX_POWER = 176;
  static final int TH_TX_BIAS = 184;
  static final int TH_RX_POWER = 192;
  // page 11h: data-path state, lane flags (latched, clear on read; one bit per lane) and monitors
  static final int DATA_PATH_STATE = 128; // 128..131, 4 bits per lane, odd lanes in bits 3-0
  static final int FLAG_TX_FAULT = 135;
  static final int FLAG_TX_LOS = 136;
  static final int FLAG_TX_LOL = 137; // Tx CDR loss of lock
  static final int FLAG_TX_POWER = 139; // HA, LA, HW, LW at 139..142
  static final int FLAG_TX_BIAS = 143; // HA, LA, HW, LW at 143..146
  static final int FLAG_RX_LOS = 147;
  static final int FLAG_RX_LOL = 148; // Rx CDR loss of lock
  static final int FLAG_RX_POWER = 149; // HA, LA, HW, LW at 149..152
  static final int TX_POWER = 154; // U16 per lane, 0.1 uW
  static final int TX_BIAS = 170; // U16 per lane, 2 uA x multiplier
  static final int RX_POWER = 186; // U16 per lane, 0.1 uW

  private static final String[] LEVELS = {"HIGH_ALARM", "LOW_ALARM", "HIGH_WARNING", "LOW_WARNING"};

  private Cmis() {}

  /**
   * Decodes one read.
   *
   * @param image the pages as read: lower page and upper pages 01h, 02h and 11h.
   * @return the diagnostics; values that could not be read are null, with the reason in {@code
   *     problems()}.
   */
  public static ModuleDiagnostics decode(CmisImage image) {
    List<String> problems = new ArrayList<>();
    byte[] lower = image.lowerUnsafe();
    ModuleState state = ModuleState.UNKNOWN;
    if (lower.length > STATE) {
      state = ModuleState.of((lower[STATE] >> 1) & 0x07);
    } else {
      problems.add("lower page: expected 128 bytes, but got " + lower.length);
    }
    boolean flat = lower.length > MEMORY_MODEL && (lower[MEMORY_MODEL] & 0x80) != 0;
    Integer faultCause = lower.length > FAULT_CAUSE ? lower[FAULT_CAUSE] & 0xFF : null;
    byte[] p01 = null;
    byte[] p02 = null;
    byte[] p11 = null;
    if (flat) {
      problems.add(
          "flat memory (lower page byte 2 bit 7): no pages 01h, 02h, 11h, so no lane monitors");
    } else {
      p01 = page(image, 0x01, problems);
      p02 = page(image, 0x02, problems);
      p11 = page(image, 0x11, problems);
    }
    boolean tempSupported = bit(p01, ADV_MODULE_MONITORS, 0, true);
    boolean vccSupported = bit(p01, ADV_MODULE_MONITORS, 1, true);
    boolean biasSupported = bit(p01, ADV_LANE_MONITORS, 0, true);
    boolean txSupported = bit(p01, ADV_LANE_MONITORS, 1, true);
    boolean rxSupported = bit(p01, ADV_LANE_MONITORS, 2, true);
    int multiplier = 1 << (p01 == null ? 0 : (p01[ADV_LANE_MONITORS - 128] >> 3) & 0x03);
    if (multiplier > 4) {
      problems.add("page 01h byte 160: reserved Tx bias multiplier code 3; assuming 1");
      multiplier = 1;
    }
    boolean rxAverage = bit(p01, ADV_RX_POWER_TYPE, 4, true);

    Double temperature = null;
    Double vcc = null;
    // a flat-memory module (a passive cable) has no monitors (SONiC: no temperature or voltage
    // support on flat memory)
    if (!state.terminal()) {
      problems.add("module state " + state + ": monitors not read outside a terminal state");
    } else if (!flat) {
      temperature =
          tempSupported
              ? s16(lower, TEMPERATURE, problems, "temperature")
              : unsupported(problems, "temperature");
      Double rawVcc =
          vccSupported ? u16(lower, VCC, problems, "Vcc") : unsupported(problems, "Vcc");
      vcc = rawVcc == null ? null : rawVcc * 100e-6;
      if (temperature != null) {
        temperature = temperature / 256.0;
      }
    }

    List<DataPathState> dataPath = new ArrayList<>();
    if (p11 != null && p11.length > DATA_PATH_STATE + 3 - 128) {
      for (int lane = 1; lane <= LANES; lane++) {
        int b = p11[DATA_PATH_STATE - 128 + (lane - 1) / 2] & 0xFF;
        dataPath.add(DataPathState.of(lane % 2 == 1 ? b & 0x0F : b >> 4));
      }
    }
    List<Lane> lanes = new ArrayList<>();
    if (p11 != null && state.terminal()) {
      for (int lane = 1; lane <= LANES; lane++) {
        int o = 2 * (lane - 1);
        Double bias =
            biasSupported
                ? mul(u16(p11, TX_BIAS + o, problems, "Tx bias"), 2e-3 * multiplier)
                : null;
        Double tx = txSupported ? mul(u16(p11, TX_POWER + o, problems, "Tx power"), 1e-4) : null;
        Double rx = rxSupported ? mul(u16(p11, RX_POWER + o, problems, "Rx power"), 1e-4) : null;
        lanes.add(new Lane(lane, bias, tx, rx));
      }
      if (!biasSupported) {
        problems.add("Tx bias monitor not supported (page 01h byte 160 bit 0)");
      }
      if (!txSupported) {
        problems.add("Tx power monitor not supported (page 01h byte 160 bit 1)");
      }
      if (!rxSupported) {
        problems.add("Rx power monitor not supported (page 01h byte 160 bit 2)");
      }
    }

    Thresholds thresholds = null;
    if (p02 != null && p02.length >= 72) {
      thresholds =
          new Thresholds(
              limits(p02, TH_TEMPERATURE, true, 1 / 256.0),
              limits(p02, TH_VCC, false, 100e-6),
              limits(p02, TH_TX_POWER, false, 1e-4),
              limits(p02, TH_TX_BIAS, false, 2e-3 * multiplier),
              limits(p02, TH_RX_POWER, false, 1e-4));
    }

    Set<Flag> flags = new LinkedHashSet<>();
    if (lower.length > MODULE_FLAGS_TEMP_VCC) {
      int f = lower[MODULE_FLAGS_TEMP_VCC] & 0xFF;
      for (int i = 0; i < 4; i++) {
        if ((f & (1 << i)) != 0) {
          flags.add(new Flag("TEMPERATURE", LEVELS[i], 0));
        }
        if ((f & (1 << (4 + i))) != 0) {
          flags.add(new Flag("VCC", LEVELS[i], 0));
        }
      }
    }
    if (p11 != null && p11.length > FLAG_RX_POWER + 3 - 128) {
      laneFlags(p11, FLAG_TX_POWER, "TX_POWER", flags);
      laneFlags(p11, FLAG_TX_BIAS, "TX_BIAS", flags);
      laneFlags(p11, FLAG_RX_POWER, "RX_POWER", flags);
      laneFlag(p11, FLAG_TX_FAULT, "TX", "FAULT", flags);
      laneFlag(p11, FLAG_TX_LOS, "TX", "LOS", flags);
      laneFlag(p11, FLAG_TX_LOL, "TX", "LOL", flags);
      laneFlag(p11, FLAG_RX_LOS, "RX", "LOS", flags);
      laneFlag(p11, FLAG_RX_LOL, "RX", "LOL", flags);
    }
    if (state == ModuleState.FAULT && faultCause != null) {
      problems.add("module fault cause (lower page byte 41): " + faultCause);
    }
    return new ModuleDiagnostics(
        state,
        temperature,
        vcc,
        lanes,
        rxAverage,
        thresholds,
        flags,
        problems,
        flat,
        faultCause,
        dataPath);
  }

  /** mW to dBm, floored at -40 dBm; null stays null. */
  static Double dbm(Double milliwatts) {
    if (milliwatts == null) {
      return null;
    }
    return milliwatts <= 1e-4 ? -40.0 : Math.max(-40.0, 10 * Math.log10(milliwatts));
  }

  private static byte[] page(CmisImage image, int page, List<String> problems) {
    byte[] bytes = image.upperUnsafe(page);
    if (bytes == null) {
      problems.add("page %02Xh: not read".formatted(page));
      return null;
    }
    if (bytes.length < CmisImage.PAGE) {
      problems.add("page %02Xh: expected 128 bytes, but got %d".formatted(page, bytes.length));
    }
    return bytes;
  }

  private static boolean bit(byte[] page, int address, int bit, boolean absent) {
    int i = address - 128;
    if (page == null || i >= page.length) {
      return absent;
    }
    return (page[i] & (1 << bit)) != 0;
  }

  private static Double unsupported(List<String> problems, String what) {
    problems.add(what + " monitor not supported (page 01h byte 159)");
    return null;
  }

  private static Double s16(byte[] bytes, int address, List<String> problems, String what) {
    int i = address >= 128 ? address - 128 : address;
    if (bytes.length < i + 2) {
      problems.add(what + ": bytes " + address + "-" + (address + 1) + " were not read");
      return null;
    }
    return (double) (short) (((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF));
  }

  private static Double u16(byte[] bytes, int address, List<String> problems, String what) {
    int i = address >= 128 ? address - 128 : address;
    if (bytes.length < i + 2) {
      problems.add(what + ": bytes " + address + "-" + (address + 1) + " were not read");
      return null;
    }
    return (double) (((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF));
  }

  private static Double mul(Double raw, double factor) {
    return raw == null ? null : raw * factor;
  }

  private static Limits limits(byte[] p02, int address, boolean signed, double scale) {
    double[] v = new double[4];
    for (int k = 0; k < 4; k++) {
      int i = address - 128 + 2 * k;
      int raw = ((p02[i] & 0xFF) << 8) | (p02[i + 1] & 0xFF);
      v[k] = (signed ? (short) raw : raw) * scale;
    }
    return new Limits(v[0], v[1], v[2], v[3]);
  }

  private static void laneFlags(byte[] p11, int first, String monitor, Set<Flag> flags) {
    for (int k = 0; k < 4; k++) {
      laneFlag(p11, first + k, monitor, LEVELS[k], flags);
    }
  }

  private static void laneFlag(
      byte[] p11, int address, String monitor, String level, Set<Flag> flags) {
    int bits = p11[address - 128] & 0xFF;
    for (int lane = 1; lane <= LANES; lane++) {
      if ((bits & (1 << (lane - 1))) != 0) {
        flags.add(new Flag(monitor, level, lane));
      }
    }
  }
}

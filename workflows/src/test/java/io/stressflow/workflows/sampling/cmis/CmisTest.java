package io.stressflow.workflows.sampling.cmis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Flag;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CMIS decoding from byte fixtures built here, byte by byte, at the documented offsets. */
class CmisTest {

  @Test
  void shouldDecodeAHealthyReadyModule() {
    Pages p = Pages.ready();
    p.s16(p.lower, 14, 35 * 256 + 128); // 35.5 degC
    p.u16(p.lower, 16, 33000); // 3.3 V
    for (int lane = 1; lane <= 8; lane++) {
      p.u16(p.p11, 154 + 2 * (lane - 1), 10000); // 1.0 mW = 0 dBm
      p.u16(p.p11, 170 + 2 * (lane - 1), 3000); // 6 mA at multiplier 1
      p.u16(p.p11, 186 + 2 * (lane - 1), 5012); // ~ -3 dBm
    }

    ModuleDiagnostics d = Cmis.decode(p.image());

    assertThat(d.state()).isEqualTo(ModuleState.READY);
    assertThat(d.temperature()).isEqualTo(35.5);
    assertThat(d.vcc()).isCloseTo(3.3, within(1e-9));
    assertThat(d.lanes()).hasSize(8);
    assertThat(d.lanes().get(7).txPowerDbm()).isCloseTo(0.0, within(1e-9));
    assertThat(d.lanes().get(0).txBiasMilliamps()).isCloseTo(6.0, within(1e-9));
    assertThat(d.lanes().get(3).rxPowerDbm()).isCloseTo(-3.0, within(0.001));
    assertThat(d.rxPowerIsAverage()).isTrue();
    assertThat(d.problems()).isEmpty();
    assertThat(d.flags()).isEmpty();
  }

  @Test
  void shouldDecodeLimitValues() {
    Pages p = Pages.ready();
    p.s16(p.lower, 14, -32768);
    p.u16(p.lower, 16, 65535);
    p.u16(p.p11, 154, 65535);
    p.u16(p.p11, 156, 0);

    ModuleDiagnostics d = Cmis.decode(p.image());

    assertThat(d.temperature()).isEqualTo(-128.0);
    assertThat(d.vcc()).isCloseTo(6.5535, within(1e-9));
    assertThat(d.lanes().get(0).txPowerMilliwatts()).isCloseTo(6.5535, within(1e-9));
    assertThat(d.lanes().get(0).txPowerDbm()).isCloseTo(8.165, within(0.001));
    assertThat(d.lanes().get(1).txPowerDbm()).isEqualTo(-40.0); // no light: floored, not -infinity

    p.s16(p.lower, 14, 32767);
    assertThat(Cmis.decode(p.image()).temperature()).isCloseTo(127.996, within(0.001));
  }

  @Test
  void shouldApplyTheAdvertisedBiasMultiplier() {
    for (int code = 0; code <= 2; code++) {
      Pages p = Pages.ready();
      p.p01[160 - 128] = (byte) (0x07 | (code << 3));
      p.u16(p.p11, 170, 1000);
      p.u16(p.p02, 184, 5000); // bias high alarm

      ModuleDiagnostics d = Cmis.decode(p.image());

      double multiplier = 1 << code;
      assertThat(d.lanes().get(0).txBiasMilliamps()).isCloseTo(2.0 * multiplier, within(1e-9));
      assertThat(d.thresholds().txBias().highAlarm()).isCloseTo(10.0 * multiplier, within(1e-9));
    }
  }

  @Test
  void shouldLeaveUnsupportedMonitorsNullAndSaySo() {
    Pages p = Pages.ready();
    p.p01[159 - 128] = 0x01; // temperature only, no Vcc
    p.p01[160 - 128] = 0x01; // bias only; no Tx or Rx power
    p.p01[151 - 128] = 0x00; // Rx power would be OMA

    ModuleDiagnostics d = Cmis.decode(p.image());

    assertThat(d.vcc()).isNull();
    assertThat(d.lanes().get(0).txPowerMilliwatts()).isNull();
    assertThat(d.lanes().get(0).txPowerDbm()).isNull();
    assertThat(d.lanes().get(0).rxPowerMilliwatts()).isNull();
    assertThat(d.lanes().get(0).txBiasMilliamps()).isNotNull();
    assertThat(d.rxPowerIsAverage()).isFalse();
    assertThat(d.problems())
        .contains(
            "Vcc monitor not supported (page 01h byte 159)",
            "Tx power monitor not supported (page 01h byte 160 bit 1)",
            "Rx power monitor not supported (page 01h byte 160 bit 2)");
  }

  @Test
  void shouldSurviveShortAndMissingPages() {
    Map<Integer, byte[]> upper = new HashMap<>();
    upper.put(0x11, new byte[20]); // short: bytes 128-147 only, monitors at 154.. were not read
    ModuleDiagnostics d = Cmis.decode(CmisImage.of(new byte[] {0, 0, 0, 0x06}, upper));

    assertThat(d.state()).isEqualTo(ModuleState.READY);
    assertThat(d.temperature()).isNull();
    assertThat(d.lanes()).allSatisfy(l -> assertThat(l.txPowerMilliwatts()).isNull());
    assertThat(d.problems())
        .contains(
            "page 01h: not read",
            "page 02h: not read",
            "page 11h: expected 128 bytes, but got 20",
            "temperature: bytes 14-15 were not read");
    assertThat(Cmis.decode(CmisImage.of(new byte[0], Map.of())).problems())
        .contains("lower page: expected 128 bytes, but got 0");
  }

  @Test
  void shouldNotReadMonitorsOutsideATerminalState() {
    Pages p = Pages.ready();
    p.lower[3] = (byte) (2 << 1); // powering up
    p.s16(p.lower, 14, 40 * 256);

    ModuleDiagnostics d = Cmis.decode(p.image());

    assertThat(d.state()).isEqualTo(ModuleState.POWERING_UP);
    assertThat(d.temperature()).isNull();
    assertThat(d.lanes()).isEmpty();
    assertThat(d.problems())
        .contains("module state POWERING_UP: monitors not read outside a terminal state");
  }

  @Test
  void shouldDecodeThresholdsAndLatchedFlags() {
    Pages p = Pages.ready();
    p.s16(p.p02, 128, 75 * 256); // temperature HA
    p.s16(p.p02, 130, -5 * 256); // LA
    p.u16(p.p02, 136, 36000); // Vcc HA 3.6 V
    p.lower[9] = 0x01; // temperature high alarm
    p.p11[139 - 128] = (byte) 0b0000_0100; // Tx power high alarm on lane 3
    p.p11[144 - 128] = (byte) 0b1000_0000; // Tx bias low alarm on lane 8

    ModuleDiagnostics d = Cmis.decode(p.image());

    assertThat(d.thresholds().temperature().highAlarm()).isEqualTo(75.0);
    assertThat(d.thresholds().temperature().lowAlarm()).isEqualTo(-5.0);
    assertThat(d.thresholds().vcc().highAlarm()).isCloseTo(3.6, within(1e-9));
    assertThat(d.flags())
        .containsExactlyInAnyOrder(
            new Flag("TEMPERATURE", "HIGH_ALARM", 0),
            new Flag("TX_POWER", "HIGH_ALARM", 3),
            new Flag("TX_BIAS", "LOW_ALARM", 8));
  }

  // Offsets below were compared with SONiC's CMIS memory map (sonic-net/sonic-platform-common,
  // sonic_xcvr/mem_maps/public/cmis.py at 1ae811aa, before its split into pages) and ethtool's
  // cmis.h for the Rx power type, which SONiC does not map.

  @Test
  void shouldReadTheRxPowerTypeFromPage01hByte151NotByte162() {
    Pages p = Pages.ready();
    p.p01[151 - 128] = 0x00; // OMA
    p.p01[162 - 128] = 0x10; // Rx output EQ post-cursor control supported: not the power type

    assertThat(Cmis.decode(p.image()).rxPowerIsAverage()).isFalse();

    p.p01[151 - 128] = 0x10;
    p.p01[162 - 128] = 0x00;
    assertThat(Cmis.decode(p.image()).rxPowerIsAverage()).isTrue();
  }

  @Test
  void shouldDecodeEachLanesDataPathStateOddLanesInTheLowNibble() {
    Pages p = Pages.ready();
    p.p11[128 - 128] = 0x14; // lane 1 activated (4), lane 2 deactivated (1)
    p.p11[131 - 128] = 0x72; // lane 7 init (2), lane 8 initialized (7)

    ModuleDiagnostics d = Cmis.decode(p.image());

    assertThat(d.dataPath())
        .containsExactly(
            DataPathState.ACTIVATED,
            DataPathState.DEACTIVATED,
            DataPathState.ACTIVATED,
            DataPathState.ACTIVATED,
            DataPathState.ACTIVATED,
            DataPathState.ACTIVATED,
            DataPathState.INIT,
            DataPathState.INITIALIZED);
    assertThat(d.laneActive(1)).isTrue();
    assertThat(d.laneActive(2)).isFalse();
  }

  @Test
  void shouldNotReadUpperPagesOfAFlatMemoryModule() {
    Pages p = Pages.ready();
    p.lower[2] = (byte) 0x80; // lower page byte 2 bit 7: flat memory
    p.u16(p.p11, 154, 10000);

    ModuleDiagnostics d = Cmis.decode(p.image());

    assertThat(d.flatMemory()).isTrue();
    assertThat(d.lanes()).isEmpty();
    assertThat(d.temperature()).isNull();
    assertThat(d.thresholds()).isNull();
    assertThat(d.problems()).anyMatch(x -> x.startsWith("flat memory (lower page byte 2 bit 7)"));
  }

  @Test
  void shouldKeepTheModuleFaultCause() {
    Pages p = Pages.ready();
    p.lower[3] = (byte) (5 << 1); // ModuleFault
    p.lower[41] = 2; // data memory corrupted

    ModuleDiagnostics d = Cmis.decode(p.image());

    assertThat(d.state()).isEqualTo(ModuleState.FAULT);
    assertThat(d.faultCause()).isEqualTo(2);
    assertThat(d.faultCauseText()).isEqualTo("data memory corrupted (code 2)");
    assertThat(d.lanes()).isEmpty();
  }

  @Test
  void shouldDecodeModuleAndLaneConditionFlagsAtTheirOffsets() {
    Pages p = Pages.ready();
    p.lower[9] = (byte) 0b1001_1000; // Vcc LW (bit 7), Vcc HA (bit 4), temperature LW (bit 3)
    p.p11[135 - 128] = 0x01; // Tx fault, lane 1
    p.p11[136 - 128] = 0x02; // Tx LOS, lane 2
    p.p11[137 - 128] = 0x04; // Tx CDR LOL, lane 3
    p.p11[147 - 128] = 0x08; // Rx LOS, lane 4
    p.p11[148 - 128] = 0x10; // Rx CDR LOL, lane 5
    p.p11[151 - 128] = 0x20; // Rx power high warning, lane 6 (page 11h, not 01h)

    assertThat(Cmis.decode(p.image()).flags())
        .containsExactlyInAnyOrder(
            new Flag("VCC", "LOW_WARNING", 0),
            new Flag("VCC", "HIGH_ALARM", 0),
            new Flag("TEMPERATURE", "LOW_WARNING", 0),
            new Flag("TX", "FAULT", 1),
            new Flag("TX", "LOS", 2),
            new Flag("TX", "LOL", 3),
            new Flag("RX", "LOS", 4),
            new Flag("RX", "LOL", 5),
            new Flag("RX_POWER", "HIGH_WARNING", 6));
  }

  @Test
  void shouldWriteWithCmisPagesWhatTheDecoderReadsAtTheSameOffsets() {
    CmisImage image =
        new CmisPages(ModuleState.FAULT)
            .faultCause(1)
            .dataPath(2, DataPathState.TX_TURN_ON)
            .rxPowerOma()
            .flag(new Flag("TX", "LOL", 3))
            .image();

    byte[] lower = image.lower();
    byte[] p01 = image.upper(0x01).orElseThrow();
    byte[] p11 = image.upper(0x11).orElseThrow();
    assertThat(lower[3]).isEqualTo((byte) (5 << 1));
    assertThat(lower[41]).isEqualTo((byte) 1);
    assertThat(p01[151 - 128] & 0x10).isZero();
    assertThat(p11[128 - 128]).isEqualTo((byte) 0x54); // lane 2 TxTurnOn (5), lane 1 activated
    assertThat(p11[137 - 128]).isEqualTo((byte) 0x04);
    assertThat(new CmisPages(ModuleState.READY).flatMemory().image().upper(0x11)).isEmpty();
  }

  @Test
  void shouldGiveLatchedFlagsSetAndClearTimes() {
    FlagLog log = new FlagLog();
    Flag alarm = new Flag("TX_POWER", "LOW_ALARM", 2);
    Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

    assertThat(log.record(Set.of(alarm), t0)).containsExactly(alarm);
    assertThat(log.record(Set.of(alarm), t0.plusSeconds(60))).isEmpty(); // still latched
    log.record(Set.of(), t0.plusSeconds(120));

    assertThat(log.open()).isEmpty();
    assertThat(log.closed()).containsExactly(new FlagLog.FlagEvent(alarm, t0, t0.plusSeconds(120)));
  }

  /** Page images of a READY module advertising every monitor, multiplier 1, average Rx power. */
  static final class Pages {
    final byte[] lower = new byte[128];
    final byte[] p01 = new byte[128];
    final byte[] p02 = new byte[128];
    final byte[] p11 = new byte[128];

    static Pages ready() {
      Pages p = new Pages();
      p.lower[3] = (byte) (3 << 1);
      p.p01[159 - 128] = 0x03;
      p.p01[160 - 128] = 0x07;
      p.p01[151 - 128] = 0x10; // Rx power measurement type: average
      for (int i = 128; i <= 131; i++) {
        p.p11[i - 128] = 0x44; // data path activated (4) on both lanes of each byte
      }
      return p;
    }

    void u16(byte[] page, int address, int value) {
      int i = address >= 128 ? address - 128 : address;
      page[i] = (byte) (value >> 8);
      page[i + 1] = (byte) value;
    }

    void s16(byte[] page, int address, int value) {
      u16(page, address, value & 0xFFFF);
    }

    CmisImage image() {
      return CmisImage.of(lower, Map.of(0x01, p01, 0x02, p02, 0x11, p11));
    }
  }
}

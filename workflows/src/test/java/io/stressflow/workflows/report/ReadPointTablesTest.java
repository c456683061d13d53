package io.stressflow.workflows.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report's read-point tables: drift against baseline per module and lane. */
class ReadPointTablesTest {

  /**
   * Modules of two lanes, a baseline (0 h) and read points "500 h" and "1000 h"; module {@code
   * worst} loses Tx power on lane 2: 1.0 → 0.80 → 0.50 mW, i.e. −0.97 and −3.01 dB, and has no
   * reading at 1000 h when {@code failedAt500}. Every other module's Tx power on lane 1 drops by
   * {@code 0.001 × its number} mW at 1000 h, so later modules drift more.
   */
  static List<ReadPointTables.Reading> readings(int modules, String worst, boolean failedAt500) {
    List<ReadPointTables.Reading> r = new ArrayList<>();
    for (int m = 1; m <= modules; m++) {
      String serial = "SR8-%04d".formatted(m);
      for (int lane = 1; lane <= 2; lane++) {
        boolean bad = serial.equals(worst) && lane == 2;
        double late = lane == 1 ? 1.0 - 0.001 * m : 1.0;
        r.add(new ReadPointTables.Reading(serial, lane, true, null, 0, 6.0, 1.0, 0.8));
        r.add(
            new ReadPointTables.Reading(
                serial, lane, false, "500 h", 500, 6.6, bad ? 0.8 : 1.0, 0.8));
        if (!(serial.equals(worst) && failedAt500)) {
          r.add(
              new ReadPointTables.Reading(
                  serial, lane, false, "1000 h", 1000, 6.0, bad ? 0.5 : late, 0.8));
        }
      }
    }
    return r;
  }

  @Test
  void showsEveryModuleAndLaneWithItsDriftAtEachReadPoint() {
    String md =
        ReadPointTables.leg(
            "dh", false, readings(2, "SR8-0002", false), Map.of("SR8-0002", Set.of(2)));

    assertThat(md)
        .startsWith("\n### Drift in leg dh\n\n")
        .contains("| module | lane | baseline: Tx dBm / Rx dBm / bias mA | 500 h | 1000 h |")
        // baseline 1.0 mW = 0.00 dBm, 0.8 mW = −0.97 dBm; bias 6.0 → 6.6 mA is +10 %
        .contains(
            "| SR8-0001 | 1 | 0.00 / −0.97 / 6.00 | 0.00 / 0.00 / +10.0 |" + " 0.00 / 0.00 / 0.0 |")
        .contains(
            "| SR8-0002 (failed) | 2 (failed) | 0.00 / −0.97 / 6.00 |"
                + " −0.97 / 0.00 / +10.0 | −3.01 / 0.00 / 0.0 |")
        .contains("| SR8-0002 (failed) | 1 | ")
        .doesNotContain(" of the leg's ");
    assertThat(md.lines().filter(l -> l.startsWith("| SR8-"))).hasSize(4);
  }

  @Test
  void aFailedModuleHasNoCellAfterItsFailure() {
    String md =
        ReadPointTables.leg(
            "dh", false, readings(2, "SR8-0002", true), Map.of("SR8-0002", Set.of()));

    // the whole module failed (no lanes named): every lane is marked
    assertThat(md)
        .contains("| SR8-0002 (failed) | 1 (failed) | 0.00 / −0.97 / 6.00 |")
        .contains(
            "| SR8-0002 (failed) | 2 (failed) | 0.00 / −0.97 / 6.00 |"
                + " −0.97 / 0.00 / +10.0 | - |");
  }

  @Test
  void aLegOfTwelveModulesShowsThemAll() {
    String md = ReadPointTables.leg("tc", true, readings(12, "SR8-0003", false), Map.of());

    assertThat(md).doesNotContain(" of the leg's ");
    assertThat(md.lines().filter(l -> l.startsWith("| SR8-"))).hasSize(24);
  }

  @Test
  void aLargerLegShowsItsFailedModulesAndTheFiveThatDriftMostAndSaysSo() {
    String md =
        ReadPointTables.leg(
            "tc", true, readings(20, "SR8-0003", false), Map.of("SR8-0003", Set.of(2)));

    assertThat(md)
        .contains(
            "6 of the leg's 20 modules: the 1 that failed and the 5 others with the largest Tx or"
                + " Rx power drift");
    // SR8-0003 failed; of the rest, 16..20 drift most (lane 1 loses 0.016..0.020 mW)
    List<String> shown =
        md.lines()
            .filter(l -> l.startsWith("| SR8-"))
            .map(l -> l.substring(2, 10))
            .distinct()
            .toList();
    assertThat(shown)
        .containsExactly("SR8-0003", "SR8-0016", "SR8-0017", "SR8-0018", "SR8-0019", "SR8-0020");
  }

  @Test
  void theLargestPowerDriftIsTheLargestTxOrRxChangeInDb() {
    List<ReadPointTables.Reading> lane =
        List.of(
            new ReadPointTables.Reading("M", 1, true, null, 0, 6.0, 1.0, 1.0),
            new ReadPointTables.Reading("M", 1, false, "a", 1, 9.0, 0.9, 1.0),
            new ReadPointTables.Reading("M", 1, false, "b", 2, 9.0, 1.0, 0.5));

    // Rx 1.0 → 0.5 mW is −3.0103 dB; the bias rise of 50 % is not a power drift
    assertThat(ReadPointTables.largestPowerDrift(List.of(lane)))
        .isCloseTo(10 * Math.log10(2), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aLegWithoutReadingsHasNoTable() {
    assertThat(ReadPointTables.leg("dh", false, List.of(), Map.of())).isEmpty();
  }
}

package io.stressflow.workflows.plan;

import java.util.List;
import java.util.stream.Stream;

/**
 * What makes a leg external: a test that runs outside the chambers, on a shock table, a shaker, an
 * ESD tester, in a freezer or a liquid thermal-shock bath, whose results lab staff enter through a
 * task (pass or fail per module, with a reference to the station's record). Stressflow drives no
 * equipment and reads no module for such a leg.
 *
 * @param test what is done: one of {@link Test}.
 * @param conditions the conditions, for people and the report, e.g. {@code 500 g, 1.0 ms half-sine,
 *     5 shocks per direction}.
 * @param station the station or tester that runs it, if known in advance.
 */
public record External(String test, String conditions, String station) {

  /** The kinds of external test a plan may name. */
  public enum Test {
    MECHANICAL_SHOCK,
    VIBRATION,
    ESD_HBM,
    COLD_STORAGE,
    THERMAL_SHOCK,
    OTHER;

    /** The names, in declaration order. */
    public static List<String> names() {
      return Stream.of(values()).map(Enum::name).toList();
    }
  }

  /**
   * This external part with every field it leaves out taken from {@code preset}.
   *
   * @param preset the preset's external part, or null.
   * @return the merged external part.
   */
  public External withDefaults(External preset) {
    if (preset == null) {
      return this;
    }
    return new External(
        test != null ? test : preset.test(),
        conditions != null ? conditions : preset.conditions(),
        station != null ? station : preset.station());
  }
}

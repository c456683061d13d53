package io.stressflow.workflows.plan;

import java.util.List;

/**
 * One stress on one sample group. Legs without {@code after} start when the campaign starts and run
 * in parallel (GR-468 practice); a leg with {@code after} starts when those legs have ended.
 *
 * @param id unique in the plan, e.g. {@code tc}.
 * @param name for people.
 * @param preset a preset to start from (its fields fill what this leg leaves out), or null.
 * @param stress the kind of stress, e.g. {@code TEMPERATURE_CYCLING}, {@code DAMP_HEAT}.
 * @param samples the serials of the modules stressed in this leg.
 * @param chamber the chamber it runs in.
 * @param chamberPool alternatively, chambers any one of which may run it.
 * @param after ids of legs that must end before this one starts.
 * @param profile the chamber profile.
 * @param readPoints when the modules are measured.
 * @param inSitu how often modules are polled during stress (ISO-8601 or {@code 10m}), or null.
 * @param failureCriteria when a module counts as failed.
 * @param acceptance how many failures the leg may have and still pass.
 * @param source where the leg's numbers come from.
 * @param powered whether the modules are powered (biased) while under stress; null means the stress
 *     type's default ({@link #poweredUnderStress()}): powered for damp heat and THB (biased
 *     humidity tests), unpowered for temperature cycling, storage and anything else.
 * @param external set for a leg run outside the chambers (mechanical shock, vibration, ESD, ...):
 *     no profile, read points or chamber; lab staff enter its results (README "External legs").
 */
public record Leg(
    String id,
    String name,
    String preset,
    String stress,
    List<String> samples,
    String chamber,
    List<String> chamberPool,
    List<String> after,
    Profile profile,
    ReadPoints readPoints,
    String inSitu,
    FailureCriteria failureCriteria,
    Acceptance acceptance,
    Source source,
    Boolean powered,
    External external) {

  /** Stress types whose modules are powered unless the leg says otherwise. */
  private static final java.util.Set<String> POWERED_STRESSES =
      java.util.Set.of("DAMP_HEAT", "THB", "TEMPERATURE_HUMIDITY_BIAS", "HAST", "OPERATING_LIFE");

  /**
   * A chamber leg (not external) whose powering is given.
   *
   * @param id unique in the plan.
   * @param name for people.
   * @param preset a preset to start from, or null.
   * @param stress the kind of stress.
   * @param samples the serials stressed.
   * @param chamber the chamber.
   * @param chamberPool alternative chambers.
   * @param after legs that must end first.
   * @param profile the chamber profile.
   * @param readPoints when modules are measured.
   * @param inSitu in-situ polling interval, or null.
   * @param failureCriteria when a module counts as failed.
   * @param acceptance the acceptance rule.
   * @param source where the numbers come from.
   * @param powered whether powered under stress, or null for the stress type's default.
   */
  public Leg(
      String id,
      String name,
      String preset,
      String stress,
      List<String> samples,
      String chamber,
      List<String> chamberPool,
      List<String> after,
      Profile profile,
      ReadPoints readPoints,
      String inSitu,
      FailureCriteria failureCriteria,
      Acceptance acceptance,
      Source source,
      Boolean powered) {
    this(
        id,
        name,
        preset,
        stress,
        samples,
        chamber,
        chamberPool,
        after,
        profile,
        readPoints,
        inSitu,
        failureCriteria,
        acceptance,
        source,
        powered,
        null);
  }

  public Leg {
    samples = samples == null ? List.of() : List.copyOf(samples);
    chamberPool = chamberPool == null ? List.of() : List.copyOf(chamberPool);
    after = after == null ? List.of() : List.copyOf(after);
  }

  /**
   * A leg whose powering follows its stress type.
   *
   * @param id unique in the plan.
   * @param name for people.
   * @param preset a preset to start from, or null.
   * @param stress the kind of stress.
   * @param samples the serials stressed.
   * @param chamber the chamber.
   * @param chamberPool alternative chambers.
   * @param after legs that must end first.
   * @param profile the chamber profile.
   * @param readPoints when modules are measured.
   * @param inSitu in-situ polling interval, or null.
   * @param failureCriteria when a module counts as failed.
   * @param acceptance the acceptance rule.
   * @param source where the numbers come from.
   */
  public Leg(
      String id,
      String name,
      String preset,
      String stress,
      List<String> samples,
      String chamber,
      List<String> chamberPool,
      List<String> after,
      Profile profile,
      ReadPoints readPoints,
      String inSitu,
      FailureCriteria failureCriteria,
      Acceptance acceptance,
      Source source) {
    this(
        id,
        name,
        preset,
        stress,
        samples,
        chamber,
        chamberPool,
        after,
        profile,
        readPoints,
        inSitu,
        failureCriteria,
        acceptance,
        source,
        null);
  }

  /**
   * Whether the modules are powered while under stress: {@code powered} if given, otherwise powered
   * for biased humidity stresses (DAMP_HEAT, THB, TEMPERATURE_HUMIDITY_BIAS, HAST) and
   * OPERATING_LIFE, unpowered for temperature cycling and storage (a −40/+85 °C cycle is a
   * non-operating stress for a 0–70 °C module; storage is unpowered by definition).
   */
  public boolean poweredUnderStress() {
    if (powered != null) {
      return powered;
    }
    return stress != null && POWERED_STRESSES.contains(stress.toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * This leg with every field it leaves out taken from {@code preset}.
   *
   * @param preset the preset's leg template.
   * @return the merged leg.
   */
  public Leg withDefaults(Leg preset) {
    return new Leg(
        id,
        name != null ? name : preset.name(),
        this.preset,
        stress != null ? stress : preset.stress(),
        samples,
        chamber,
        chamberPool,
        after,
        profile != null ? profile : preset.profile(),
        readPoints != null ? readPoints : preset.readPoints(),
        inSitu != null ? inSitu : preset.inSitu(),
        failureCriteria != null ? failureCriteria : preset.failureCriteria(),
        acceptance != null ? acceptance : preset.acceptance(),
        source != null ? source : preset.source(),
        powered != null ? powered : preset.powered(),
        external == null ? preset.external() : external.withDefaults(preset.external()));
  }

  /** Whether this leg runs outside the chambers, its results entered by lab staff. */
  public boolean outsideChamber() {
    return external != null;
  }

  /**
   * A chamber profile: the segments, in order, starting from the chamber at ambient (23 °C,
   * humidity off).
   *
   * @param segments the segments.
   * @param allowCondensation true where the stress is meant to condense (IEC 60068-2-30 Db);
   *     otherwise a ramp that would bring humid air onto a colder load is refused.
   */
  public record Profile(List<Segment> segments, Boolean allowCondensation) {
    public Profile {
      segments = segments == null ? List.of() : List.copyOf(segments);
    }

    /** Whether condensation is intended. */
    public boolean condensationAllowed() {
      return Boolean.TRUE.equals(allowCondensation);
    }
  }

  /**
   * When modules are measured, besides the baseline at 0, and how.
   *
   * @param unit {@code HOURS} or {@code CYCLES}.
   * @param at the read points, ascending, &gt; 0.
   * @param mode how a read point is measured: {@code RECOVERY} (default: stress is interrupted, the
   *     chamber brought to the recovery condition and held, the modules measured, stress resumed
   *     without credit for the break), {@code IN_SITU} (measured at the stress condition without
   *     interruption, for tests meant to measure at condition) or {@code LAB_TASK} (as recovery,
   *     but lab staff take the modules out, test them on the lab's station and record it in a task
   *     while the chamber holds the recovery condition).
   * @param recovery the recovery condition; null for the default (23 &plusmn; 2 &deg;C, humidity
   *     off, 1 h dwell on the load).
   */
  public record ReadPoints(Unit unit, List<Double> at, Mode mode, Recovery recovery) {
    public ReadPoints {
      at = at == null ? List.of() : List.copyOf(at);
    }

    /**
     * Read points measured after the default recovery.
     *
     * @param unit {@code HOURS} or {@code CYCLES}.
     * @param at the read points.
     */
    public ReadPoints(Unit unit, List<Double> at) {
      this(unit, at, null, null);
    }

    /** The mode, {@code RECOVERY} when the plan gives none. */
    public Mode effectiveMode() {
      return mode == null ? Mode.RECOVERY : mode;
    }

    /** The recovery condition, with defaults for what the plan leaves out. */
    public Recovery effectiveRecovery() {
      Recovery r = recovery == null ? new Recovery(null, null, null, null) : recovery;
      return new Recovery(
          r.temperature() == null ? Recovery.DEFAULT_TEMPERATURE : r.temperature(),
          r.band() == null ? Recovery.DEFAULT_BAND : r.band(),
          r.dwell() == null ? Recovery.DEFAULT_DWELL : r.dwell(),
          r.rate());
    }

    /** The unit of read points. */
    public enum Unit {
      HOURS,
      CYCLES
    }

    /** How a read point is measured. */
    public enum Mode {
      RECOVERY,
      IN_SITU,
      LAB_TASK
    }

    /**
     * The condition modules recover at before a read point (IEC 60068-1 standard atmospheric
     * conditions for measurement and recovery: 15–35 &deg;C; labs use 23 &plusmn; 2 &deg;C). The
     * chamber lowers humidity first (humidity off, then waits until its dew point is below the
     * recovery temperature, so cooling cannot condense on the load), then cools, then holds.
     *
     * @param temperature the recovery temperature, degC; default 23.
     * @param band the band around it the load must stay in during the dwell, K; default 2.
     * @param dwell how long the load is held in the band before measuring; default {@code PT1H}.
     * @param rate the ramp rate to and from the recovery condition, K/min; default the rate in
     *     force (or 2 K/min when the profile gives none).
     */
    public record Recovery(Double temperature, Double band, String dwell, Double rate) {
      /** Lab ambient, degC. */
      public static final double DEFAULT_TEMPERATURE = 23;

      /** &plusmn; K. */
      public static final double DEFAULT_BAND = 2;

      /** One hour, as IEC 60068 recovery periods are typically 1–2 h. */
      public static final String DEFAULT_DWELL = "PT1H";
    }
  }

  /**
   * When a module counts as failed. Drift is against the module's own baseline; absolute limits are
   * the product's datasheet or standard limits (plan data with a source, never code constants);
   * absent criteria are not applied. Drift and absolute limits are judged at read points; in situ
   * only alarms, module fault and silence are (DDM accuracy is coarser than these criteria).
   *
   * @param txPowerDropDb Tx power drop, dB (one-sided; superseded by {@code txPowerDriftDb}, kept
   *     so older plans read as before).
   * @param biasRisePercent Tx bias rise, percent.
   * @param rxPowerDropDb Rx power drop, dB.
   * @param moduleAlarms whether a latched module alarm fails the module (judged by kind: see
   *     FailureJudge).
   * @param txPowerMinDbm lowest Tx power of any lane, dBm (e.g. 400GBASE-SR8 average launch power).
   * @param rxPowerMinDbm lowest Rx power of any lane, dBm (e.g. 400GBASE-SR8 average receive
   *     power).
   * @param txBiasMaxMa highest Tx bias of any lane, mA (the laser's end-of-life bias).
   * @param temperatureMaxC highest module temperature, degC (the case temperature rating).
   * @param vccMinV lowest supply voltage, V.
   * @param vccMaxV highest supply voltage, V.
   * @param txPowerDriftDb Tx power change either way, dB: |Tx power − baseline| above it fails (an
   *     APC tracking error shows as a rise as well as a drop).
   */
  public record FailureCriteria(
      Double txPowerDropDb,
      Double biasRisePercent,
      Double rxPowerDropDb,
      Boolean moduleAlarms,
      Double txPowerMinDbm,
      Double rxPowerMinDbm,
      Double txBiasMaxMa,
      Double temperatureMaxC,
      Double vccMinV,
      Double vccMaxV,
      Double txPowerDriftDb) {

    /**
     * Criteria without a two-sided Tx drift limit (plans written before {@code txPowerDriftDb}).
     *
     * @param txPowerDropDb Tx power drop, dB.
     * @param biasRisePercent Tx bias rise, percent.
     * @param rxPowerDropDb Rx power drop, dB.
     * @param moduleAlarms whether a latched module alarm fails the module.
     * @param txPowerMinDbm lowest Tx power of any lane, dBm.
     * @param rxPowerMinDbm lowest Rx power of any lane, dBm.
     * @param txBiasMaxMa highest Tx bias of any lane, mA.
     * @param temperatureMaxC highest module temperature, degC.
     * @param vccMinV lowest supply voltage, V.
     * @param vccMaxV highest supply voltage, V.
     */
    public FailureCriteria(
        Double txPowerDropDb,
        Double biasRisePercent,
        Double rxPowerDropDb,
        Boolean moduleAlarms,
        Double txPowerMinDbm,
        Double rxPowerMinDbm,
        Double txBiasMaxMa,
        Double temperatureMaxC,
        Double vccMinV,
        Double vccMaxV) {
      this(
          txPowerDropDb,
          biasRisePercent,
          rxPowerDropDb,
          moduleAlarms,
          txPowerMinDbm,
          rxPowerMinDbm,
          txBiasMaxMa,
          temperatureMaxC,
          vccMinV,
          vccMaxV,
          null);
    }

    /**
     * Drift criteria only, without absolute limits.
     *
     * @param txPowerDropDb Tx power drop, dB.
     * @param biasRisePercent Tx bias rise, percent.
     * @param rxPowerDropDb Rx power drop, dB.
     * @param moduleAlarms whether a latched module alarm fails the module.
     */
    public FailureCriteria(
        Double txPowerDropDb, Double biasRisePercent, Double rxPowerDropDb, Boolean moduleAlarms) {
      this(
          txPowerDropDb,
          biasRisePercent,
          rxPowerDropDb,
          moduleAlarms,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }

    /**
     * These criteria as applied in situ: module alarms only (fault, loss of signal or lock, Tx
     * fault and silence always apply); never drift, never absolute limits.
     */
    public FailureCriteria inSitu() {
      return new FailureCriteria(null, null, null, moduleAlarms);
    }
  }

  /**
   * The leg's acceptance rule.
   *
   * @param sampleSize how many modules must be stressed.
   * @param allowedFailures how many may fail and the leg still pass.
   */
  public record Acceptance(Integer sampleSize, Integer allowedFailures) {}
}

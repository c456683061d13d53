package io.stressflow.workflows.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One step of a host-driven chamber profile. In a plan file each segment is a one-key object naming
 * its kind:
 *
 * <pre>
 * - ramp:     { to: -40, rate: 10, rateTolerance: 2 }     # K/min; or duration: PT15M
 * - soak:     { duration: PT30M, band: { below: 0, above: 10 }, measuredOn: LOAD }
 * - humidity: { setpoint: 85, tolerance: 5 }              # or { off: true }
 * - repeat:   { count: 500, segments: [ ... ] }           # one repetition = one cycle
 * </pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
  @JsonSubTypes.Type(value = Segment.Ramp.class, name = "ramp"),
  @JsonSubTypes.Type(value = Segment.Soak.class, name = "soak"),
  @JsonSubTypes.Type(value = Segment.Humidity.class, name = "humidity"),
  @JsonSubTypes.Type(value = Segment.Repeat.class, name = "repeat")
})
public sealed interface Segment {

  /**
   * Move the air setpoint to {@code to}, at a rate or over a time (exactly one of the two).
   *
   * @param to the target air temperature, degC.
   * @param rate the ramp rate, K/min, &gt; 0; or null with {@code duration}.
   * @param duration the ramp time (ISO-8601 such as {@code PT15M}, or {@code 15m}); or null.
   * @param rateTolerance how far the achieved rate (air, 10 % to 90 % of the swing) may be from the
   *     planned one, K/min; null to log the achieved rate without judging it.
   */
  record Ramp(Double to, Double rate, String duration, Double rateTolerance) implements Segment {

    /**
     * A ramp whose achieved rate is logged but not judged.
     *
     * @param to the target air temperature, degC.
     * @param rate K/min, or null.
     * @param duration the ramp time, or null.
     */
    public Ramp(Double to, Double rate, String duration) {
      this(to, rate, duration, null);
    }
  }

  /**
   * Hold the setpoint for a time that counts only while the measured temperature is inside the band
   * around the setpoint (guaranteed soak).
   *
   * @param duration the soak time.
   * @param band the band around the setpoint, K; null for ±2 K.
   * @param measuredOn what the band is measured on: {@code LOAD} (the DUT thermocouple, default) or
   *     {@code AIR}.
   */
  record Soak(String duration, Band band, MeasuredOn measuredOn) implements Segment {}

  /**
   * Set (or switch off) humidity control.
   *
   * @param setpoint relative humidity, %RH [0, 100]; null with {@code off}.
   * @param tolerance allowed deviation, %RH; null for ±5 %RH.
   * @param off true to switch humidity control off.
   */
  record Humidity(Double setpoint, Double tolerance, Boolean off) implements Segment {

    /** Whether this segment switches humidity control off. */
    public boolean switchesOff() {
      return Boolean.TRUE.equals(off);
    }
  }

  /**
   * Run the nested segments {@code count} times; each run is one cycle.
   *
   * @param count how many times, &ge; 1.
   * @param segments the segments of one cycle.
   */
  record Repeat(Integer count, List<Segment> segments) implements Segment {}

  /**
   * A one-sided tolerance band around a setpoint: inside when {@code setpoint - below <= t <=
   * setpoint + above}.
   *
   * @param below how far under the setpoint still counts, K, &ge; 0.
   * @param above how far over the setpoint still counts, K, &ge; 0.
   */
  record Band(double below, double above) {}

  /** Where a soak band is measured. */
  enum MeasuredOn {
    LOAD,
    AIR
  }
}

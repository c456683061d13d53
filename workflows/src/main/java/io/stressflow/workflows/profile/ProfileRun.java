package io.stressflow.workflows.profile;

import io.stressflow.workflows.plan.Leg;
import java.time.Instant;

/**
 * One leg's profile running (or run) on a chamber.
 *
 * @param id the run id.
 * @param campaignId the campaign it belongs to.
 * @param legId the leg it runs.
 * @param chamber the chamber it runs on.
 * @param leg the leg as validated (presets applied).
 * @param state {@code RUNNING}, {@code PAUSED} or {@code COMPLETED}.
 * @param progress where it stands.
 */
public record ProfileRun(
    String id,
    String campaignId,
    String legId,
    String chamber,
    Leg leg,
    String state,
    ProfileProgress progress) {

  /**
   * A stored deviation.
   *
   * @param start when the measured value left the band.
   * @param end when it came back.
   * @param setpoint the setpoint (in the quantity's unit).
   * @param worst the farthest reading (in the quantity's unit).
   * @param cause null for a reading outside the soak band; otherwise why the run was interrupted (a
   *     pause, a chamber alarm), with no time credited from start to end.
   * @param quantity what deviated: {@code temperature, °C} (the soak band), {@code humidity, %RH},
   *     {@code ramp rate, K/min}, or {@code load sensor missing: soaks measured on air}.
   */
  public record DeviationRecord(
      Instant start, Instant end, double setpoint, double worst, String cause, String quantity) {}
}

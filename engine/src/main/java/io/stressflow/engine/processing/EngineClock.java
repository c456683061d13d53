package io.stressflow.engine.processing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The engine's time: the configured clock, unless pinned to an instant through the API ({@code PUT
 * /v2/clock}) for tests of timer paths.
 */
public final class EngineClock extends Clock {
  private final Clock base;
  private volatile Instant pinned;

  /**
   * Creates the clock.
   *
   * @param base the configured clock.
   */
  public EngineClock(final Clock base) {
    this.base = base;
  }

  /**
   * Pins the time to an instant until reset.
   *
   * @param instant the instant.
   */
  public void pin(final Instant instant) {
    pinned = instant;
  }

  /** Returns to the configured clock. */
  public void reset() {
    pinned = null;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(final ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    final Instant pin = pinned;
    return pin != null ? pin : base.instant();
  }
}

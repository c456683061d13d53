package io.stressflow.engine.processing.behavior;

import io.camunda.zeebe.model.bpmn.util.time.Interval;
import io.camunda.zeebe.model.bpmn.util.time.RepeatingInterval;
import io.camunda.zeebe.model.bpmn.util.time.TimeDateTimer;

/**
 * When a timer fires, computed from an evaluated ISO-8601 duration, date or repeating interval.
 *
 * @param dueDate epoch milliseconds of the first firing.
 * @param repetitions firings left after the first; -1 = unbounded.
 * @param cycle the repeating interval text the next firings follow, or null.
 */
record TimerSchedule(long dueDate, int repetitions, String cycle) {

  static TimerSchedule duration(final String text, final long now) {
    return new TimerSchedule(Interval.parse(text).toEpochMilli(now), 0, null);
  }

  static TimerSchedule date(final String text, final long now) {
    return new TimerSchedule(TimeDateTimer.parse(text).getDueDate(now), 0, null);
  }

  static TimerSchedule cycle(final String text, final long now) {
    final RepeatingInterval cycle = RepeatingInterval.parse(text);
    final int repetitions = cycle.getRepetitions();
    return new TimerSchedule(
        cycle.getDueDate(now),
        repetitions == RepeatingInterval.INFINITE ? -1 : repetitions - 1,
        text);
  }

  /**
   * Returns the next firing after one at {@code previous}, or null if none is left.
   *
   * @param previous the due date that just fired.
   * @param repetitions the repetitions left before this firing.
   * @param cycle the repeating interval text.
   * @return the next schedule, or null.
   */
  static TimerSchedule next(final long previous, final int repetitions, final String cycle) {
    if (cycle == null || repetitions == 0) {
      return null;
    }
    return new TimerSchedule(
        RepeatingInterval.parse(cycle).getInterval().toEpochMilli(previous),
        repetitions < 0 ? -1 : repetitions - 1,
        cycle);
  }
}

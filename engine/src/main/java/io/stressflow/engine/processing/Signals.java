package io.stressflow.engine.processing;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a command made happen that waiting requests care about: jobs that became activatable and
 * process instances that ended. Published after the command is durable.
 *
 * @param jobTypes the job types with newly activatable jobs.
 * @param endedInstances the keys of process instances that completed or terminated.
 */
public record Signals(Set<String> jobTypes, Set<Long> endedInstances) {

  /**
   * Returns an empty, mutable collector.
   *
   * @return the signals.
   */
  public static Signals collect() {
    return new Signals(new LinkedHashSet<>(), new LinkedHashSet<>());
  }

  /**
   * Returns whether nothing happened.
   *
   * @return true if empty.
   */
  public boolean isEmpty() {
    return jobTypes.isEmpty() && endedInstances.isEmpty();
  }
}

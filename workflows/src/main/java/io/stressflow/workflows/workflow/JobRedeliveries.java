package io.stressflow.workflows.workflow;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A drill for the promise that every job step is idempotent: with {@code
 * stressflow.camunda.redeliver-jobs=true} (off by default; for tests and drills, never production)
 * each job's step is run a second time before the job is completed, as the engine delivers a job
 * again after a lost completion or an expired lease. The second run must find its step done: the
 * campaign's state, logbook, messages and instances must not change. Which job types were run
 * twice, and any whose second answer differed from the first, are kept here for the tests to check.
 */
@Component
public class JobRedeliveries {

  private static final Logger log = LoggerFactory.getLogger(JobRedeliveries.class);

  private final boolean enabled;
  private final Set<String> types = ConcurrentHashMap.newKeySet();
  private final List<String> differences = new CopyOnWriteArrayList<>();

  JobRedeliveries(@Value("${stressflow.camunda.redeliver-jobs:false}") boolean enabled) {
    this.enabled = enabled;
    if (enabled) {
      log.warn(
          "Every job step runs twice (stressflow.camunda.redeliver-jobs): a drill, not for use");
    }
  }

  /** Whether every job's step is run twice. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * The job types whose step has been run twice.
   *
   * @return their names, sorted.
   */
  public Set<String> types() {
    return new TreeSet<>(types);
  }

  /**
   * Steps whose second run answered other variables than the first.
   *
   * @return one line per difference: the job type, the first and the second answer.
   */
  public List<String> differences() {
    return List.copyOf(differences);
  }

  void record(String type, Map<String, Object> first, Map<String, Object> second) {
    types.add(type);
    if (!Objects.equals(first, second)) {
      String difference = "%s: first %s, then %s".formatted(type, first, second);
      log.warn("A job delivered again answered differently: {}", difference);
      differences.add(difference);
    }
  }
}

package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stressflow.engine.processing.EngineRuntime;
import io.stressflow.engine.processing.Signals;
import io.stressflow.engine.state.Job;
import io.stressflow.engine.state.ProcessInstance;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Job activation as a long poll: a request that finds no job is parked (no thread held) until a job
 * of its type becomes activatable, or answered with no jobs just before its request timeout.
 */
final class JobActivations {
  private final EngineRuntime runtime;
  private final ScheduledExecutorService scheduler;
  private final Duration defaultRequestTimeout;
  private final ConcurrentLinkedQueue<Poll> parked = new ConcurrentLinkedQueue<>();

  /**
   * One activation request.
   *
   * @param exchange the HTTP exchange.
   * @param type the job type.
   * @param worker the worker name.
   * @param timeout the lease in ms.
   * @param max the maximum number of jobs.
   * @param fetchVariables the variables to fetch; empty = all.
   */
  record Poll(
      RestExchange exchange,
      String type,
      String worker,
      long timeout,
      int max,
      List<String> fetchVariables) {}

  JobActivations(
      final EngineRuntime runtime,
      final ScheduledExecutorService scheduler,
      final Duration defaultRequestTimeout) {
    this.runtime = runtime;
    this.scheduler = scheduler;
    this.defaultRequestTimeout = defaultRequestTimeout;
  }

  void activate(final Poll poll, final long requestTimeout) {
    if (tryActivate(poll) || requestTimeout < 0) {
      if (!poll.exchange().isAnswered()) {
        poll.exchange().ok(jobs(List.of()));
      }
      return;
    }
    final long wait = requestTimeout == 0 ? defaultRequestTimeout.toMillis() : requestTimeout;
    parked.add(poll);
    scheduler.schedule(
        () -> {
          synchronized (poll) {
            if (parked.remove(poll)) {
              poll.exchange().ok(jobs(List.of()));
            }
          }
        },
        wait,
        TimeUnit.MILLISECONDS);
    // a job may have arrived between the first try and parking
    retry(poll);
  }

  void onSignals(final Signals signals) {
    if (signals.jobTypes().isEmpty()) {
      return;
    }
    for (final Poll poll : parked) {
      if (signals.jobTypes().contains(poll.type())) {
        retry(poll);
      }
    }
  }

  private void retry(final Poll poll) {
    synchronized (poll) {
      if (poll.exchange().isAnswered() || !parked.contains(poll)) {
        return;
      }
      if (tryActivate(poll)) {
        parked.remove(poll);
      }
    }
  }

  /** Activates jobs for a poll and answers it if it got any. */
  private boolean tryActivate(final Poll poll) {
    final List<ObjectNode> jobs =
        runtime.execute(
            p -> {
              final List<Job> activated =
                  p.jobs().activate(poll.type(), poll.worker(), poll.timeout(), poll.max());
              return activated.stream()
                  .map(
                      job -> {
                        final Map<String, JsonNode> variables =
                            new LinkedHashMap<>(p.variables().visible(job.elementInstanceKey));
                        if (!poll.fetchVariables().isEmpty()) {
                          variables.keySet().retainAll(Set.copyOf(poll.fetchVariables()));
                        }
                        final ProcessInstance instance =
                            p.state().processInstances().get(job.processInstanceKey);
                        return Views.activatedJob(job, variables, instance.rootProcessInstanceKey);
                      })
                  .toList();
            });
    if (jobs.isEmpty()) {
      return false;
    }
    poll.exchange().ok(jobs(jobs));
    return true;
  }

  private static ObjectNode jobs(final List<ObjectNode> jobs) {
    final ObjectNode body = Json.object();
    final ArrayNode array = body.putArray("jobs");
    jobs.forEach(array::add);
    return body;
  }

  void close() {
    for (final Poll poll : parked) {
      if (parked.remove(poll)) {
        poll.exchange().ok(jobs(List.of()));
      }
    }
  }
}

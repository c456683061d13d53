package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.EngineRuntime;
import io.stressflow.engine.processing.Signals;
import io.stressflow.engine.state.Job;
import io.stressflow.engine.state.ProcessInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Job activation as a long poll. A request that finds no job is parked (no thread held); a batch of
 * engine commands that makes jobs of its type activatable leases them to it in the same
 * transaction, and the request is answered once that transaction committed. A parked request that
 * gets nothing is answered with no jobs at its request timeout.
 */
final class JobActivations implements EngineRuntime.BatchListener {
  private static final int PARKED = 0;
  private static final int CLAIMED = 1;
  private static final int DONE = 2;

  private final EngineRuntime runtime;
  private final ScheduledExecutorService scheduler;
  private final Duration defaultRequestTimeout;
  private final Map<String, Queue<Poll>> parked = new ConcurrentHashMap<>();

  /** One activation request and whether it is parked, being served by a batch, or answered. */
  static final class Poll {
    private final RestExchange exchange;
    private final String type;
    private final String worker;
    private final long timeout;
    private final int max;
    private final List<String> fetchVariables;
    private final AtomicInteger state = new AtomicInteger(PARKED);
    private volatile boolean timedOut;

    /**
     * Creates a poll.
     *
     * @param exchange the HTTP exchange.
     * @param type the job type.
     * @param worker the worker name.
     * @param timeout the lease in ms.
     * @param max the maximum number of jobs.
     * @param fetchVariables the variables to fetch; empty = all.
     */
    Poll(
        final RestExchange exchange,
        final String type,
        final String worker,
        final long timeout,
        final int max,
        final List<String> fetchVariables) {
      this.exchange = exchange;
      this.type = type;
      this.worker = worker;
      this.timeout = timeout;
      this.max = max;
      this.fetchVariables = fetchVariables;
    }
  }

  JobActivations(
      final EngineRuntime runtime,
      final ScheduledExecutorService scheduler,
      final Duration defaultRequestTimeout) {
    this.runtime = runtime;
    this.scheduler = scheduler;
    this.defaultRequestTimeout = defaultRequestTimeout;
  }

  void activate(final Poll poll, final long requestTimeout) {
    // parking happens inside the command, so no batch can make a job activatable unseen between
    // this request's own look and its parking
    final List<ObjectNode> jobs =
        runtime.execute(
            p -> {
              final List<ObjectNode> found = lease(p, poll);
              if (found.isEmpty() && requestTimeout >= 0) {
                parked.computeIfAbsent(poll.type, t -> new ConcurrentLinkedQueue<>()).add(poll);
              }
              return found;
            });
    if (!jobs.isEmpty() || requestTimeout < 0) {
      poll.state.set(DONE);
      poll.exchange.ok(body(jobs));
      return;
    }
    final long wait = requestTimeout == 0 ? defaultRequestTimeout.toMillis() : requestTimeout;
    scheduler.schedule(() -> timeOut(poll), wait, TimeUnit.MILLISECONDS);
  }

  private void timeOut(final Poll poll) {
    poll.timedOut = true;
    if (poll.state.compareAndSet(PARKED, DONE)) {
      unpark(poll);
      poll.exchange.ok(body(List.of()));
    }
    // else a batch is serving it: it answers, or re-parks and sees timedOut
  }

  @Override
  public EngineRuntime.AfterBatch beforeCommit(final BpmnProcessor p, final Signals signals) {
    if (signals.jobTypes().isEmpty()) {
      return null;
    }
    final Map<Poll, List<ObjectNode>> served = new LinkedHashMap<>();
    final List<Poll> expired = new ArrayList<>();
    for (final String type : signals.jobTypes()) {
      final Queue<Poll> polls = parked.get(type);
      if (polls == null) {
        continue;
      }
      for (final Poll poll : polls) {
        if (p.state().jobs().activatable(type).isEmpty()) {
          break;
        }
        if (!poll.state.compareAndSet(PARKED, CLAIMED)) {
          continue;
        }
        if (poll.exchange.isAnswered()) {
          poll.state.set(DONE);
          polls.remove(poll);
          continue;
        }
        final List<ObjectNode> jobs = lease(p, poll);
        if (!jobs.isEmpty()) {
          poll.state.set(DONE);
          polls.remove(poll);
          served.put(poll, jobs);
          continue;
        }
        poll.state.set(PARKED);
        if (poll.timedOut && poll.state.compareAndSet(PARKED, DONE)) {
          polls.remove(poll);
          expired.add(poll);
        }
      }
    }
    if (served.isEmpty() && expired.isEmpty()) {
      return null;
    }
    return new EngineRuntime.AfterBatch() {
      @Override
      public void committed() {
        served.forEach((poll, jobs) -> poll.exchange.ok(body(jobs)));
        expired.forEach(poll -> poll.exchange.ok(body(List.of())));
      }

      @Override
      public void rolledBack() {
        // the leases were not written; the workers ask again
        served.keySet().forEach(poll -> poll.exchange.ok(body(List.of())));
        expired.forEach(poll -> poll.exchange.ok(body(List.of())));
      }
    };
  }

  private void unpark(final Poll poll) {
    final Queue<Poll> polls = parked.get(poll.type);
    if (polls != null) {
      polls.remove(poll);
    }
  }

  /** Leases jobs to a poll and renders them. */
  private static List<ObjectNode> lease(final BpmnProcessor p, final Poll poll) {
    final List<Job> activated = p.jobs().activate(poll.type, poll.worker, poll.timeout, poll.max);
    if (activated.isEmpty()) {
      return List.of();
    }
    final List<ObjectNode> jobs = new ArrayList<>(activated.size());
    for (final Job job : activated) {
      final Map<String, JsonNode> variables =
          new LinkedHashMap<>(p.variables().visible(job.elementInstanceKey));
      if (!poll.fetchVariables.isEmpty()) {
        variables.keySet().retainAll(Set.copyOf(poll.fetchVariables));
      }
      final ProcessInstance instance = p.state().processInstances().get(job.processInstanceKey);
      jobs.add(Views.activatedJob(job, variables, instance.rootProcessInstanceKey));
    }
    return jobs;
  }

  private static ObjectNode body(final List<ObjectNode> jobs) {
    final ObjectNode body = Json.object();
    final ArrayNode array = body.putArray("jobs");
    jobs.forEach(array::add);
    return body;
  }

  void close() {
    for (final Queue<Poll> polls : parked.values()) {
      for (final Poll poll : polls) {
        if (poll.state.compareAndSet(PARKED, DONE)) {
          polls.remove(poll);
          poll.exchange.ok(body(List.of()));
        }
      }
    }
  }
}

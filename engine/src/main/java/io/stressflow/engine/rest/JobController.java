package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.processing.EngineRuntime;

/** Jobs: activation (long poll), completion, failure, error, and updates of retries/timeout. */
final class JobController {
  private final EngineRuntime runtime;
  private final SearchIndex index;
  private final JobActivations activations;

  JobController(
      final EngineRuntime runtime, final JobActivations activations, final SearchIndex index) {
    this.index = index;
    this.runtime = runtime;
    this.activations = activations;
  }

  void register(final Router router) {
    router.add("POST", V2Paths.JOB_ACTIVATION, this::activate);
    router.add("POST", V2Paths.JOB_COMPLETION, this::complete);
    router.add("POST", V2Paths.JOB_FAILURE, this::fail);
    router.add("POST", V2Paths.JOB_ERROR, this::throwError);
    router.add("PATCH", V2Paths.JOB, this::update);
    router.add("POST", V2Paths.JOB_SEARCH, this::search);
  }

  private void search(final RestExchange exchange) {
    final JsonNode request = exchange.json();
    exchange.ok(
        runtime.read(
            p ->
                SearchQuery.run(
                    request,
                    index.items(
                        "jobs",
                        () ->
                            p.state().jobs().view().stream()
                                .map(
                                    j -> {
                                      final var instance =
                                          p.state().processInstances().get(j.processInstanceKey);
                                      return Views.job(
                                          j,
                                          instance == null
                                              ? j.processInstanceKey
                                              : instance.rootProcessInstanceKey);
                                    })
                                .toList()),
                    java.util.Map.of(),
                    SearchSchema.JOB)));
  }

  private void activate(final RestExchange exchange) {
    final JsonNode request = exchange.json();
    final String type = Json.text(request, "type", "");
    if (type.isBlank()) {
      throw new InvalidRequestException("Expected a job type, but none was given");
    }
    final int max = (int) Json.number(request, "maxJobsToActivate", 32);
    if (max < 1) {
      throw new InvalidRequestException(
          "Expected maxJobsToActivate to be greater than zero, but was " + max);
    }
    final JobActivations.Poll poll =
        new JobActivations.Poll(
            exchange,
            type,
            Json.text(request, "worker", ""),
            Json.number(request, "timeout", 300_000),
            max,
            Json.strings(request, "fetchVariable"));
    activations.activate(poll, Json.number(request, "requestTimeout", 0));
  }

  private void complete(final RestExchange exchange) {
    final long key = exchange.key();
    final var variables = Json.variables(exchange.json(), "variables");
    runtime.execute(
        p -> {
          p.jobs().complete(key, variables);
          return null;
        });
    exchange.noContent();
  }

  private void fail(final RestExchange exchange) {
    final long key = exchange.key();
    final JsonNode request = exchange.json();
    final int retries = (int) Json.number(request, "retries", 0);
    final String message = Json.text(request, "errorMessage", "");
    final long backOff = Json.number(request, "retryBackOff", 0);
    final var variables = Json.variables(request, "variables");
    runtime.execute(
        p -> {
          p.jobs().fail(key, retries, message, backOff, variables);
          return null;
        });
    exchange.noContent();
  }

  private void throwError(final RestExchange exchange) {
    final long key = exchange.key();
    final JsonNode request = exchange.json();
    final String code = Json.text(request, "errorCode", "");
    if (code.isBlank()) {
      throw new InvalidRequestException("Expected an errorCode, but none was given");
    }
    final String message = Json.text(request, "errorMessage", "");
    final var variables = Json.variables(request, "variables");
    runtime.execute(
        p -> {
          p.jobs().throwError(key, code, message, variables);
          return null;
        });
    exchange.noContent();
  }

  private void update(final RestExchange exchange) {
    final long key = exchange.key();
    final JsonNode changeset = exchange.json().path("changeset");
    final Integer retries =
        changeset.hasNonNull("retries") ? changeset.get("retries").asInt() : null;
    final Long timeout = changeset.hasNonNull("timeout") ? changeset.get("timeout").asLong() : null;
    runtime.execute(
        p -> {
          p.jobs().update(key, retries, timeout);
          return null;
        });
    exchange.noContent();
  }
}

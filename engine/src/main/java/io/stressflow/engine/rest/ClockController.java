package io.stressflow.engine.rest;

import io.stressflow.engine.processing.EngineRuntime;
import java.time.Instant;

/** The engine clock for tests: PUT /v2/clock pins it, POST /v2/clock/reset releases it. */
final class ClockController {
  private final EngineRuntime runtime;

  ClockController(final EngineRuntime runtime) {
    this.runtime = runtime;
  }

  void register(final Router router) {
    router.add("PUT", V2Paths.CLOCK, this::pin);
    router.add("POST", V2Paths.CLOCK_RESET, this::reset);
  }

  private void pin(final RestExchange exchange) {
    final long timestamp = Json.number(exchange.json(), "timestamp", -1);
    if (timestamp < 0) {
      throw new InvalidRequestException(
          "Expected a non-negative timestamp in epoch milliseconds, but was " + timestamp);
    }
    runtime.clock().pin(Instant.ofEpochMilli(timestamp));
    runtime.runDueWork();
    exchange.noContent();
  }

  private void reset(final RestExchange exchange) {
    runtime.clock().reset();
    runtime.runDueWork();
    exchange.noContent();
  }
}

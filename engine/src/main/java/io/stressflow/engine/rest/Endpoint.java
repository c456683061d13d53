package io.stressflow.engine.rest;

/** Handles one method and path of the API; answers through the exchange, now or later. */
@FunctionalInterface
interface Endpoint {
  void handle(RestExchange exchange);
}

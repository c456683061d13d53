package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The engine's test-only clock endpoints are absent unless a test turns them on. */
class TestEndpointsIT {

  @Test
  void shouldNotServeTheClockEndpointByDefault() throws Exception {
    try (Engine engine = start(false)) {
      assertThat(pin(engine)).isEqualTo(404);
    }
  }

  @Test
  void shouldServeTheClockEndpointWhenTurnedOn() throws Exception {
    try (Engine engine = start(true)) {
      assertThat(pin(engine)).isEqualTo(204);
    }
  }

  private static Engine start(boolean testEndpoints) {
    return Engine.start(
        EngineConfig.create(
            c -> {
              c.jdbcUrl = "jdbc:h2:mem:clock-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
              c.testEndpoints = testEndpoints;
            }));
  }

  private static int pin(Engine engine) throws Exception {
    HttpRequest put =
        HttpRequest.newBuilder(URI.create(engine.restAddress() + "/v2/clock"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"timestamp\": 1000}"))
            .build();
    return HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}

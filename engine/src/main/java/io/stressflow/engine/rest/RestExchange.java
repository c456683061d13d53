package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP request and its (single) response. The response may be sent later from another thread,
 * which is how long polls park without holding a thread.
 */
final class RestExchange {
  private static final Logger LOG = LoggerFactory.getLogger(RestExchange.class);

  private final HttpExchange exchange;
  private final Map<String, String> pathParameters;
  private final byte[] body;
  private final AtomicBoolean answered = new AtomicBoolean();
  private JsonNode json;

  RestExchange(
      final HttpExchange exchange, final Map<String, String> pathParameters, final byte[] body) {
    this.exchange = exchange;
    this.pathParameters = pathParameters;
    this.body = body;
  }

  String path() {
    return exchange.getRequestURI().getPath();
  }

  String header(final String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  byte[] body() {
    return body;
  }

  /**
   * A query parameter of the request.
   *
   * @param name the parameter.
   * @return its (decoded) value, or null when absent.
   */
  String query(final String name) {
    final String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return null;
    }
    for (final String pair : raw.split("&")) {
      final int eq = pair.indexOf('=');
      final String key = eq < 0 ? pair : pair.substring(0, eq);
      if (java.net.URLDecoder.decode(key, java.nio.charset.StandardCharsets.UTF_8).equals(name)) {
        return eq < 0
            ? ""
            : java.net.URLDecoder.decode(
                pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  JsonNode json() {
    if (json == null) {
      json = Json.parse(body);
    }
    return json;
  }

  long key() {
    return Json.parseKey(pathParameters.get("key"), "the key in the path");
  }

  boolean isAnswered() {
    return answered.get();
  }

  void ok(final Object body) {
    send(200, "application/json", Json.write(body));
  }

  void text(final String contentType, final String text) {
    send(200, contentType, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  void noContent() {
    send(204, null, null);
  }

  void problem(final int status, final String title, final String detail) {
    final var problem = Json.object();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", path());
    send(status, "application/problem+json", Json.write(problem));
  }

  private void send(final int status, final String contentType, final byte[] bytes) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    try {
      if (contentType != null) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
      }
      if (bytes == null) {
        exchange.sendResponseHeaders(status, -1);
      } else {
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (final IOException e) {
      LOG.debug("Could not answer {} {}: {}", exchange.getRequestMethod(), path(), e.toString());
    } finally {
      exchange.close();
    }
  }
}

package io.stressflow.workflows.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The application's REST API over loopback HTTP, as the CLI and any client use it. */
public final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  /**
   * A client for the application on {@code port}.
   *
   * @param port its HTTP port on 127.0.0.1.
   */
  public Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /**
   * An answer.
   *
   * @param status the HTTP status.
   * @param contentType its content type, or null.
   * @param text the body.
   */
  public record Reply(int status, String contentType, String text) {

    /** The body as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException("Expected JSON, got: " + text, e);
      }
    }
  }

  /** GET {@code path}. */
  public Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  /** POST {@code body} as JSON to {@code path}. */
  public Reply postJson(String path, Object body) {
    try {
      return post(path, "application/json", JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POST {@code body} with {@code contentType} to {@code path}. */
  public Reply post(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(
          r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

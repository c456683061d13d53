package io.stressflow.workflows.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The Stressflow REST API over {@link HttpClient}: JSON in and out as Jackson trees. A 4xx or 5xx
 * answer is an {@link ApiException}; a server that does not answer the connection is a {@link
 * NotRunningException}.
 */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final String authorization;

  Api(String baseUrl) {
    this(baseUrl, null);
  }

  /**
   * The API at {@code baseUrl}.
   *
   * @param baseUrl where.
   * @param authorization the {@code Authorization} header to send, or null.
   */
  Api(String baseUrl, String authorization) {
    this.base = base(baseUrl);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.authorization = authorization;
  }

  /**
   * The API's base URI, ending in {@code /}. An address without a scheme ({@code 127.0.0.1:8080},
   * {@code lab-server:8080}) is taken as {@code http://}.
   *
   * @param url the address given with {@code --url} or {@code STRESSFLOW_URL}.
   * @return the base URI.
   * @throws BadUrlException if it is not an http or https address with a host.
   */
  static URI base(String url) {
    String s = url == null ? "" : url.strip();
    if (!s.contains("://")) {
      s = "http://" + s;
    }
    URI uri;
    try {
      uri = URI.create(s.endsWith("/") ? s : s + "/");
    } catch (IllegalArgumentException e) {
      throw new BadUrlException(url);
    }
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new BadUrlException(url);
    }
    return uri;
  }

  /** The base URL, for messages. */
  String url() {
    String s = base.toString();
    return s.substring(0, s.length() - 1);
  }

  JsonNode get(String path) throws InterruptedException {
    return json(send(request(path).GET().build()));
  }

  String getText(String path) throws InterruptedException {
    return send(request(path).GET().build());
  }

  /**
   * A GET whose answer is kept as bytes (a PDF, an export).
   *
   * @param path the path and query.
   * @param accept the media type asked for.
   * @return the body.
   * @throws InterruptedException if interrupted.
   */
  byte[] getBytes(String path, String accept) throws InterruptedException {
    HttpRequest request =
        request(path).setHeader("Accept", accept + ", application/problem+json").GET().build();
    HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() >= 400) {
      String body = new String(response.body(), StandardCharsets.UTF_8);
      throw new ApiException(response.statusCode(), parseOrNull(body), body);
    }
    return response.body();
  }

  JsonNode postYaml(String path, String yaml) throws InterruptedException {
    return json(
        send(
            request(path)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml))
                .build()));
  }

  JsonNode postJson(String path, Object body) throws InterruptedException {
    String text;
    try {
      text = body == null ? "" : JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request body: " + e.getMessage(), e);
    }
    return json(
        send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build()));
  }

  /** Sends {@code body} as JSON with {@code method} (e.g. PUT). */
  JsonNode send(String method, String path, Object body) throws InterruptedException {
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request body: " + e.getMessage(), e);
    }
    return json(
        send(
            request(path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(text))
                .build()));
  }

  /**
   * A query string of the parameters that are not null.
   *
   * @param params names and values; null values are left out.
   * @return {@code ?a=1&b=2}, or the empty string.
   */
  static String query(Map<String, String> params) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    params.forEach(
        (k, v) -> {
          if (v != null) {
            q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
          }
        });
    return q.toString();
  }

  /** A path segment, encoded. */
  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json, application/problem+json, text/markdown");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private String send(HttpRequest request) throws InterruptedException {
    HttpResponse<String> response =
        exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() >= 400) {
      throw new ApiException(response.statusCode(), parseOrNull(response.body()), response.body());
    }
    return response.body();
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws InterruptedException {
    try {
      return http.send(request, handler);
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new NotRunningException(url(), e);
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException) {
        throw new NotRunningException(url(), e);
      }
      throw new UncheckedIOException(
          request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
    }
  }

  private static JsonNode json(String body) {
    if (body == null || body.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("the server's answer is not JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode parseOrNull(String body) {
    try {
      return body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The address given is not one the CLI can reach the API at. */
  static final class BadUrlException extends RuntimeException {

    BadUrlException(String url) {
      super(
          "'"
              + url
              + "' is not Stressflow's address; give --url (or STRESSFLOW_URL) as"
              + " http://host:port, e.g. http://localhost:8080");
    }
  }

  /** Nothing answers at the API's address. */
  static final class NotRunningException extends RuntimeException {

    NotRunningException(String url, Throwable cause) {
      super("Stressflow is not running at " + url + "; start it with ./stressflow run", cause);
    }
  }
}

package io.stressflow.workflows.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The application's REST API over loopback HTTP, as the CLI and any client use it. Sends HTTP Basic
 * as the tests' administrator unless made for someone else ({@link #as}) or no one ({@link
 * #anonymous}).
 */
public final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;
  private final String authorization;

  /**
   * A client for the application on {@code port}, as the administrator.
   *
   * @param port its HTTP port on 127.0.0.1.
   */
  public Api(int port) {
    this("http://127.0.0.1:" + port, basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD));
  }

  private Api(String base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** The same application as {@code user} with {@code password} (HTTP Basic). */
  public Api as(String user, String password) {
    return new Api(base, basic(user, password));
  }

  /** The same application as {@code user} with the tests' user password. */
  public Api as(String user) {
    return as(user, TestUsers.PASSWORD);
  }

  /** The same application with {@code Authorization: Bearer token}. */
  public Api bearer(String token) {
    return new Api(base, "Bearer " + token);
  }

  /** The same application without credentials. */
  public Api anonymous() {
    return new Api(base, null);
  }

  /**
   * Creates a local user (as this client, which must be an admin); one that exists is left as it
   * is.
   *
   * @return this.
   */
  public Api ensureUser(String user, String... roles) {
    Reply r =
        postJson(
            "/api/users",
            Map.of("username", user, "password", TestUsers.PASSWORD, "roles", List.of(roles)));
    if (r.status() != 201 && r.status() != 409) {
      throw new IllegalStateException("creating user " + user + ": " + r.status() + " " + r.text());
    }
    return this;
  }

  /** The same application as the lab technician (created first if need be; this is an admin). */
  public Api labStaff() {
    return ensureUser(TestUsers.LAB, "lab-staff").as(TestUsers.LAB);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An answer.
   *
   * @param status the HTTP status.
   * @param contentType its content type, or null.
   * @param text the body.
   */
  public record Reply(
      int status, String contentType, String text, Map<String, List<String>> headers) {

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
    return send(request(path).GET().build());
  }

  /**
   * An answer kept as bytes (a PDF).
   *
   * @param status the HTTP status.
   * @param contentType its content type, or null.
   * @param body the body.
   * @param headers every header.
   */
  public record BinaryReply(
      int status, String contentType, byte[] body, Map<String, List<String>> headers) {}

  /** GET {@code path}, keeping the answer as bytes. */
  public BinaryReply getBytes(String path) {
    try {
      HttpResponse<byte[]> r =
          HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      return new BinaryReply(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(null),
          r.body(),
          r.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Any call.
   *
   * @param method the HTTP method.
   * @param path the path.
   * @param contentType the body's type, or null for no body.
   * @param body the body, or null.
   * @return the answer.
   */
  public Reply call(String method, String path, String contentType, String body) {
    return call(method, path, contentType, body, Map.of());
  }

  /** Any call, with more {@code headers}. */
  public Reply call(
      String method, String path, String contentType, String body, Map<String, String> headers) {
    HttpRequest.Builder b = request(path);
    headers.forEach(b::header);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(
        b.method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
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
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(null),
          r.body(),
          r.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

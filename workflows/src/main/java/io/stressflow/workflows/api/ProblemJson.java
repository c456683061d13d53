package io.stressflow.workflows.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A problem+json body written by hand, for the answers given outside Spring MVC's exception
 * handling: Boot's error page ({@link ErrorProblems}) and Tomcat's own refusals ({@link
 * ProblemReportValve}). Same fields as {@link ApiProblems}' answers.
 */
final class ProblemJson {

  /** The media type. */
  static final String TYPE = "application/problem+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemJson() {}

  /**
   * The body.
   *
   * @param status the HTTP status.
   * @param detail the sentence for people (our words, never an exception's).
   * @param instance the path asked for, or null.
   * @param requestId the request's correlation id.
   * @return the JSON text.
   */
  static String of(int status, String detail, String instance, String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title(status));
    body.put("status", status);
    body.put("detail", detail);
    if (instance != null) {
      body.put("instance", instance);
    }
    body.put("requestId", requestId);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected a map of strings to serialize", e);
    }
  }

  /** The title for a status: {@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED}, ... */
  static String title(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    if (status == 400) {
      return "INVALID_ARGUMENT";
    }
    if (status == 500) {
      return "INTERNAL";
    }
    return known == null ? "HTTP_" + status : ApiProblems.code(known.getReasonPhrase());
  }

  /** The detail for a status when nothing better is known. */
  static String detail(int status, String method, String path) {
    String call = method == null || path == null ? "this request" : method + " " + path;
    return switch (status) {
      case 400 ->
          "The request cannot be read: its address or headers are malformed (an encoded '/' or"
              + " NUL, a bad %-escape, a ';' or '..' in the path) or too long (the address and"
              + " headers may have 8 KiB together); nothing was done";
      case 404 -> "There is no " + call + "; the API is described at /v3/api-docs";
      case 405 -> call + " is not allowed";
      case 413 -> "The request is too large";
      case 414 -> "The request's address is too long";
      default -> {
        HttpStatus known = HttpStatus.resolve(status);
        yield (known == null ? "HTTP " + status : known.getReasonPhrase()) + " (" + call + ")";
      }
    };
  }
}

package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An error answer from the API: usually {@code application/problem+json} with a {@code title}, a
 * {@code detail} and, for field errors, a {@code problems} list of {@code {path|field, message}} (a
 * rejected plan's title is {@code PLAN_INVALID}, each problem at its {@code path}).
 */
final class ApiException extends RuntimeException {

  private final int status;
  private final transient JsonNode body;

  ApiException(int status, JsonNode body, String raw) {
    super("HTTP " + status + (raw == null || raw.isBlank() ? "" : ": " + raw));
    this.status = status;
    this.body = body;
  }

  int status() {
    return status;
  }

  /** The problem's title (a stable code such as {@code NOT_FOUND}), or the HTTP status. */
  String title() {
    return text("title", "HTTP " + status);
  }

  /** The problem's detail, or null. */
  String detail() {
    return text("detail", null);
  }

  /** Every field problem as {@code path: message}, in the server's order. */
  List<String> problems() {
    List<String> lines = new ArrayList<>();
    if (body != null && body.path("problems").isArray()) {
      for (JsonNode p : body.path("problems")) {
        String where = p.hasNonNull("path") ? p.get("path").asText() : p.path("field").asText("");
        lines.add(
            where.isEmpty()
                ? p.path("message").asText()
                : where + ": " + p.path("message").asText());
      }
    }
    return lines;
  }

  private String text(String field, String fallback) {
    return body != null && body.hasNonNull(field) ? body.get(field).asText() : fallback;
  }
}

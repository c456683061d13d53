package io.stressflow.workflows.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Gives every request its correlation id and writes every state-changing API call (POST, PUT,
 * PATCH, DELETE under {@code /api}) to the {@link AuditTrail} once it is answered: the actor, the
 * action (method and route), the path, the status, and the {@code reason} of a JSON body if it has
 * one. Sits in the security filter chain right after the security context is loaded, so it sees the
 * authenticated user and refused calls (401, 403) alike.
 */
final class AuditFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
  private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditTrail trail;

  AuditFilter(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String id = RequestIds.of(request);
    MDC.put(RequestIds.MDC_KEY, id);
    response.setHeader(RequestIds.HEADER, id);
    boolean audited =
        CHANGES.contains(request.getMethod()) && request.getRequestURI().startsWith("/api/");
    HttpServletRequest req =
        audited ? new ContentCachingRequestWrapper(request, 64 * 1024) : request;
    try {
      chain.doFilter(req, response);
    } finally {
      try {
        if (audited) {
          Object route = req.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
          String actor = Actors.authenticated() ? Actors.current() : "anonymous";
          trail.record(
              actor,
              request.getMethod() + " " + (route == null ? request.getRequestURI() : route),
              request.getRequestURI(),
              Integer.toString(response.getStatus()),
              reason((ContentCachingRequestWrapper) req),
              id);
        }
      } catch (RuntimeException e) {
        log.error("Could not write the audit entry of request {}", id, e);
      } finally {
        MDC.remove(RequestIds.MDC_KEY);
      }
    }
  }

  private static String reason(ContentCachingRequestWrapper request) {
    String type = request.getContentType();
    if (type == null || !type.contains("json")) {
      return null;
    }
    try {
      byte[] body = request.getContentAsByteArray();
      if (body.length == 0) {
        // a call refused before its body was read (401, 403): read it now for its reason
        body = request.getInputStream().readNBytes(64 * 1024);
      }
      JsonNode node = JSON.readTree(new String(body, StandardCharsets.UTF_8));
      JsonNode reason = node == null ? null : node.get("reason");
      if (reason != null && reason.isTextual()) {
        return reason.asText();
      }
      JsonNode signature = node == null ? null : node.get("signature");
      if (signature != null && signature.get("meaning") != null) {
        return "signed: " + signature.get("meaning").asText();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}

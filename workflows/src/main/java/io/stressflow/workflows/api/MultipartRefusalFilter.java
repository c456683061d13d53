package io.stressflow.workflows.api;

import io.stressflow.workflows.security.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a {@code multipart/*} body to the API with 415 before anything parses it: no endpoint
 * takes a file upload (a plan is the body itself, {@code application/yaml}), and a malformed
 * multipart body must not reach the parser.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class MultipartRefusalFilter extends OncePerRequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return type == null
        || !type.regionMatches(true, 0, "multipart/", 0, 10)
        || !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    int semicolon = type.indexOf(';');
    String given = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
    String id = RequestIds.of(request);
    response.setHeader(RequestIds.HEADER, id);
    response.setStatus(415);
    response.setContentType(ProblemJson.TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            ProblemJson.of(
                415,
                "The API takes no %s bodies (file uploads): send JSON (application/json), or a"
                        .formatted(given)
                    + " plan as the body itself (application/yaml)",
                request.getRequestURI(),
                id));
  }
}

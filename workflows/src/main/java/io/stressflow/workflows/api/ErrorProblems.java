package io.stressflow.workflows.api;

import io.stressflow.workflows.security.RequestIds;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.core.StandardHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page ({@code /error}) as problem+json in our words, in place of Boot's {@code
 * {timestamp, status, error, path}}: what a filter refuses with {@code sendError} (the security
 * firewall's rejected addresses) and what Tomcat forwards there. Tomcat's own refusals, before the
 * application sees the request, are answered by {@link ProblemReportValve}, installed here.
 */
@Hidden
@RestController
class ErrorProblems implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ErrorProblems.class);

  /** Tomcat's error report valve writes problem+json instead of its HTML page. */
  @Bean
  static WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
              }
            });
  }

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<String> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    // asked for directly, /error is just an address that serves nothing
    int status = code instanceof Integer i ? i : 404;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri == null ? request.getRequestURI() : uri.toString();
    Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    String id = RequestIds.of(request);
    String detail;
    if (error instanceof RequestRejectedException) {
      status = 400;
      log.info("Refused address {} (request {}): {}", path, id, error.getMessage());
      detail = ProblemJson.detail(400, null, null);
    } else if (status >= 500) {
      log.error("Unexpected error answered {} (request {})", status, id, error);
      detail = "Unexpected error; the server's log has the details under request id " + id;
    } else {
      detail = ProblemJson.detail(status, request.getMethod(), path);
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemJson.of(status, detail, path, id));
  }
}

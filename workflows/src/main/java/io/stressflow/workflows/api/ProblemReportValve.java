package io.stressflow.workflows.api;

import io.stressflow.workflows.security.RequestIds;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report as problem+json instead of its HTML page: what Tomcat refuses before the
 * application sees the request (an encoded '/' or NUL in the path, a bad %-escape, an address or
 * headers over the limit) and any error answered without a body. Installed as the host's error
 * report valve by {@link ErrorProblems}.
 */
public class ProblemReportValve extends ErrorReportValve {

  private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String id = RequestIds.of(request);
    response.setHeader(RequestIds.HEADER, id);
    String path = request.getRequestURI();
    if (throwable != null) {
      log.warn("Tomcat answered {} (request {})", status, id, throwable);
    } else {
      log.info("Tomcat answered {} to {} (request {})", status, path, id);
    }
    String body =
        ProblemJson.of(
            status,
            ProblemJson.detail(status, request.getMethod(), status == 400 ? null : path),
            null,
            id);
    try {
      response.setContentType(ProblemJson.TYPE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      log.debug("Could not write the error report (request {})", id, e);
    }
  }
}

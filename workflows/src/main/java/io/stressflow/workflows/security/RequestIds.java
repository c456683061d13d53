package io.stressflow.workflows.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The correlation id of the request being served: taken from a well-formed {@code X-Request-Id}
 * header or generated, answered in {@code X-Request-Id}, kept in the log's MDC ({@code requestId}),
 * stored with the audit entry and named in a 500's body instead of the exception.
 */
public final class RequestIds {

  /** The header. */
  public static final String HEADER = "X-Request-Id";

  /** The MDC key. */
  public static final String MDC_KEY = "requestId";

  private static final String ATTRIBUTE = RequestIds.class.getName();

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {}

  /** The id for a request that came with {@code header} (null when it had none). */
  static String of(String header) {
    return header != null && SANE.matcher(header).matches() ? header : UUID.randomUUID().toString();
  }

  /**
   * The id of {@code request}: the one given it already (by a filter that ran earlier), else one
   * from its well-formed header or a new one, remembered on the request so that the filters, the
   * error page and the answer agree.
   */
  public static String of(HttpServletRequest request) {
    Object known = request.getAttribute(ATTRIBUTE);
    if (known instanceof String id) {
      return id;
    }
    String id = of(request.getHeader(HEADER));
    request.setAttribute(ATTRIBUTE, id);
    return id;
  }

  /** The current request's id, or a new one outside a request. */
  public static String current() {
    String id = MDC.get(MDC_KEY);
    return id == null ? UUID.randomUUID().toString() : id;
  }
}

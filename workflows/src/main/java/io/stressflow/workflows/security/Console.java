package io.stressflow.workflows.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/** What security needs to know about the web console (served at {@code /}). */
final class Console {

  /**
   * Open to all: the login form and the console's static files (code and styles, no data; the
   * console's page and everything it reads need a login).
   */
  static final String[] PUBLIC = {"/login", "/console/**", "/vendor/**", "/favicon.ico"};

  private Console() {}

  /**
   * Whether a request is a browser opening a page (not an API call): such a request without a login
   * is sent to the login form rather than answered 401.
   *
   * @param req the request.
   * @return true for a GET of a page outside {@code /api} that accepts HTML.
   */
  static boolean isPage(HttpServletRequest req) {
    String path = req.getServletPath();
    String accept = req.getHeader(HttpHeaders.ACCEPT);
    return "GET".equals(req.getMethod())
        && req.getHeader(HttpHeaders.AUTHORIZATION) == null
        && accept != null
        && accept.contains("text/html")
        && !path.startsWith("/api/")
        && !path.startsWith("/v3/")
        && !path.startsWith("/actuator");
  }
}

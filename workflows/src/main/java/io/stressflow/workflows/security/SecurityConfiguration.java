package io.stressflow.workflows.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. Every {@code /api} call needs an authenticated user: HTTP Basic or a CLI token
 * ({@code Authorization: Bearer sft_…}) against local users, or with {@code
 * stressflow.security.mode=oidc} a JWT from the configured issuer with roles from a claim. Browsers
 * log in with the form at {@code /login} (a session) and must then send the CSRF token ({@code
 * XSRF-TOKEN} cookie, {@code X-XSRF-TOKEN} header) with every change made in that session; calls
 * that carry their own {@code Authorization} header cannot be forged cross-site and need none, and
 * a call with neither is simply unauthenticated (401). No Basic challenge is sent, so browsers
 * never cache Basic credentials. The role rules per endpoint are in {@link #rules}; task rules
 * (candidate group, assignee) are the task service's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      SecurityProperties properties,
      AuthenticationManager localAuthenticationManager,
      UserStore users,
      TokenStore tokens,
      LoginThrottle throttle,
      AuditTrail audit)
      throws Exception {
    // a refused API call is not remembered in a session to replay after a login
    http.requestCache(c -> c.requestCache(new NullRequestCache()));
    http.addFilterAfter(new AuditFilter(audit), SecurityContextHolderFilter.class);
    http.csrf(
        c ->
            c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                .requireCsrfProtectionMatcher(
                    r ->
                        !SAFE.contains(r.getMethod())
                            && r.getHeader(HttpHeaders.AUTHORIZATION) == null
                            && r.getRequestedSessionId() != null));
    http.exceptionHandling(
        e ->
            e.authenticationEntryPoint(
                    (req, res, ex) -> {
                      if (!properties.oidc() && Console.isPage(req)) {
                        // a person opening the console in a browser: to the login form
                        res.sendRedirect(req.getContextPath() + "/login");
                        return;
                      }
                      problem(
                          res,
                          401,
                          "UNAUTHENTICATED",
                          "Log in: HTTP Basic, a token from ./stressflow cli login, or an OIDC"
                              + " access token");
                    })
                .accessDeniedHandler(
                    (req, res, ex) ->
                        problem(
                            res,
                            403,
                            "FORBIDDEN",
                            "Your roles do not allow "
                                + req.getMethod()
                                + " "
                                + req.getRequestURI())));
    if (properties.oidc()) {
      // a bad token is answered like every other refusal (problem+json), not with an empty 401
      http.oauth2ResourceServer(
          o ->
              o.jwt(j -> j.jwtAuthenticationConverter(jwt(properties)))
                  .authenticationEntryPoint(
                      (req, res, ex) ->
                          problem(
                              res,
                              401,
                              "UNAUTHENTICATED",
                              "The access token is not valid (expired, malformed, or not from"
                                  + " the configured issuer)")));
    } else {
      // local users only: with OIDC the resource server brings its own (JWT) authentication
      http.authenticationManager(localAuthenticationManager);
      http.addFilterBefore(new ThrottleFilter(throttle), BasicAuthenticationFilter.class);
      http.addFilterBefore(new TokenFilter(tokens, users), BasicAuthenticationFilter.class);
      http.httpBasic(
          b ->
              b.authenticationEntryPoint(
                  (req, res, ex) ->
                      problem(res, 401, "UNAUTHENTICATED", "Wrong user name or password")));
      http.formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false));
    }
    http.authorizeHttpRequests(SecurityConfiguration::rules);
    return http.build();
  }

  private static void rules(
      org.springframework.security.config.annotation.web.configurers
                      .AuthorizeHttpRequestsConfigurer<
                  HttpSecurity>
              .AuthorizationManagerRequestMatcherRegistry
          a) {
    String lab = Roles.LAB_STAFF;
    String manager = Roles.MANAGER;
    String admin = Roles.ADMIN;
    a.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
        .permitAll()
        .requestMatchers(Console.PUBLIC)
        .permitAll()
        .requestMatchers("/api/users", "/api/users/**")
        .hasRole(admin)
        .requestMatchers(HttpMethod.GET, "/api/audit")
        .hasAnyRole(manager, admin)
        .requestMatchers(HttpMethod.POST, "/api/campaigns")
        .hasAnyRole(lab, manager, admin)
        .requestMatchers(
            HttpMethod.POST,
            "/api/campaigns/*/pause",
            "/api/campaigns/*/resume",
            "/api/campaigns/*/incidents/*/retry")
        .hasAnyRole(lab, manager, admin)
        .requestMatchers(HttpMethod.POST, "/api/campaigns/*/abort")
        .hasAnyRole(manager, admin)
        .requestMatchers(HttpMethod.POST, "/api/lots", "/api/modules")
        .hasAnyRole(lab, admin)
        .requestMatchers(HttpMethod.POST, "/api/profile-runs", "/api/profile-runs/**")
        .hasAnyRole(lab, admin)
        .requestMatchers(HttpMethod.POST, "/api/tasks/*/claim", "/api/tasks/*/complete")
        .hasAnyRole(lab, Roles.FA_ENGINEER, manager)
        .requestMatchers(HttpMethod.POST, "/api/tasks/*/unclaim")
        .hasAnyRole(lab, Roles.FA_ENGINEER, manager, admin)
        .requestMatchers(HttpMethod.POST, "/api/chambers")
        .hasRole(admin)
        .requestMatchers(HttpMethod.PUT, "/api/chambers/*")
        .hasAnyRole(manager, admin)
        .anyRequest()
        .authenticated();
  }

  private static JwtAuthenticationConverter jwt(SecurityProperties properties) {
    JwtAuthenticationConverter c = new JwtAuthenticationConverter();
    c.setPrincipalClaimName(properties.usernameClaim());
    c.setJwtGrantedAuthoritiesConverter(jwt -> roles(jwt, properties.rolesClaim()));
    return c;
  }

  /** The Stressflow roles listed in {@code claim} (a dotted path) of {@code jwt}. */
  static Collection<GrantedAuthority> roles(Jwt jwt, String claim) {
    Object node = jwt.getClaims();
    for (String part : claim.split("\\.")) {
      node = node instanceof Map<?, ?> m ? m.get(part) : null;
    }
    List<Object> values = new ArrayList<>();
    if (node instanceof Collection<?> c) {
      values.addAll(c);
    } else if (node instanceof String s) {
      values.addAll(List.of(s.split("[ ,]+")));
    }
    List<GrantedAuthority> out = new ArrayList<>();
    for (Object v : values) {
      String role = String.valueOf(v);
      if (Roles.ALL.contains(role)) {
        out.add(new SimpleGrantedAuthority(Roles.authority(role)));
      }
    }
    return out;
  }

  /** Writes a problem+json answer. */
  static void problem(HttpServletResponse res, int status, String title, String detail)
      throws IOException {
    if (res.isCommitted()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("requestId", RequestIds.current());
    res.setStatus(status);
    if (status == 401) {
      res.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stressflow\"");
    }
    res.setContentType("application/problem+json");
    res.setCharacterEncoding(StandardCharsets.UTF_8.name());
    res.getWriter().write(JSON.writeValueAsString(body));
  }

  /** Refuses a Basic login for a user name that failed too often lately (429). */
  private static final class ThrottleFilter extends OncePerRequestFilter {
    private final LoginThrottle throttle;

    ThrottleFilter(LoginThrottle throttle) {
      this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest req, HttpServletResponse res, FilterChain chain)
        throws ServletException, IOException {
      String name = basicUser(req);
      if (name == null && "POST".equals(req.getMethod()) && "/login".equals(req.getServletPath())) {
        name = req.getParameter("username");
      }
      if (name != null && !throttle.allowed(name)) {
        problem(
            res,
            429,
            "TOO_MANY_LOGINS",
            "Too many failed logins for this user name; try again later");
        return;
      }
      chain.doFilter(req, res);
    }

    private static String basicUser(HttpServletRequest req) {
      String h = req.getHeader(HttpHeaders.AUTHORIZATION);
      if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      try {
        String decoded =
            new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : decoded.substring(0, colon);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  /** Authenticates {@code Authorization: Bearer sft_…} (a CLI login token); 401 if not valid. */
  private static final class TokenFilter extends OncePerRequestFilter {
    private final TokenStore tokens;
    private final UserStore users;

    TokenFilter(TokenStore tokens, UserStore users) {
      this.tokens = tokens;
      this.users = users;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest req, HttpServletResponse res, FilterChain chain)
        throws ServletException, IOException {
      String h = req.getHeader(HttpHeaders.AUTHORIZATION);
      if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
        chain.doFilter(req, res);
        return;
      }
      UserDetails user = null;
      String name = tokens.user(h.substring(7).trim()).orElse(null);
      if (name != null) {
        try {
          user = users.loadUserByUsername(name);
        } catch (UsernameNotFoundException e) {
          user = null;
        }
      }
      if (user == null || !user.isEnabled()) {
        problem(res, 401, "UNAUTHENTICATED", "The token is not valid (expired or revoked?)");
        return;
      }
      var context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(
          UsernamePasswordAuthenticationToken.authenticated(
              user.getUsername(), null, user.getAuthorities()));
      SecurityContextHolder.setContext(context);
      chain.doFilter(req, res);
    }
  }
}

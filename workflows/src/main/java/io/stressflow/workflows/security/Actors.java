package io.stressflow.workflows.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is acting on this thread: the authenticated user of the API call (or the demo's lab person),
 * or {@link #SYSTEM} for the workflow's own steps (job workers, the profile runner).
 */
public final class Actors {

  /** The actor of what no person did. */
  public static final String SYSTEM = "system";

  private Actors() {}

  /** The authenticated user's name, or {@link #SYSTEM}. */
  public static String current() {
    Authentication a = authentication();
    return a == null ? SYSTEM : a.getName();
  }

  /**
   * Who acts on a record: the authenticated user of a state-changing call, but {@link #SYSTEM}
   * while serving a read (a GET that finds a campaign ended and records it did not end it).
   */
  public static String acting() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes r
        && ("GET".equals(r.getRequest().getMethod())
            || "HEAD".equals(r.getRequest().getMethod()))) {
      return SYSTEM;
    }
    return current();
  }

  /** The authenticated user's roles (without the {@code ROLE_} prefix); empty for the system. */
  public static Set<String> roles() {
    Authentication a = authentication();
    if (a == null) {
      return Set.of();
    }
    return a.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(s -> s != null && s.startsWith("ROLE_"))
        .map(s -> s.substring(5))
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Whether a person (not the system) is acting. */
  public static boolean authenticated() {
    return authentication() != null;
  }

  /** Whether the acting person holds {@code role}. */
  public static boolean has(String role) {
    return roles().contains(role);
  }

  private static Authentication authentication() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
      return null;
    }
    return a;
  }
}

package io.stressflow.workflows.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Rate-limits logins per user name: after {@code stressflow.security.login-attempts} failures
 * within {@code login-lockout}, further attempts for that name are refused (429) until the oldest
 * failure is that long ago, right password or not. Failed logins are written to the audit trail. In
 * memory: a restart forgets the count.
 */
@Component
public class LoginThrottle {

  private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final SecurityProperties properties;
  private final AuditTrail audit;
  private final Clock clock;

  LoginThrottle(SecurityProperties properties, AuditTrail audit, Clock clock) {
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
  }

  /** Whether {@code username} may try to log in now. */
  public boolean allowed(String username) {
    if (username == null) {
      return true;
    }
    Deque<Instant> f = failures.get(key(username));
    if (f == null) {
      return true;
    }
    synchronized (f) {
      prune(f);
      return f.size() < properties.loginAttempts();
    }
  }

  /** Records a failed login (a wrong password, also when signing a decision). */
  public void failed(String username, String how) {
    if (username == null) {
      return;
    }
    Deque<Instant> f = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
    synchronized (f) {
      prune(f);
      f.addLast(clock.instant());
    }
    audit.record(username, "LOGIN_FAILED", how, "401", null, RequestIds.current());
  }

  @EventListener
  void on(AbstractAuthenticationFailureEvent event) {
    failed(event.getAuthentication().getName(), "password");
  }

  @EventListener
  void on(AuthenticationSuccessEvent event) {
    failures.remove(key(event.getAuthentication().getName()));
  }

  private void prune(Deque<Instant> f) {
    Instant since = clock.instant().minus(properties.loginLockout());
    while (!f.isEmpty() && f.peekFirst().isBefore(since)) {
      f.removeFirst();
    }
  }

  private static String key(String username) {
    return username.toLowerCase(Locale.ROOT);
  }
}

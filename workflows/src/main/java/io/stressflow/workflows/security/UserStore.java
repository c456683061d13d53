package io.stressflow.workflows.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Local users in {@code app_user}: the name, a bcrypt hash of the password (never the password),
 * the roles. The embedded default's identity store; with OIDC the identity provider has the people.
 */
@Service
public class UserStore implements UserDetailsService {

  /** The encoder for stored passwords: bcrypt, written {@code {bcrypt}…} so it can be upgraded. */
  static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  /** A user as the API shows it. */
  public record UserView(String username, List<String> roles, boolean enabled, Instant createdAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  UserStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return jdbc.sql(
            "SELECT username, password_hash, roles, enabled FROM app_user WHERE username = ?")
        .param(username)
        .query(
            (rs, i) ->
                User.withUsername(rs.getString(1))
                    .password(rs.getString(2))
                    .disabled(!rs.getBoolean(4))
                    .authorities(
                        roles(rs.getString(3)).stream()
                            .map(r -> new SimpleGrantedAuthority(Roles.authority(r)))
                            .toList())
                    .build())
        .optional()
        .orElseThrow(() -> new UsernameNotFoundException("no such user"));
  }

  /** How many users there are. */
  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
  }

  /** Every user, by name. */
  public List<UserView> list() {
    return jdbc.sql("SELECT username, roles, enabled, created_at FROM app_user ORDER BY username")
        .query(
            (rs, i) ->
                new UserView(
                    rs.getString(1),
                    roles(rs.getString(2)),
                    rs.getBoolean(3),
                    rs.getTimestamp(4).toInstant()))
        .list();
  }

  /** One user, if there is one by that name. */
  public Optional<UserView> find(String username) {
    return list().stream().filter(u -> u.username().equals(username)).findFirst();
  }

  /**
   * Creates a user.
   *
   * @param username the login name.
   * @param password the password (at least 12 characters); only its hash is kept.
   * @param roles the roles, each one of {@link Roles#ALL}.
   * @param createdBy who creates it.
   * @throws IllegalArgumentException if a value is not acceptable.
   * @throws IllegalStateException if the name is taken.
   */
  public synchronized void create(
      String username, String password, Collection<String> roles, String createdBy) {
    if (username == null || !NAME.matcher(username).matches()) {
      throw new IllegalArgumentException(
          "username: 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or"
              + " digit");
    }
    checkPassword(password);
    String roleList = roleList(roles);
    if (find(username).isPresent()) {
      throw new IllegalStateException("User '" + username + "' exists already");
    }
    jdbc.sql(
            "INSERT INTO app_user (username, password_hash, roles, enabled, created_at,"
                + " created_by) VALUES (?, ?, ?, TRUE, ?, ?)")
        .params(
            username,
            ENCODER.encode(password),
            roleList,
            Timestamp.from(clock.instant()),
            createdBy)
        .update();
  }

  /** Replaces {@code username}'s roles. */
  public void setRoles(String username, Collection<String> roles) {
    String roleList = roleList(roles);
    if (jdbc.sql("UPDATE app_user SET roles = ? WHERE username = ?")
            .params(roleList, username)
            .update()
        == 0) {
      throw new NoSuchElementException("No user '" + username + "'");
    }
  }

  /** Sets {@code username}'s password. */
  public void setPassword(String username, String password) {
    checkPassword(password);
    if (jdbc.sql("UPDATE app_user SET password_hash = ? WHERE username = ?")
            .params(ENCODER.encode(password), username)
            .update()
        == 0) {
      throw new NoSuchElementException("No user '" + username + "'");
    }
  }

  /** Enables or disables {@code username} (a disabled user cannot log in; records stay). */
  public void setEnabled(String username, boolean enabled) {
    if (jdbc.sql("UPDATE app_user SET enabled = ? WHERE username = ?")
            .params(enabled, username)
            .update()
        == 0) {
      throw new NoSuchElementException("No user '" + username + "'");
    }
  }

  /** Whether {@code password} is {@code username}'s (false for an unknown or disabled user). */
  public boolean matches(String username, String password) {
    if (username == null || password == null) {
      return false;
    }
    try {
      UserDetails u = loadUserByUsername(username);
      return u.isEnabled() && ENCODER.matches(password, u.getPassword());
    } catch (UsernameNotFoundException e) {
      return false;
    }
  }

  private static void checkPassword(String password) {
    if (password == null || password.length() < 12 || password.length() > 200) {
      throw new IllegalArgumentException("password: 12 to 200 characters");
    }
  }

  private static String roleList(Collection<String> roles) {
    if (roles == null || roles.isEmpty()) {
      throw new IllegalArgumentException("roles: at least one of " + Roles.ALL);
    }
    for (String r : roles) {
      if (!Roles.ALL.contains(r)) {
        throw new IllegalArgumentException("roles: '" + r + "' is not one of " + Roles.ALL);
      }
    }
    return String.join(",", roles.stream().distinct().sorted().toList());
  }

  private static List<String> roles(String list) {
    return list == null || list.isBlank()
        ? List.of()
        : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}

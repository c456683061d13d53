package io.stressflow.workflows.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * CLI login tokens: {@code ./stressflow cli login} trades a password for a random token that the
 * CLI keeps in the user's config and sends as {@code Authorization: Bearer}. Only a SHA-256 of each
 * token is stored; a token expires after {@code stressflow.security.token-ttl}.
 */
@Service
public class TokenStore {

  /** A token, as issued once. */
  public record Issued(String token, Instant expiresAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecurityProperties properties;
  private final SecureRandom random = new SecureRandom();

  TokenStore(JdbcClient jdbc, Clock clock, SecurityProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.properties = properties;
  }

  /** Issues a token for {@code username}. */
  public Issued issue(String username) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = "sft_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    Instant expires = now.plus(properties.tokenTtl());
    jdbc.sql(
            "INSERT INTO api_token (token_hash, username, created_at, expires_at) VALUES (?, ?, ?,"
                + " ?)")
        .params(hash(token), username, Timestamp.from(now), Timestamp.from(expires))
        .update();
    return new Issued(token, expires);
  }

  /** The user a valid token belongs to. */
  public Optional<String> user(String token) {
    if (token == null || !token.startsWith("sft_")) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT username FROM api_token WHERE token_hash = ? AND expires_at > ?")
        .params(hash(token), Timestamp.from(clock.instant()))
        .query(String.class)
        .optional();
  }

  /** Revokes a token (logout). */
  public void revoke(String token) {
    jdbc.sql("DELETE FROM api_token WHERE token_hash = ?").param(hash(token)).update();
  }

  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

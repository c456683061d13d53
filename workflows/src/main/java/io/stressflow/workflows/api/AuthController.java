package io.stressflow.workflows.api;

import io.stressflow.workflows.security.Actors;
import io.stressflow.workflows.security.SecurityProperties;
import io.stressflow.workflows.security.TokenStore;
import io.stressflow.workflows.security.UserStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who am I, CLI tokens ({@code POST /api/auth/token}, authenticated with HTTP Basic: what {@code
 * ./stressflow cli login} calls), logout, and changing one's own password.
 */
@RestController
@Tag(name = "Authentication", description = "Who am I, CLI login tokens, own password")
class AuthController {

  private final TokenStore tokens;
  private final UserStore users;
  private final SecurityProperties properties;

  AuthController(TokenStore tokens, UserStore users, SecurityProperties properties) {
    this.tokens = tokens;
    this.users = users;
    this.properties = properties;
  }

  /** The authenticated user. */
  record Me(String username, List<String> roles) {}

  /** A login token, shown once. */
  record Token(String username, String token, Instant expiresAt) {}

  @GetMapping("/api/me")
  @Operation(summary = "The authenticated user and their roles")
  Me me() {
    return new Me(Actors.current(), Actors.roles().stream().sorted().toList());
  }

  @PostMapping("/api/auth/token")
  @Operation(
      summary = "Trade a password (HTTP Basic) for a login token (local users)",
      description =
          "Send the token as 'Authorization: Bearer <token>'. It expires after"
              + " stressflow.security.token-ttl.")
  Token token(@RequestHeader(name = "Authorization", required = false) String authorization) {
    if (properties.oidc()) {
      throw new IllegalStateException("With OIDC, get an access token from the identity provider");
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw new AccessDeniedException("A login token is issued for a password (HTTP Basic) only");
    }
    TokenStore.Issued issued = tokens.issue(Actors.current());
    return new Token(Actors.current(), issued.token(), issued.expiresAt());
  }

  @PostMapping("/api/auth/logout")
  @Operation(summary = "Revoke the bearer token this call carries")
  ResponseEntity<Void> logout(
      @RequestHeader(name = "Authorization", required = false) String authorization) {
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      tokens.revoke(authorization.substring(7).trim());
    }
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/api/me/password")
  @Operation(summary = "Change your password: {\"currentPassword\", \"newPassword\"}")
  ResponseEntity<Void> password(@RequestBody Map<String, String> body) {
    String me = Actors.current();
    if (body == null || !users.matches(me, body.get("currentPassword"))) {
      throw new AccessDeniedException("currentPassword does not match");
    }
    users.setPassword(me, body.get("newPassword"));
    return ResponseEntity.noContent().build();
  }
}

package io.stressflow.workflows.api;

import io.stressflow.workflows.security.Actors;
import io.stressflow.workflows.security.UserStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users}: local users and their roles (admin only). */
@RestController
@RequestMapping("/api/users")
@Tag(name = "Users", description = "Local users and roles (admin)")
class UserController {

  private final UserStore users;

  UserController(UserStore users) {
    this.users = users;
  }

  /** A new user: name, password (12+ characters), roles. */
  record NewUser(String username, String password, List<String> roles) {}

  @GetMapping
  @Operation(summary = "Every local user with their roles")
  List<UserStore.UserView> list() {
    return users.list();
  }

  @PostMapping
  @Operation(summary = "Create a user: {username, password, roles}; 409 if the name is taken")
  ResponseEntity<UserStore.UserView> create(@RequestBody NewUser user) {
    if (user == null) {
      throw new IllegalArgumentException("body: {username, password, roles} is required");
    }
    users.create(user.username(), user.password(), user.roles(), Actors.current());
    return ResponseEntity.created(URI.create("/api/users/" + user.username()))
        .body(users.find(user.username()).orElseThrow());
  }

  @PutMapping("/{username}/roles")
  @Operation(summary = "Replace a user's roles: {\"roles\": [...]}")
  UserStore.UserView roles(
      @PathVariable String username, @RequestBody Map<String, List<String>> body) {
    users.setRoles(username, body == null ? null : body.get("roles"));
    return found(username);
  }

  @PutMapping("/{username}/password")
  @Operation(summary = "Set a user's password: {\"password\": \"...\"}")
  ResponseEntity<Void> password(
      @PathVariable String username, @RequestBody Map<String, String> body) {
    users.setPassword(username, body == null ? null : body.get("password"));
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/{username}/enabled")
  @Operation(summary = "Enable or disable a user: {\"enabled\": false}; records keep their name")
  UserStore.UserView enabled(
      @PathVariable String username, @RequestBody Map<String, Boolean> body) {
    users.setEnabled(username, body != null && Boolean.TRUE.equals(body.get("enabled")));
    return found(username);
  }

  private UserStore.UserView found(String username) {
    return users
        .find(username)
        .orElseThrow(() -> new NoSuchElementException("No user '" + username + "'"));
  }
}

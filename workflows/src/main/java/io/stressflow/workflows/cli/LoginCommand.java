package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code login}: trades the user's password for a token ({@code POST /api/auth/token}) and keeps it
 * in the user's config for this server's URL; later commands send it. {@code logout} revokes and
 * forgets it; {@code whoami} names the user the CLI acts as.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    versionProvider = StressflowCli.Version.class,
    description = {
      "Log in: asks for your password (or takes STRESSFLOW_PASSWORD) and keeps a token in your"
          + " config ($STRESSFLOW_CONFIG or ~/.config/stressflow/credentials.json, readable by you"
          + " only). With STRESSFLOW_USER and STRESSFLOW_PASSWORD set no login is needed."
    })
class LoginCommand extends ApiCommand {

  @Option(
      names = "--user",
      paramLabel = "<name>",
      description = "Your user name (env STRESSFLOW_USER).")
  String user;

  @Override
  int run(Api ignored) throws InterruptedException {
    StressflowCli root = (StressflowCli) spec.root().userObject();
    Credentials credentials = root.credentials();
    String name = credentials.user(user);
    if (name == null || name.isBlank()) {
      err().println("login: name the user with --user (or STRESSFLOW_USER)");
      return INVALID;
    }
    String password = credentials.password("Password for " + name + ": ");
    if (password == null) {
      err().println("login: no password given");
      return INVALID;
    }
    Api api = new Api(root.url(), Credentials.basic(name, password));
    JsonNode token = api.postJson("/api/auth/token", null);
    credentials.save(root.url(), name, token.path("token").asText());
    out()
        .printf(
            "Logged in to %s as %s (token valid until %s, kept in %s)%n",
            root.url(), name, token.path("expiresAt").asText(), credentials.file());
    return OK;
  }

  /** {@code logout}. */
  @Command(
      name = "logout",
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      description = "Revoke the token of this server and forget it.")
  static class Logout extends ApiCommand {
    @Override
    int run(Api ignored) throws InterruptedException {
      StressflowCli root = (StressflowCli) spec.root().userObject();
      String token = root.credentials().forget(root.url());
      if (token != null) {
        new Api(root.url(), "Bearer " + token).postJson("/api/auth/logout", null);
      }
      out().printf("Logged out of %s%n", root.url());
      return OK;
    }
  }

  /** {@code whoami}. */
  @Command(
      name = "whoami",
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      description = "The user the CLI acts as, and their roles.")
  static class WhoAmI extends ApiCommand {
    @Override
    int run(Api api) throws InterruptedException {
      JsonNode me = api.get("/api/me");
      List<String> roles = new ArrayList<>();
      me.path("roles").forEach(r -> roles.add(r.asText()));
      out().printf("%s (%s)%n", me.path("username").asText(), String.join(", ", roles));
      return OK;
    }
  }
}

package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code users}: local users and their roles (admin). */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    versionProvider = StressflowCli.Version.class,
    description = "Local users (admin): list, add, set roles.",
    subcommands = {UsersCommand.Add.class, UsersCommand.SetRoles.class})
class UsersCommand extends ApiCommand {

  @Override
  int run(Api api) throws InterruptedException {
    Table table = new Table("USER", "ROLES", "ENABLED", "CREATED");
    for (JsonNode u : api.get("/api/users")) {
      List<String> roles = new ArrayList<>();
      u.path("roles").forEach(r -> roles.add(r.asText()));
      table.row(
          u.path("username").asText(),
          String.join(",", roles),
          u.path("enabled").asText(),
          u.path("createdAt").asText());
    }
    table.print(out());
    return OK;
  }

  /** {@code users add <name> --role r [--role r]}: asks for the new user's password. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      description =
          "Add a user; asks for their initial password (12+ characters; or a line on stdin).")
  static class Add extends ApiCommand {
    @Parameters(paramLabel = "<name>")
    String name;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "<role>",
        description = "lab-staff, fa-engineer, manager or admin; repeat for several.")
    List<String> roles;

    @Override
    int run(Api api) throws InterruptedException {
      StressflowCli root = (StressflowCli) spec.root().userObject();
      String password = root.credentials().password("Initial password for " + name + ": ");
      api.postJson("/api/users", Map.of("username", name, "password", password, "roles", roles));
      out().printf("User %s added with roles %s%n", name, roles);
      return OK;
    }
  }

  /** {@code users roles <name> --role r}. */
  @Command(
      name = "roles",
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      description = "Replace a user's roles.")
  static class SetRoles extends ApiCommand {
    @Parameters(paramLabel = "<name>")
    String name;

    @Option(names = "--role", required = true, paramLabel = "<role>")
    List<String> roles;

    @Override
    int run(Api api) throws InterruptedException {
      api.send("PUT", "/api/users/" + Api.segment(name) + "/roles", Map.of("roles", roles));
      out().printf("User %s now has roles %s%n", name, roles);
      return OK;
    }
  }
}

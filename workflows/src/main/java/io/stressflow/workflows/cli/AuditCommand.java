package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit}: the audit trail (manager, admin), oldest first. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = StressflowCli.Version.class,
    description = "The audit trail: every state-changing call and failed login (manager, admin).")
class AuditCommand extends ApiCommand {

  @Option(names = "--from", paramLabel = "<instant>", description = "From (ISO-8601, inclusive).")
  String from;

  @Option(names = "--to", paramLabel = "<instant>", description = "To (ISO-8601, exclusive).")
  String to;

  @Option(names = "--actor", paramLabel = "<user>", description = "Only this user's.")
  String actor;

  @Option(
      names = "--limit",
      defaultValue = "200",
      paramLabel = "<n>",
      description = "At most this many, the newest (default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  int run(Api api) throws InterruptedException {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("from", from);
    q.put("to", to);
    q.put("actor", actor);
    q.put("limit", Integer.toString(limit));
    Table table = new Table("AT", "ACTOR", "ACTION", "TARGET", "OUTCOME", "REASON", "REQUEST");
    for (JsonNode e : api.get("/api/audit" + Api.query(q))) {
      table.row(
          e.path("at").asText(),
          e.path("actor").asText(),
          e.path("action").asText(),
          e.path("target").asText(),
          e.path("outcome").asText(),
          e.hasNonNull("reason") ? e.get("reason").asText() : null,
          e.path("requestId").asText());
    }
    table.print(out());
    return OK;
  }
}

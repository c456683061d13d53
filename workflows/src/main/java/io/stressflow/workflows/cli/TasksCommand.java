package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tasks}: the open user tasks, oldest first. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = StressflowCli.Version.class,
    name = "tasks",
    description = "Open tasks (loading, alarms, failure analysis, approval), oldest first.")
class TasksCommand extends ApiCommand {

  @Option(
      names = "--assignee",
      paramLabel = "<name>",
      description = "Only those claimed by him or her.")
  String assignee;

  @Option(
      names = "--group",
      paramLabel = "<group>",
      description = "Only those of a candidate group, e.g. lab-staff.")
  String group;

  @Option(names = "--campaign", paramLabel = "<id>", description = "Only those of one campaign.")
  String campaign;

  @Override
  int run(Api api) throws InterruptedException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("assignee", assignee);
    query.put("candidateGroup", group);
    query.put("campaignId", campaign);
    Instant now = Instant.now();
    Table table = new Table("KEY", "NAME", "CAMPAIGN", "ASSIGNEE", "AGE");
    for (JsonNode t : api.get("/api/tasks" + Api.query(query))) {
      Instant created = Formats.instant(t.path("created"));
      table.row(
          t.path("key").asText(),
          t.path("name").asText(),
          Formats.orDash(t.path("campaignId")),
          Formats.orDash(t.path("assignee")),
          created == null ? "-" : Formats.duration(Duration.between(created, now)));
    }
    if (table.isEmpty()) {
      out().println("No open tasks.");
    } else {
      table.print(out());
    }
    return OK;
  }
}

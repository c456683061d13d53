package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lots register|list}: the lots modules come from. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = StressflowCli.Version.class,
    name = "lots",
    description = "Register lots and list them.",
    subcommands = {LotsCommand.Register.class, LotsCommand.ListLots.class})
class LotsCommand {

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "register",
      description = "Register a lot (registering again updates it).")
  static class Register extends ApiCommand {
    @Parameters(paramLabel = "<id>", description = "The lot id.")
    String id;

    @Option(
        names = "--part",
        required = true,
        paramLabel = "<part>",
        description = "The product's part number.")
    String part;

    @Option(
        names = "--date-code",
        required = true,
        paramLabel = "<code>",
        description = "Its date code, e.g. 2331.")
    String dateCode;

    @Override
    int run(Api api) throws InterruptedException {
      Map<String, String> body = new HashMap<>();
      body.put("id", id);
      body.put("partNumber", part);
      body.put("dateCode", dateCode);
      JsonNode lot = api.postJson("/api/lots", body);
      out()
          .printf(
              "Registered lot %s (part %s, date code %s)%n",
              lot.path("id").asText(),
              Formats.orDash(lot.path("partNumber")),
              Formats.orDash(lot.path("dateCode")));
      return OK;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "list",
      description = "Every lot.")
  static class ListLots extends ApiCommand {
    @Override
    int run(Api api) throws InterruptedException {
      Table table = new Table("ID", "PART", "DATE CODE", "REGISTERED");
      for (JsonNode lot : api.get("/api/lots")) {
        table.row(
            lot.path("id").asText(),
            Formats.orDash(lot.path("partNumber")),
            Formats.orDash(lot.path("dateCode")),
            Formats.dateTime(lot.path("registeredAt"), ZoneId.systemDefault()));
      }
      if (table.isEmpty()) {
        out().println("No lots registered.");
      } else {
        table.print(out());
      }
      return OK;
    }
  }
}

package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modules register|list}: the module registry. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = StressflowCli.Version.class,
    name = "modules",
    description = "Register modules, and see where each is on test.",
    subcommands = {ModulesCommand.Register.class, ModulesCommand.ListModules.class})
class ModulesCommand {

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "register",
      description = "Register a module serial (registering again updates it).")
  static class Register extends ApiCommand {
    @Parameters(paramLabel = "<serial>", description = "The module's serial.")
    String serial;

    @Option(
        names = "--lot",
        required = true,
        paramLabel = "<lot>",
        description = "Its lot (register it first: lots register).")
    String lot;

    @Option(
        names = "--part",
        paramLabel = "<part>",
        description = "Its part number (default: the lot's).")
    String part;

    @Override
    int run(Api api) throws InterruptedException {
      Map<String, String> body = new HashMap<>();
      body.put("serial", serial);
      body.put("lot", lot);
      body.put("partNumber", part);
      JsonNode m = api.postJson("/api/modules", body);
      out()
          .printf(
              "Registered module %s (lot %s, part %s)%n",
              m.path("serial").asText(),
              Formats.orDash(m.path("lot")),
              Formats.orDash(m.path("partNumber")));
      return OK;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "list",
      description = "Registered modules, with the campaign each is (or was last) in.")
  static class ListModules extends ApiCommand {
    @Option(names = "--lot", paramLabel = "<lot>", description = "Only those of one lot.")
    String lot;

    @Override
    int run(Api api) throws InterruptedException {
      Map<String, String> query = new HashMap<>();
      query.put("lot", lot);
      Table table = new Table("SERIAL", "LOT", "PART", "CAMPAIGN", "LEG", "STATE", "HOURS");
      for (JsonNode m : api.get("/api/modules" + Api.query(query))) {
        table.row(
            m.path("serial").asText(),
            Formats.orDash(m.path("lot")),
            Formats.orDash(m.path("partNumber")),
            Formats.orDash(m.path("campaignId")),
            Formats.orDash(m.path("leg")),
            Formats.orDash(m.path("state"))
                + (m.path("control").asBoolean(false) ? " (control)" : ""),
            m.path("creditedHours").isNumber()
                ? Formats.number(m.path("creditedHours").asDouble())
                : "-");
      }
      if (table.isEmpty()) {
        out().println("No modules registered" + (lot == null ? "." : " in lot " + lot + "."));
      } else {
        table.print(out());
      }
      return OK;
    }
  }
}

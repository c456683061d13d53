package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code plan validate}: check a plan before launching it. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = StressflowCli.Version.class,
    name = "plan",
    description = "Check campaign plans.",
    subcommands = PlanCommand.Validate.class)
class PlanCommand {

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "validate",
      description =
          "Validate a plan against this installation (chambers, presets): each leg's hours,"
              + " cycles and LTPD, or every problem with its field path (exit 2).")
  static class Validate extends ApiCommand {
    @Parameters(paramLabel = "<plan.yaml>", description = "The campaign plan.")
    Path plan;

    @Override
    int run(Api api) throws InterruptedException {
      String yaml;
      try {
        yaml = Files.readString(plan);
      } catch (IOException e) {
        err().println("Cannot read the plan " + plan + ": " + e);
        return INVALID;
      }
      JsonNode report;
      try {
        report = api.postYaml("/api/plans/validation", yaml);
      } catch (ApiException e) {
        if (e.status() != 422 || e.problems().isEmpty()) {
          throw e;
        }
        err().printf("%s has %d problem(s):%n", plan, e.problems().size());
        e.problems().forEach(p -> err().println("  " + p));
        return INVALID;
      }
      out().printf("%s is valid.%n", plan);
      Table table = new Table("LEG", "HOURS", "CYCLES", "SAMPLES", "LTPD (90 %)");
      for (JsonNode leg : report.path("legs")) {
        table.row(
            leg.path("id").asText(),
            Formats.number(leg.path("hours").asDouble()),
            Long.toString(leg.path("cycles").asLong()),
            Integer.toString(leg.path("samples").asInt()),
            ltpd(leg.path("ltpd")));
      }
      table.print(out());
      return OK;
    }

    /** The LTPD as a percentage, or {@code -} for a leg without an acceptance rule. */
    private static String ltpd(JsonNode node) {
      double x = node.asDouble(Double.NaN);
      return Double.isNaN(x) ? "-" : Formats.number(x * 100) + " %";
    }
  }
}

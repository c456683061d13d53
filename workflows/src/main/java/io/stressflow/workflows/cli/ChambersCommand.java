package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code chambers}: the chambers and their last reading; {@code chambers show <id>}: one. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = StressflowCli.Version.class,
    name = "chambers",
    description = "The chambers this installation drives, with their last reading.",
    subcommands = ChambersCommand.Show.class)
class ChambersCommand extends ApiCommand {

  @Override
  int run(Api api) throws InterruptedException {
    Table table =
        new Table(
            "ID",
            "ANSWERING",
            "MODE",
            "AIR °C",
            "SETPOINT °C",
            "LOAD °C",
            "%RH",
            "ALARMS",
            "MISSED READS");
    for (JsonNode c : api.get("/api/chambers")) {
      JsonNode s = c.path("state");
      table.row(
          c.path("id").asText(),
          c.path("answering").asBoolean() ? "yes" : "NO",
          Formats.orDash(s.path("mode")),
          number(s.path("airTemperature")),
          number(s.path("airSetpoint")),
          number(s.path("loadTemperature")),
          number(s.path("humidity")),
          alarms(s.path("alarms")),
          Long.toString(c.path("missedReads").asLong()));
    }
    table.print(out());
    return OK;
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "show",
      description = "One chamber's status and last reading.")
  static class Show extends ApiCommand {
    @Parameters(paramLabel = "<id>", description = "The chamber id, e.g. chamber-1.")
    String id;

    @Override
    int run(Api api) throws InterruptedException {
      JsonNode c = api.get("/api/chambers/" + Api.segment(id));
      JsonNode s = c.path("state");
      out().printf("Chamber %s%n", c.path("id").asText());
      out().printf("  answering      %s%n", c.path("answering").asBoolean() ? "yes" : "NO");
      out().printf("  missed reads   %d%n", c.path("missedReads").asLong());
      if (s.isEmpty()) {
        out().println("  no reading yet");
        return OK;
      }
      out()
          .printf(
              "  read at        %s%n", Formats.dateTime(s.path("time"), ZoneId.systemDefault()));
      out().printf("  mode           %s%n", Formats.orDash(s.path("mode")));
      out()
          .printf(
              "  air            %s °C (setpoint %s °C)%n",
              number(s.path("airTemperature")), number(s.path("airSetpoint")));
      out().printf("  load           %s °C%n", number(s.path("loadTemperature")));
      out()
          .printf(
              "  humidity       %s %%RH (setpoint %s)%n",
              number(s.path("humidity")),
              s.path("humiditySetpoint").isNumber()
                  ? number(s.path("humiditySetpoint")) + " %RH"
                  : "off");
      out().printf("  door           %s%n", s.path("doorOpen").asBoolean() ? "OPEN" : "closed");
      out().printf("  alarms         %s%n", alarms(s.path("alarms")));
      return OK;
    }
  }

  static String number(JsonNode n) {
    return n.isNumber() ? Formats.number(n.asDouble()) : "-";
  }

  static String alarms(JsonNode alarms) {
    if (alarms.isEmpty()) {
      return "none";
    }
    StringBuilder s = new StringBuilder();
    alarms.forEach(a -> s.append(s.length() == 0 ? "" : ",").append(a.asText()));
    return s.toString();
  }
}

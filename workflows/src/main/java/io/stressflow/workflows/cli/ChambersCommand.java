package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code chambers}: the lab's chambers, whether each may take work, who holds it, and its last
 * reading; {@code chambers show <id>}: one, with its capabilities and reservation calendar.
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = StressflowCli.Version.class,
    name = "chambers",
    description =
        "The lab's chambers: make, whether each may take work (service, calibration), who holds it,"
            + " and its last reading.",
    subcommands = ChambersCommand.Show.class)
class ChambersCommand extends ApiCommand {

  @Override
  int run(Api api) throws InterruptedException {
    Table table =
        new Table(
            "ID",
            "MAKE / MODEL",
            "AVAILABLE",
            "HELD BY",
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
          (Formats.orDash(c.path("make")) + " " + Formats.orDash(c.path("model"))).trim(),
          c.path("available").asBoolean(true)
              ? "yes"
              : "NO: " + c.path("unavailableReason").asText(),
          Formats.orDash(c.path("reservedBy")),
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
      description =
          "One chamber: what it is, what it can do, whether it may take work, its reservation"
              + " calendar and its last reading.")
  static class Show extends ApiCommand {
    @Parameters(paramLabel = "<id>", description = "The chamber id, e.g. chamber-1.")
    String id;

    @Override
    int run(Api api) throws InterruptedException {
      JsonNode c = api.get("/api/chambers/" + Api.segment(id));
      JsonNode s = c.path("state");
      out().printf("Chamber %s%n", c.path("id").asText());
      out()
          .printf(
              "  make / model   %s %s%n",
              Formats.orDash(c.path("make")), Formats.orDash(c.path("model")));
      out().printf("  location       %s%n", Formats.orDash(c.path("location")));
      out()
          .printf(
              "  controller     %s map, %s%s%n",
              c.path("registerMap").asText(),
              c.path("transport").asText(),
              c.path("simulated").asBoolean()
                  ? " (simulated)"
                  : " at " + c.path("host").asText() + ":" + c.path("port").asText());
      JsonNode caps = c.path("capabilities");
      if (!caps.isMissingNode() && !caps.isNull()) {
        out()
            .printf(
                "  capabilities   %s to %s °C, up to %s K/min%s%s%n",
                number(caps.path("minTemperature")),
                number(caps.path("maxTemperature")),
                number(caps.path("maxRampRate")),
                caps.path("humidity").asBoolean()
                    ? ", humidity %s to %s %%RH"
                        .formatted(
                            number(caps.path("minHumidity")), number(caps.path("maxHumidity")))
                    : ", no humidity",
                caps.path("loadSensor").asBoolean() ? ", load sensor" : "");
      }
      out().printf("  calibration    due %s%n", Formats.orDash(c.path("calibrationDue")));
      out()
          .printf(
              "  available      %s%n",
              c.path("available").asBoolean(true)
                  ? "yes"
                  : "NO: " + c.path("unavailableReason").asText());
      JsonNode calendar = api.get("/api/chambers/" + Api.segment(id) + "/reservations");
      if (calendar.isEmpty()) {
        out().println("  reservations   none: free");
      }
      for (JsonNode r : calendar) {
        out()
            .printf(
                "  %-14s %s since %s%s%n",
                "RESERVED".equals(r.path("kind").asText()) ? "reserved by" : "waiting",
                r.path("campaignId").asText(),
                Formats.dateTime(r.path("since"), ZoneId.systemDefault()),
                r.path("expectedUntil").isTextual()
                    ? ", expected until "
                        + Formats.dateTime(r.path("expectedUntil"), ZoneId.systemDefault())
                    : r.path("note").isTextual() ? ": " + r.path("note").asText() : "");
      }
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

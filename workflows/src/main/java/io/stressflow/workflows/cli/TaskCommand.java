package io.stressflow.workflows.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code task show|claim|complete}: work one user task. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = StressflowCli.Version.class,
    name = "task",
    description = "Work one task: see its form and data, claim it, complete it.",
    subcommands = {TaskCommand.Show.class, TaskCommand.Claim.class, TaskCommand.Complete.class})
class TaskCommand {

  static String path(String key) {
    return "/api/tasks/" + Api.segment(key);
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "show",
      description =
          "A task: its form's fields (* = required, with the values allowed) and its process's"
              + " variables (e.g. a failure's data snapshot).")
  static class Show extends ApiCommand {
    @Parameters(paramLabel = "<key>", description = "The task key (see: tasks).")
    String key;

    @Override
    int run(Api api) throws InterruptedException {
      JsonNode t = api.get(path(key));
      out().printf("Task %s: %s%n", t.path("key").asText(), t.path("name").asText());
      out()
          .printf(
              "  campaign %s, process %s, element %s%n",
              Formats.orDash(t.path("campaignId")),
              Formats.orDash(t.path("processId")),
              Formats.orDash(t.path("elementId")));
      StringBuilder groups = new StringBuilder();
      t.path("candidateGroups")
          .forEach(g -> groups.append(groups.length() == 0 ? "" : ", ").append(g.asText()));
      out()
          .printf(
              "  assignee %s, groups %s, created %s%n",
              Formats.orDash(t.path("assignee")),
              groups.length() == 0 ? "-" : groups,
              Formats.dateTime(t.path("created"), ZoneId.systemDefault()));
      JsonNode form = t.path("form");
      if (form.isObject()) {
        out().println("Form fields (* = required; complete with -f key=value):");
        fields(form.path("components"));
      } else {
        out().println("No form: complete it without fields.");
      }
      JsonNode variables = t.path("variables");
      if (variables.isObject() && !variables.isEmpty()) {
        out().println("Variables:");
        variables
            .fields()
            .forEachRemaining(
                e -> out().println("  " + e.getKey() + ": " + variable(e.getValue())));
      }
      return OK;
    }

    private void fields(JsonNode components) {
      for (JsonNode c : components) {
        if (c.hasNonNull("key")) {
          out().println("  " + field(c));
        }
        if (c.path("components").isArray()) {
          fields(c.path("components"));
        }
      }
    }
  }

  /**
   * One form field for people: {@code approval* (radio) Approve the report: one of approve
   * (Approve), reject (Reject)}.
   *
   * @param c a form component with a key.
   * @return the line.
   */
  static String field(JsonNode c) {
    boolean required = c.path("validate").path("required").asBoolean(false);
    String type = c.path("type").asText();
    StringBuilder s = new StringBuilder(c.path("key").asText());
    s.append(required ? "* " : "  ").append('(').append(type).append(')');
    if (c.hasNonNull("label")) {
      s.append(' ').append(c.get("label").asText());
    }
    if (c.path("values").isArray() && !c.path("values").isEmpty()) {
      StringBuilder values = new StringBuilder();
      for (JsonNode v : c.path("values")) {
        values.append(values.length() == 0 ? "" : ", ").append(v.path("value").asText());
        if (v.hasNonNull("label") && !v.get("label").asText().equals(v.path("value").asText())) {
          values.append(" (").append(v.get("label").asText()).append(')');
        }
      }
      s.append(": one of ").append(values);
    } else if ("checkbox".equals(type)) {
      s.append(": true or false").append(required ? " (must be true)" : "");
    } else if ("number".equals(type)) {
      s.append(": a number");
    }
    return s.toString();
  }

  /** A variable's value: text as is, anything else as compact JSON. */
  static String variable(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    try {
      return Api.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return value.toString();
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "claim",
      description = "Claim a task for yourself; a conflict (exit 3) if someone else has it.")
  static class Claim extends ApiCommand {
    @Parameters(paramLabel = "<key>", description = "The task key.")
    String key;

    @Override
    int run(Api api) throws InterruptedException {
      JsonNode t = api.postJson(path(key) + "/claim", Map.of());
      out()
          .printf(
              "Task %s (%s) claimed by %s%n",
              key, t.path("name").asText(), t.path("assignee").asText());
      return OK;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = StressflowCli.Version.class,
      name = "complete",
      description = {
        "Complete a task with form data. Values: true/false are booleans, numbers are numbers"
            + " (but not with a leading zero, e.g. 007), anything else a string.",
        "Data that does not fit the form (a missing required field, a value not offered, a"
            + " misspelt key) is refused field by field (exit 2) and the task stays open."
      })
  static class Complete extends ApiCommand {
    @Parameters(paramLabel = "<key>", description = "The task key.")
    String key;

    @Option(
        names = {"-f", "--field"},
        paramLabel = "key=value",
        description = "A form field's value; repeat for each field.")
    Map<String, String> fields = new LinkedHashMap<>();

    @Option(
        names = "--sign",
        paramLabel = "<meaning>",
        description =
            "Sign the decision (approving a report, verifying a failure): what your signature"
                + " means. Asks for your password again (or takes STRESSFLOW_PASSWORD).")
    String meaning;

    @Override
    int run(Api api) throws InterruptedException {
      Map<String, Object> data = new LinkedHashMap<>(FormValues.typed(fields));
      if (meaning != null) {
        StressflowCli root = (StressflowCli) spec.root().userObject();
        String password = root.credentials().password("Password (to sign): ");
        data.put(
            "signature", Map.of("password", password == null ? "" : password, "meaning", meaning));
      }
      api.postJson(path(key) + "/complete", data);
      out().printf("Task %s completed by %s%n", key, api.get("/api/me").path("username").asText());
      return OK;
    }
  }
}

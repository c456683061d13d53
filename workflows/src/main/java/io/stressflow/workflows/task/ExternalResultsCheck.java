package io.stressflow.workflows.task;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks what lab staff enter for an external leg (task {@value #ELEMENT}, form {@code
 * external-results}) beyond what the form itself says: every failed module is one of the leg's
 * modules on test ({@code legSamples}, set by the campaign when the leg starts), and the test date
 * is a date. Pure: data and the process's variables in, problems out.
 */
final class ExternalResultsCheck {

  /** The user task it applies to (bpmn/campaign.bpmn). */
  static final String ELEMENT = "enter-external-results";

  private ExternalResultsCheck() {}

  /**
   * Checks a completion.
   *
   * @param data the submitted values.
   * @param variables the process instance's variables.
   * @return every problem, by field.
   */
  static List<FieldProblem> check(Map<String, Object> data, Map<String, Object> variables) {
    List<FieldProblem> problems = new ArrayList<>(failedModules(data, variables));
    Object date = data.get("testDate");
    if (date != null && !date.toString().isBlank()) {
      try {
        LocalDate.parse(date.toString().trim());
      } catch (DateTimeParseException e) {
        problems.add(
            new FieldProblem("testDate", "'%s' is not a date (yyyy-mm-dd)".formatted(date)));
      }
    }
    return problems;
  }

  /**
   * The serials in {@code failedModules} that are not on test in the task's leg ({@code
   * legSamples}): lab staff can only fail a module the leg has.
   *
   * @param data the submitted values.
   * @param variables the process instance's variables.
   * @return a problem per unknown serial.
   */
  static List<FieldProblem> failedModules(Map<String, Object> data, Map<String, Object> variables) {
    List<FieldProblem> problems = new ArrayList<>();
    Object failed = data.get("failedModules");
    if (failed != null && !failed.toString().isBlank()) {
      List<String> onTest = serials(variables.get("legSamples"));
      Object leg = variables.get("leg");
      for (String serial : serials(failed)) {
        if (!onTest.contains(serial)) {
          problems.add(
              new FieldProblem(
                  "failedModules",
                  "'%s' is not a module on test in leg '%s' (on test: %s)"
                      .formatted(serial, leg, String.join(", ", onTest))));
        }
      }
    }
    return problems;
  }

  private static List<String> serials(Object text) {
    if (text == null || text.toString().isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.toString().trim().split("[,;\\s]+"))
        .filter(s -> !s.isEmpty())
        .toList();
  }
}

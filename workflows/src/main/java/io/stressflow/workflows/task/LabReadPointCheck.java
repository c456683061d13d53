package io.stressflow.workflows.task;

import io.stressflow.workflows.campaign.LabReadPoints;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks what lab staff enter for a read point measured at the lab station (task {@value #ELEMENT},
 * form {@code lab-read-point}) beyond what the form itself says: every failed module is one of the
 * leg's modules on test ({@code legSamples}, set when the read point was handed to lab staff), and
 * the times fit (date-times; out no earlier than the read point was reached, {@code
 * readPointReachedAt}; back no earlier than out, not in the future). Pure: data, the process's
 * variables and the time in, problems out.
 */
final class LabReadPointCheck {

  /** The user task it applies to (bpmn/campaign.bpmn). */
  static final String ELEMENT = "measure-at-lab";

  private LabReadPointCheck() {}

  /**
   * Checks a completion.
   *
   * @param data the submitted values.
   * @param variables the process instance's variables.
   * @param now now.
   * @param zone the lab's time zone, for times entered without an offset.
   * @return every problem, by field.
   */
  static List<FieldProblem> check(
      Map<String, Object> data, Map<String, Object> variables, Instant now, ZoneId zone) {
    List<FieldProblem> problems =
        new ArrayList<>(ExternalResultsCheck.failedModules(data, variables));
    Object out = data.get("modulesOutAt");
    Object back = data.get("modulesBackAt");
    for (String p :
        LabReadPoints.timeProblems(
            out == null ? null : out.toString(),
            back == null ? null : back.toString(),
            reachedAt(variables.get("readPointReachedAt")),
            now,
            zone)) {
      int colon = p.indexOf(": ");
      if (p.endsWith(": is required")) {
        continue; // the form's required check names it already
      }
      problems.add(new FieldProblem(p.substring(0, colon), p.substring(colon + 2)));
    }
    return problems;
  }

  private static Instant reachedAt(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.toString());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}

package io.stressflow.workflows.demo;

import io.stressflow.workflows.task.Task;
import io.stressflow.workflows.task.TaskService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo's lab staff and failure analysts: they take each open task of the campaign, claim it and
 * complete it with what a person would enter, through the same {@link TaskService} (and form
 * checks) the REST API uses. A confirmed failure is what the demo shows.
 */
final class DemoLab {

  private final TaskService tasks;
  private final Consumer<String> say;

  DemoLab(TaskService tasks, Consumer<String> say) {
    this.tasks = tasks;
    this.say = say;
  }

  /**
   * Does every task of the campaign that is open now.
   *
   * @param campaignId the campaign.
   */
  void work(String campaignId) {
    List<Task> open = tasks.list(null, null, campaignId);
    for (Task listed : open) {
      // the lab station task shows its read point: read it with its variables
      Task t =
          "measure-at-lab".equals(listed.elementId())
              ? tasks.get(Long.parseLong(listed.key()))
              : listed;
      Map<String, Object> data = answer(t);
      if (data == null) {
        continue;
      }
      String who =
          t.candidateGroups() != null && t.candidateGroups().contains("failure-analysis")
              ? "fa.engineer"
              : t.elementId().equals("approve-report") ? "r.manager" : "lab.tech";
      tasks.claim(Long.parseLong(t.key()), who);
      tasks.complete(Long.parseLong(t.key()), data);
      say.accept("%s completed '%s' %s".formatted(who, t.name(), data.keySet()));
    }
  }

  private static Map<String, Object> answer(Task t) {
    Map<String, Object> d = new LinkedHashMap<>();
    switch (t.elementId()) {
      case "load-modules" -> {
        d.put("loadedBy", "lab.tech");
        d.put("modulesConnected", true);
        d.put("loadingNotes", "all modules seated in the host boards, fibre loopbacks fitted");
      }
      case "check-overdue-leg" -> {
        d.put("checkedBy", "lab.tech");
        d.put("overdueNotes", "chamber slow to pull down; leg continues");
      }
      case "resolve-alarm" -> {
        d.put("alarmResolution", "resume");
        d.put("alarmCause", "limit controller tripped; reset");
        d.put("resolvedBy", "lab.tech");
      }
      case "unload-modules" -> {
        d.put("unloadedBy", "lab.tech");
        d.put("unloadingNotes", "modules bagged and returned to stores");
      }
      case "approve-report" -> {
        d.put("approval", "approve");
        d.put("reviewer", "r.manager");
        d.put("reviewComments", "failure confirmed on lane 3; corrective action raised");
      }
      case "verify-failure" -> {
        d.put("cleaned", true);
        d.put("goldenPort", true);
        d.put("repeated", true);
        d.put("verification", "CONFIRMED");
        d.put("verificationNotes", "fails on the golden port after cleaning: lane 3 bias high");
      }
      case "analyse-root-cause" -> {
        d.put("failureClock", "WEAR_OUT");
        d.put("mechanism", "VCSEL lane 3: gradual bias rise at 85/85, oxide-aperture degradation");
        d.put("evidence", "DDM history: bias +60 % at 30 h; EMMI shows a dark-line defect");
      }
      case "measure-at-lab" -> {
        // a read point measured as a lab task: the modules left once the chamber held the
        // recovery condition and are back now; the station found none failed
        Map<String, Object> vars = t.variables() == null ? Map.of() : t.variables();
        Object reached = vars.get("readPointReachedAt");
        String now = java.time.Instant.now().toString();
        d.put("modulesOutAt", reached == null || reached.toString().isBlank() ? now : reached);
        d.put("modulesBackAt", now);
        d.put(
            "stationRecord",
            "OPT-" + vars.getOrDefault("readPointLabel", "").toString().replace(" ", ""));
        d.put("measuredBy", "lab.tech");
        d.put("failedModules", "");
        d.put("labNotes", "measured on the lab's optical test station");
      }
      case "record-corrective-action" -> {
        d.put("fracasId", "FR-2026-117");
        d.put("correctiveAction", "screen VCSEL arrays with 48 h burn-in at 100 mA/lane");
        d.put("effectivenessCheck", "re-run damp heat on 11 screened modules");
      }
      default -> {
        return null;
      }
    }
    return d;
  }
}

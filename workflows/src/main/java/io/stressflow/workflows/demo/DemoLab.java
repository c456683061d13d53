package io.stressflow.workflows.demo;

import io.stressflow.workflows.security.Roles;
import io.stressflow.workflows.security.UserStore;
import io.stressflow.workflows.task.Task;
import io.stressflow.workflows.task.TaskService;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The demo's lab staff, failure analyst and manager: local users ({@code lab.tech} lab-staff,
 * {@code fa.engineer} fa-engineer, {@code r.manager} manager) created with random passwords and
 * logged in with them. Each takes the open tasks of the campaign their role allows, claims and
 * completes them as themselves with what a person would enter, through the same {@link TaskService}
 * (form checks, role and assignee rules, signatures) the REST API uses. A confirmed failure is what
 * the demo shows.
 */
final class DemoLab {

  /** The demo's people: user name and role. */
  static final Map<String, String> PEOPLE =
      Map.of(
          "lab.tech",
          Roles.LAB_STAFF,
          "fa.engineer",
          Roles.FA_ENGINEER,
          "r.manager",
          Roles.MANAGER);

  private final TaskService tasks;
  private final Consumer<String> say;
  private final Map<String, String> passwords = new LinkedHashMap<>();
  private final Map<String, Authentication> sessions = new LinkedHashMap<>();

  DemoLab(TaskService tasks, UserStore users, AuthenticationManager login, Consumer<String> say) {
    this.tasks = tasks;
    this.say = say;
    SecureRandom random = new SecureRandom();
    for (Map.Entry<String, String> p : PEOPLE.entrySet()) {
      byte[] bytes = new byte[18];
      random.nextBytes(bytes);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      if (users.find(p.getKey()).isEmpty()) {
        users.create(p.getKey(), password, List.of(p.getValue()), "demo");
      } else {
        users.setPassword(p.getKey(), password);
      }
      passwords.put(p.getKey(), password);
      sessions.put(
          p.getKey(),
          login.authenticate(
              UsernamePasswordAuthenticationToken.unauthenticated(p.getKey(), password)));
    }
    say.accept("logged in " + String.join(", ", sessions.keySet()));
  }

  /** Runs {@code action} as {@code who} (logged in), as an API call of theirs would. */
  <T> T as(String who, java.util.function.Supplier<T> action) {
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(sessions.get(who));
    SecurityContextHolder.setContext(context);
    try {
      return action.get();
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  /**
   * Does every task of the campaign that is open now.
   *
   * @param campaignId the campaign.
   */
  void work(String campaignId) {
    List<Task> open = as("lab.tech", () -> tasks.list(null, null, campaignId));
    for (Task listed : open) {
      // the lab station task shows its read point: read it with its variables
      Task t =
          "measure-at-lab".equals(listed.elementId())
              ? as("lab.tech", () -> tasks.get(Long.parseLong(listed.key())))
              : listed;
      Map<String, Object> data = answer(t);
      if (data == null) {
        continue;
      }
      String who =
          t.candidateGroups() != null && t.candidateGroups().contains(Roles.FA_ENGINEER)
              ? "fa.engineer"
              : t.candidateGroups() != null && t.candidateGroups().contains(Roles.MANAGER)
                  ? "r.manager"
                  : "lab.tech";
      if ("approve-report".equals(t.elementId())) {
        data.put(
            "signature",
            Map.of(
                "password",
                passwords.get(who),
                "meaning",
                "I reviewed the report and approve its verdict"));
      } else if ("verify-failure".equals(t.elementId())) {
        data.put(
            "signature",
            Map.of(
                "password",
                passwords.get(who),
                "meaning",
                "I verified this failure on the golden port and confirm it"));
      }
      as(
          who,
          () -> {
            tasks.claim(Long.parseLong(t.key()), null);
            tasks.complete(Long.parseLong(t.key()), data);
            return null;
          });
      Map<String, Object> shown = new LinkedHashMap<>(data);
      shown.remove("signature");
      say.accept(
          "%s completed '%s' %s%s"
              .formatted(
                  who,
                  t.name(),
                  shown.keySet(),
                  data.containsKey("signature") ? ", signed with their password" : ""));
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
        d.put("resolvedBy", "lab.tech");
        d.put("alarmResolution", "resume");
        d.put("alarmCause", "limit controller tripped; reset");
      }
      case "unload-leg-modules", "unload-modules", "abort-unload-modules" -> {
        d.put("unloadedBy", "lab.tech");
        d.put("unloadingNotes", "modules bagged and returned to stores");
      }
      case "approve-report" -> {
        d.put("reviewer", "r.manager");
        d.put("approval", "approve");
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

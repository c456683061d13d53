package io.stressflow.workflows.api;

import io.stressflow.workflows.task.Task;
import io.stressflow.workflows.task.TaskService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/tasks}: what people must do — list, claim, complete with form data. */
@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Tasks", description = "User tasks: loading, alarms, failure analysis, approval")
class TaskController {

  private final TaskService tasks;

  TaskController(TaskService tasks) {
    this.tasks = tasks;
  }

  @GetMapping
  @Operation(summary = "Open tasks, oldest first, optionally by assignee, group or campaign")
  List<Task> list(
      @RequestParam(required = false) String assignee,
      @RequestParam(required = false) String candidateGroup,
      @RequestParam(required = false) String campaignId) {
    return tasks.list(assignee, candidateGroup, campaignId);
  }

  @GetMapping("/{key}")
  @Operation(summary = "One task with its form and its process's data (e.g. a failure snapshot)")
  Task get(@PathVariable long key) {
    return tasks.get(key);
  }

  @PostMapping("/{key}/claim")
  @Operation(
      summary = "Claim a task for yourself; 409 if someone else has it",
      description =
          "The assignee is the authenticated user, who must hold the role of one of the task's"
              + " candidate groups (403 otherwise). A body {\"assignee\"} naming someone else is"
              + " refused (403).")
  Task claim(@PathVariable long key, @RequestBody(required = false) Map<String, String> body) {
    return tasks.claim(key, body == null ? null : body.get("assignee"));
  }

  @PostMapping("/{key}/unclaim")
  @Operation(summary = "Give a claimed task back to its group")
  Task unclaim(@PathVariable long key) {
    return tasks.unclaim(key);
  }

  @PostMapping("/{key}/complete")
  @Operation(
      summary = "Complete a task with form data",
      description =
          "Body: the form's values by field key. Checked against the task's form first: a"
              + " missing required field, a value not offered, a misspelt key is answered 400"
              + " (problem+json, one entry per field) and the task stays open. Only the assignee"
              + " completes (an unclaimed task is claimed for you first); the form's person"
              + " fields (loadedBy, reviewer, ...) are set to you. Approving a report and"
              + " verifying a failure are signed: add \"signature\": {\"password\": your"
              + " password, \"meaning\": what your signature means}.")
  ResponseEntity<Void> complete(
      @PathVariable long key, @RequestBody(required = false) Map<String, Object> data) {
    tasks.complete(key, data);
    return ResponseEntity.noContent().build();
  }
}

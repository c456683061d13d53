package io.stressflow.workflows.api;

import io.stressflow.workflows.security.AuditTrail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: the audit trail (manager, admin). */
@RestController
@Tag(name = "Audit", description = "Who did what, when (manager, admin)")
class AuditController {

  private final AuditTrail audit;

  AuditController(AuditTrail audit) {
    this.audit = audit;
  }

  @GetMapping("/api/audit")
  @Operation(
      summary = "Audit entries, oldest first: every state-changing call and failed login",
      description =
          "Filter by time (from inclusive, to exclusive, ISO-8601) and actor; limit keeps the"
              + " newest (default 1000).")
  List<AuditTrail.Entry> list(
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(required = false) String actor,
      @RequestParam(defaultValue = "1000") int limit) {
    return audit.list(from, to, actor, limit);
  }
}

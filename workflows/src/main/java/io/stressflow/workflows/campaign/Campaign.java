package io.stressflow.workflows.campaign;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/**
 * A launched campaign.
 *
 * @param id the campaign id, e.g. {@code C-20261125-1a2b3c}; the process instance's business id.
 * @param processInstanceKey the key of its campaign process instance.
 * @param processId the BPMN process id it runs.
 * @param title the plan's title.
 * @param product the product's part number and description.
 * @param lots the lots its modules come from, comma-separated.
 * @param chamber the chamber it runs in.
 * @param state {@code ACTIVE}, {@code COMPLETED} or {@code TERMINATED}.
 * @param verdict {@code PENDING}, {@code PASS}, {@code FAIL} or {@code ABORTED}.
 * @param outcome how it closed: {@code APPROVED}, {@code REJECTED}, {@code PLAN_INVALID}, {@code
 *     ABORTED}; null while active.
 * @param startedAt when it was launched.
 * @param endedAt when it ended, or null while active.
 */
public record Campaign(
    String id,
    // keys are int64: as JSON numbers they lose digits in JavaScript, so they travel as strings
    @JsonFormat(shape = JsonFormat.Shape.STRING) long processInstanceKey,
    String processId,
    String title,
    String product,
    String lots,
    String chamber,
    String state,
    String verdict,
    String outcome,
    Instant startedAt,
    Instant endedAt) {

  /** Whether the campaign has ended, completed or not. */
  public boolean ended() {
    return !"ACTIVE".equals(state);
  }
}

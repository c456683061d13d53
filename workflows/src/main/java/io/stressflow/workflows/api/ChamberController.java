package io.stressflow.workflows.api;

import io.stressflow.chamber.ChamberState;
import io.stressflow.workflows.chamber.ChamberTelemetry;
import io.stressflow.workflows.chamber.TelemetryRepository;
import io.stressflow.workflows.chamber.TelemetryRepository.Bucket;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/chambers}: chamber status and downsampled telemetry for plots. */
@RestController
@RequestMapping("/api/chambers")
@Tag(name = "Chambers", description = "Chamber status and telemetry")
class ChamberController {

  private final ChamberTelemetry telemetry;
  private final TelemetryRepository history;
  private final Clock clock;

  ChamberController(ChamberTelemetry telemetry, TelemetryRepository history, Clock clock) {
    this.telemetry = telemetry;
    this.history = history;
    this.clock = clock;
  }

  @GetMapping
  @Operation(summary = "Every chamber this instance drives, with its status")
  List<Map<String, Object>> list() {
    return List.of(status(telemetry.chamberId()));
  }

  @GetMapping("/{id}")
  @Operation(summary = "One chamber: answering, last reading, missed reads")
  Map<String, Object> status(@PathVariable String id) {
    requireKnown(id);
    ChamberState s = telemetry.latest().orElse(null);
    return Map.of(
        "id",
        id,
        "answering",
        s != null,
        "missedReads",
        telemetry.missedReads(),
        "state",
        s == null ? Map.of() : s);
  }

  /**
   * Telemetry of a window folded into at most {@code points} plot points.
   *
   * @param id the chamber.
   * @param from window start (ISO-8601), default an hour ago.
   * @param to window end (ISO-8601), default now.
   * @param points the most points, 1..5000, default 500.
   * @return the buckets.
   */
  @GetMapping("/{id}/telemetry")
  @Operation(
      summary = "Telemetry of a window, folded into at most 'points' plot points",
      description =
          "Each point is a bucket: min/mean/max air temperature, mean load temperature and"
              + " humidity. from and to are ISO-8601 instants (2026-12-01T00:00:00Z).")
  List<Bucket> telemetry(
      @PathVariable String id,
      @Parameter(description = "window start, ISO-8601; default an hour before 'to'")
          @RequestParam(required = false)
          Instant from,
      @Parameter(description = "window end, ISO-8601; default now") @RequestParam(required = false)
          Instant to,
      @Parameter(description = "the most points, 1..5000") @RequestParam(defaultValue = "500")
          int points) {
    requireKnown(id);
    Instant end = to != null ? to : clock.instant();
    Instant start = from != null ? from : end.minus(Duration.ofHours(1));
    if (!start.isBefore(end)) {
      throw new InvalidParameterException("from", "must be before to (" + end + ")");
    }
    if (points < 1 || points > 5000) {
      throw new InvalidParameterException("points", "must be within [1, 5000], but was " + points);
    }
    return history.downsample(id, start, end, points);
  }

  private void requireKnown(String id) {
    if (!telemetry.chamberId().equals(id)) {
      throw new NoSuchElementException(
          "No chamber '" + id + "'; this instance drives '" + telemetry.chamberId() + "'");
    }
  }
}

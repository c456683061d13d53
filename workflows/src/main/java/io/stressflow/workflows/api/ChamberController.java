package io.stressflow.workflows.api;

import io.stressflow.chamber.ChamberState;
import io.stressflow.workflows.campaign.ChamberReservations;
import io.stressflow.workflows.campaign.ChamberScheduler;
import io.stressflow.workflows.chamber.ChamberInventory;
import io.stressflow.workflows.chamber.ChamberTelemetry;
import io.stressflow.workflows.chamber.Lab;
import io.stressflow.workflows.chamber.LabChamber;
import io.stressflow.workflows.chamber.LabChamberReader;
import io.stressflow.workflows.chamber.TelemetryRepository;
import io.stressflow.workflows.chamber.TelemetryRepository.Bucket;
import io.stressflow.workflows.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/chambers}: the lab's chamber inventory (read by everyone, added by admin, changed by
 * manager or admin), each chamber's status and capabilities, its reservation calendar, and
 * downsampled telemetry for plots.
 */
@RestController
@RequestMapping("/api/chambers")
@Tag(name = "Chambers", description = "The lab's chambers: inventory, status, calendar, telemetry")
class ChamberController {

  private final Lab lab;
  private final ChamberInventory inventory;
  private final ChamberReservations reservations;
  private final ChamberScheduler scheduler;
  private final TelemetryRepository history;
  private final Clock clock;

  ChamberController(
      Lab lab,
      ChamberInventory inventory,
      ChamberReservations reservations,
      ChamberScheduler scheduler,
      TelemetryRepository history,
      Clock clock) {
    this.lab = lab;
    this.inventory = inventory;
    this.reservations = reservations;
    this.scheduler = scheduler;
    this.history = history;
    this.clock = clock;
  }

  @Operation(summary = "Every chamber of the lab with its status, capabilities and holder")
  @GetMapping
  List<Map<String, Object>> list() {
    return lab.ids().stream().map(this::status).toList();
  }

  @Operation(
      summary = "A chamber: its definition, capabilities, availability, holder and last reading")
  @GetMapping("/{id}")
  Map<String, Object> status(@PathVariable String id) {
    LabChamber c = requireKnown(id);
    ChamberTelemetry telemetry = lab.telemetry(id);
    ChamberState s = telemetry.latest().orElse(null);
    Map<String, Object> m = new LinkedHashMap<>(LabChamberReader.write(c));
    lab.simulatorPort(id).ifPresent(port -> m.put("simulatorPort", port));
    m.put("capabilities", lab.capabilities(id).orElse(null));
    String unavailable = lab.unavailableReason(id).orElse(null);
    m.put("available", unavailable == null);
    m.put("unavailableReason", unavailable);
    m.put("reservedBy", reservations.holder(id).orElse(null));
    m.put("answering", s != null && !telemetry.lastReadFailed());
    m.put("missedReads", telemetry.missedReads());
    m.put("state", s == null ? Map.of() : s);
    return m;
  }

  @Operation(
      summary = "Adds a chamber to the lab (admin)",
      description =
          "The body has the fields of a lab file's chamber entry (README, 'The lab: chambers');"
              + " a simulated chamber starts its simulated controller on loopback.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> add(@RequestBody Map<String, Object> body) {
    LabChamber c = LabChamberReader.readOne(body);
    inventory.add(c, Actors.current());
    return ResponseEntity.created(URI.create("/api/chambers/" + c.id())).body(status(c.id()));
  }

  @Operation(
      summary = "Changes a chamber (manager or admin)",
      description =
          "The whole entry, as GET shows it. Putting it out of service (state OUT_OF_SERVICE with"
              + " outOfServiceReason) or changing its calibration due date applies at once; a"
              + " change of how it is reached (register map, transport, host, port, unit) is"
              + " refused while a campaign holds it.")
  @PutMapping(value = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> update(@PathVariable String id, @RequestBody Map<String, Object> body) {
    requireKnown(id);
    Map<String, Object> withId = new LinkedHashMap<>(body);
    Object given = withId.putIfAbsent("id", id);
    if (given != null && !id.equals(given)) {
      throw new LabChamberReader.InvalidChamberException(
          List.of(
              new LabChamberReader.Problem(
                  "id", "'" + given + "' differs from the chamber in the URL, '" + id + "'")));
    }
    inventory.update(LabChamberReader.readOne(withId), Actors.current());
    return status(id);
  }

  @Operation(
      summary = "A chamber's reservation calendar: who holds it until when, who waits and why")
  @GetMapping("/{id}/reservations")
  List<ChamberScheduler.CalendarEntry> reservations(@PathVariable String id) {
    requireKnown(id);
    return scheduler.calendar(id);
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

  @ExceptionHandler(LabChamberReader.InvalidChamberException.class)
  ResponseEntity<ProblemDetail> invalid(LabChamberReader.InvalidChamberException e) {
    ProblemDetail p = ProblemDetail.forStatus(HttpStatus.UNPROCESSABLE_ENTITY);
    p.setTitle("Invalid chamber");
    p.setDetail(e.getMessage());
    p.setProperty("code", "INVALID_CHAMBER");
    p.setProperty(
        "problems",
        e.problems().stream()
            .map(x -> Map.of("field", x.field(), "message", x.message()))
            .toList());
    return ResponseEntity.unprocessableEntity()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(p);
  }

  private LabChamber requireKnown(String id) {
    return lab.find(id)
        .orElseThrow(
            () -> new NoSuchElementException("No chamber '" + id + "'; the lab has " + lab.ids()));
  }
}

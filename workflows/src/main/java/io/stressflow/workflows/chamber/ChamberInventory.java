package io.stressflow.workflows.chamber;

import java.time.Clock;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Changes to the lab's inventory through the API: a chamber added (its driver, simulated controller
 * and telemetry brought up at once), or changed. A change that makes a chamber available again
 * (back in service, calibrated) is announced as {@link ChamberChanged}, so campaigns waiting for it
 * try again.
 */
@Service
public class ChamberInventory {

  /** A chamber was added or changed. */
  public record ChamberChanged(String chamber) {}

  private final Lab lab;
  private final LabRepository repository;
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ChamberInventory(
      Lab lab,
      LabRepository repository,
      JdbcClient jdbc,
      ApplicationEventPublisher events,
      Clock clock) {
    this.lab = lab;
    this.repository = repository;
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Adds a chamber.
   *
   * @param c the chamber.
   * @param actor who adds it.
   * @throws IllegalStateException if the lab has a chamber of that id.
   */
  public synchronized void add(LabChamber c, String actor) {
    if (lab.has(c.id())) {
      throw new IllegalStateException(
          "The lab has a chamber '%s' already; PUT /api/chambers/%s changes it"
              .formatted(c.id(), c.id()));
    }
    lab.bringUp(c, false);
    repository.save(c, LabRepository.Source.API, clock.instant(), actor);
    events.publishEvent(new ChamberChanged(c.id()));
  }

  /**
   * Changes a chamber. How it is reached may change only while no campaign holds it.
   *
   * @param c the chamber as it is to be.
   * @param actor who changes it.
   * @throws java.util.NoSuchElementException if the lab has no such chamber.
   * @throws IllegalStateException if how it is reached changes while a campaign holds it.
   */
  public synchronized void update(LabChamber c, String actor) {
    LabChamber old =
        lab.find(c.id())
            .orElseThrow(() -> new java.util.NoSuchElementException("No chamber '" + c.id() + "'"));
    LabRepository.Source source =
        jdbc.sql("SELECT source FROM lab_chamber WHERE id = ?")
            .param(c.id())
            .query(String.class)
            .optional()
            .map(LabRepository.Source::valueOf)
            .orElse(LabRepository.Source.API);
    if (reachedDifferently(old, c)) {
      jdbc.sql("SELECT campaign_id FROM chamber_reservation WHERE chamber = ?")
          .param(c.id())
          .query(String.class)
          .optional()
          .ifPresent(
              holder -> {
                throw new IllegalStateException(
                    ("Chamber '%s' is reserved by campaign %s: how it is reached (register map,"
                            + " transport, address, limits) changes only while no campaign holds"
                            + " it; its service state and calibration may change now")
                        .formatted(c.id(), holder));
              });
      lab.bringUp(c, false);
    } else {
      lab.redefine(c);
    }
    repository.save(c, source, clock.instant(), actor);
    events.publishEvent(new ChamberChanged(c.id()));
  }

  private static boolean reachedDifferently(LabChamber a, LabChamber b) {
    return !Objects.equals(a.registerMap(), b.registerMap())
        || a.transport() != b.transport()
        || !Objects.equals(a.host(), b.host())
        || a.port() != b.port()
        || a.unitId() != b.unitId()
        || !Objects.equals(a.serial(), b.serial())
        || a.simulated() != b.simulated()
        || !Objects.equals(a.requestTimeout(), b.requestTimeout())
        || !Objects.equals(a.limits(), b.limits());
  }
}

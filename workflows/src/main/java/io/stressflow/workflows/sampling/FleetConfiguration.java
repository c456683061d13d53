package io.stressflow.workflows.sampling;

import io.stressflow.workflows.chamber.Lab;
import io.stressflow.workflows.sampling.fleet.FleetParameters;
import io.stressflow.workflows.sampling.fleet.SimulatedFleet;
import io.stressflow.workflows.time.TimeScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The simulated module fleet (the embedded default, {@code stressflow.modules.simulated=true}): it
 * ages with every chamber reading, by the profile time since the previous reading at the load
 * temperature and humidity read. A real module probe replaces this bean.
 */
@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

  private static final Logger log = LoggerFactory.getLogger(FleetConfiguration.class);

  @Bean
  @ConditionalOnProperty(
      name = "stressflow.modules.simulated",
      havingValue = "true",
      matchIfMissing = true)
  SimulatedFleet simulatedFleet(
      @Value("${stressflow.modules.seed:1}") long seed,
      @Value("${stressflow.modules.seeded-wear:}") List<String> seededWear,
      @Value("${stressflow.data-dir:}") String dataDir,
      Lab lab,
      org.springframework.jdbc.core.simple.JdbcClient jdbc,
      TimeScale timeScale) {
    SimulatedFleet fleet = new SimulatedFleet(FleetParameters.typical(seed));
    WearFile wearFile = dataDir.isBlank() ? null : new WearFile(Path.of(dataDir, WEAR_FILE));
    if (wearFile != null) {
      wearFile.load().ifPresent(fleet::restoreWear);
    }
    for (String entry : seededWear) {
      seedWear(fleet, entry.trim());
    }
    // each chamber ages the units in it: those of the legs running (or paused) there now; with a
    // single chamber, every unit on test (as before the lab had several chambers)
    Map<String, AtomicReference<Instant>> last = new java.util.concurrent.ConcurrentHashMap<>();
    ChamberOccupancy occupancy = new ChamberOccupancy(jdbc);
    lab.addTelemetryListener(
        (chamber, s) -> {
          AtomicReference<Instant> previousOf =
              last.computeIfAbsent(chamber, c -> new AtomicReference<>());
          Instant previous = previousOf.getAndSet(s.time());
          if (previous != null && s.time().isAfter(previous)) {
            double hours =
                timeScale.toSimulated(Duration.between(previous, s.time())).toMillis()
                    / 3_600_000.0;
            double load = s.loadTemperature() != null ? s.loadTemperature() : s.airTemperature();
            if (lab.ids().size() == 1) {
              fleet.expose(hours, load, s.humidity());
            } else {
              Set<String> inside = occupancy.serialsIn(chamber);
              if (inside.isEmpty()) {
                return;
              }
              fleet.expose(hours, load, s.humidity(), inside::contains);
            }
            if (wearFile != null) {
              wearFile.save(fleet.saveWear());
            }
          }
        });
    return fleet;
  }

  /**
   * Which modules are in which chamber: those of the legs whose profile runs there now, read at
   * most once a second (wall) per chamber, not on every reading.
   */
  static final class ChamberOccupancy {
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Map<String, Set<String>> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> readAt = new java.util.concurrent.ConcurrentHashMap<>();

    ChamberOccupancy(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
      this.jdbc = jdbc;
    }

    Set<String> serialsIn(String chamber) {
      long now = System.nanoTime();
      Long at = readAt.get(chamber);
      if (at == null || now - at > 1_000_000_000L) {
        cache.put(
            chamber,
            Set.copyOf(
                jdbc.sql(
                        "SELECT u.serial FROM module_unit u JOIN profile_run r ON r.campaign_id ="
                            + " u.campaign_id AND r.leg_id = u.leg_id WHERE r.chamber = ? AND"
                            + " r.state IN ('RUNNING', 'PAUSED')")
                    .param(chamber)
                    .query(String.class)
                    .list()));
        readAt.put(chamber, now);
      }
      return cache.getOrDefault(chamber, Set.of());
    }
  }

  /** Where the simulated units' wear is kept between runs, in the data folder. */
  static final String WEAR_FILE = "simulated-fleet-wear.txt";

  /**
   * The simulated units' wear on disk, so a restarted application (kill -9 included) finds its
   * modules as aged as it left them: written whole to a temporary file and moved over the old one,
   * so a kill leaves either the old or the new file.
   */
  static final class WearFile {
    private final Path file;
    private final Path temp;

    WearFile(Path file) {
      this.file = file;
      this.temp = file.resolveSibling(file.getFileName() + ".tmp");
    }

    java.util.Optional<String> load() {
      try {
        return Files.exists(file)
            ? java.util.Optional.of(Files.readString(file))
            : java.util.Optional.empty();
      } catch (IOException e) {
        log.warn(
            "Simulated fleet: wear file {} not read ({}); units start fresh", file, e.getMessage());
        return java.util.Optional.empty();
      }
    }

    void save(String text) {
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(temp, text);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        log.debug("Simulated fleet: wear not saved to {}: {}", file, e.getMessage());
      }
    }
  }

  /**
   * A seeded bad unit for demos and tests: {@code serial:factor[:lane,lane...]} makes those lanes
   * (all, without lanes) of that unit wear {@code factor} times faster.
   */
  private static void seedWear(SimulatedFleet fleet, String entry) {
    if (entry.isEmpty()) {
      return;
    }
    String[] parts = entry.split(":");
    try {
      if (parts.length < 2 || parts.length > 3) {
        throw new IllegalArgumentException("expected serial:factor[:lane,lane...]");
      }
      double factor = Double.parseDouble(parts[1]);
      int[] lanes =
          parts.length == 3
              ? java.util.Arrays.stream(parts[2].split(",")).mapToInt(Integer::parseInt).toArray()
              : new int[0];
      fleet.add(parts[0]);
      fleet.degrade(parts[0], factor, lanes);
      // on the shelf until its campaign loads it
      fleet.detach(parts[0]);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "stressflow.modules.seeded-wear: '%s' is not serial:factor[:lane,lane...] (%s)"
              .formatted(entry, e.getMessage()),
          e);
    }
  }
}

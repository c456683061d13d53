package io.stressflow.workflows.chamber;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stressflow.workflows.system.ConfigurationProblem;
import io.stressflow.workflows.time.TimeScale;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds the {@link Lab}: the chambers of the lab file ({@code stressflow.lab.file}), or the one
 * chamber of {@code stressflow.chamber.*} when no lab file is set, plus any chambers added through
 * the API; each with its driver, its simulated controller when it is simulated, and its telemetry.
 * The library never reads Spring properties; this is the one place they are turned into its
 * configs.
 */
@Configuration(proxyBeanMethods = false)
class ChamberConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ChamberConfiguration.class);

  @Bean
  LabRepository labRepository(JdbcClient jdbc) {
    return new LabRepository(jdbc);
  }

  @Bean(destroyMethod = "close")
  Lab lab(
      @Value("${stressflow.lab.file:}") String labFile,
      @Value("${stressflow.lab.time-zone:}") String timeZone,
      ChamberProperties single,
      LabRepository repository,
      TelemetryRepository telemetry,
      TimeScale timeScale,
      Clock clock,
      ResourceLoader resources,
      org.springframework.beans.factory.ObjectProvider<
              io.stressflow.workflows.system.DatabaseOwnership>
          ownership) {
    ZoneId zone;
    try {
      zone = timeZone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(timeZone.trim());
    } catch (RuntimeException e) {
      throw new ConfigurationProblem(
          "stressflow.lab.time-zone",
          "'" + timeZone + "' is not a time zone: " + e.getMessage(),
          "Set stressflow.lab.time-zone to a region such as Europe/Berlin, or leave it empty for"
              + " the machine's zone.",
          e);
    }
    Lab lab = new Lab(repository, telemetry, timeScale, clock, single.telemetryInterval(), zone);
    // on PostgreSQL only the instance that owns the lab's database writes to chambers
    io.stressflow.workflows.system.DatabaseOwnership owner = ownership.getIfAvailable();
    if (owner != null) {
      lab.fenceWrites(owner::writesAllowed);
    }
    boolean fromFile = !labFile.isBlank();
    List<LabChamber> declared =
        fromFile ? readLabFile(labFile.trim(), resources) : List.of(fromProperties(single));
    Set<String> ids = new HashSet<>();
    try {
      for (LabChamber c : declared) {
        // the service state is the lab staff's (set through the API): a restart does not undo it
        LabChamber stored = repository.find(c.id()).orElse(null);
        LabChamber effective =
            stored == null ? c : c.withService(stored.inService(), stored.outOfServiceReason());
        repository.save(effective, LabRepository.Source.FILE, clock.instant(), null);
        bringUp(
            lab,
            effective,
            !fromFile,
            fromFile ? "stressflow.lab.file" : "stressflow.chamber.port");
        ids.add(c.id());
      }
      for (LabChamber c : storedSafely(repository)) {
        if (ids.add(c.id())) {
          bringUp(lab, c, false, "/api/chambers/" + c.id());
        }
      }
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
    log.info("The lab has {} chamber(s): {}", lab.ids().size(), lab.ids());
    return lab;
  }

  private static List<LabChamber> storedSafely(LabRepository repository) {
    try {
      return repository.all();
    } catch (RuntimeException e) {
      log.warn("A chamber stored in the inventory cannot be read: {}", e.getMessage());
      return List.of();
    }
  }

  private static void bringUp(Lab lab, LabChamber c, boolean failFast, String property) {
    try {
      lab.bringUp(c, failFast);
    } catch (IllegalStateException e) {
      throw new ConfigurationProblem(
          property,
          e.getMessage(),
          c.simulated()
              ? "Give chamber '" + c.id() + "' a free port, or 0 to pick one."
              : "Check chamber '"
                  + c.id()
                  + "''s host and port, that the controller is powered and its Modbus TCP server"
                  + " enabled, or make it simulated.",
          e);
    }
  }

  /** The single chamber of {@code stressflow.chamber.*}, as an inventory entry. */
  static LabChamber fromProperties(ChamberProperties p) {
    try {
      Lab.loadMap(p.registerMap());
    } catch (RuntimeException e) {
      throw new ConfigurationProblem(
          "stressflow.chamber.register-map",
          "cannot use register map '" + p.registerMap() + "': " + e.getMessage(),
          "Set stressflow.chamber.register-map to one of "
              + io.stressflow.chamber.registermap.RegisterMaps.available()
              + " or to the path of a map file ending in .json.",
          e);
    }
    try {
      p.limits().toChamberLimits();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationProblem(
          "stressflow.chamber.limits",
          e.getMessage(),
          "Set the chamber's rated envelope from its data sheet (see README, Configuration).",
          e);
    }
    return new LabChamber(
        p.id(),
        null,
        null,
        p.registerMap(),
        p.transport(),
        p.host(),
        p.port(),
        p.unitId(),
        null,
        p.simulated(),
        p.requestTimeout(),
        p.limits(),
        null,
        null,
        true,
        null);
  }

  private static List<LabChamber> readLabFile(String location, ResourceLoader resources) {
    Resource resource =
        resources.getResource(
            location.contains(":") && !location.matches("^[A-Za-z]:\\\\.*")
                ? location
                : "file:" + location);
    if (!resource.exists()) {
      throw new ConfigurationProblem(
          "stressflow.lab.file",
          "no lab file at " + location,
          "Point stressflow.lab.file at the lab's YAML file (README, 'The lab: chambers'), or"
              + " leave it empty to drive the one chamber of stressflow.chamber.*.",
          null);
    }
    Object document;
    try (InputStream in = resource.getInputStream()) {
      document = new ObjectMapper(new YAMLFactory()).readValue(in, Object.class);
    } catch (IOException e) {
      throw new ConfigurationProblem(
          "stressflow.lab.file",
          location + " is not readable YAML: " + e.getMessage(),
          "Fix the file's syntax (README, 'The lab: chambers', has an example).",
          e);
    }
    try {
      return LabChamberReader.readLab(document);
    } catch (LabChamberReader.InvalidChamberException e) {
      List<String> lines = new ArrayList<>();
      e.problems().forEach(p -> lines.add(p.field() + ": " + p.message()));
      throw new ConfigurationProblem(
          "stressflow.lab.file",
          location + " has " + lines.size() + " problem(s):\n  " + String.join("\n  ", lines),
          "Fix each field named above in " + location + ".",
          e);
    }
  }
}

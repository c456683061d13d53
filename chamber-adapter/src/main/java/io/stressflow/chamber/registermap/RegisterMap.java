package io.stressflow.chamber.registermap;

import io.stressflow.chamber.ChamberLimits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A controller model's register map: what the driver reads and writes, and what the simulator
 * serves. Validated as a whole when constructed, so a bad map fails at start-up.
 *
 * @param model the map's name, e.g. {@code watlow-f4t}; also its file name without {@code .json}.
 * @param description one line for people.
 * @param sources where the addresses come from (manual, library, repository path); at least one.
 * @param limits the chamber's rated envelope used when the configuration does not override it.
 * @param registers the entries; names unique, no two overlap within a table.
 */
public record RegisterMap(
    String model,
    String description,
    List<String> sources,
    ChamberLimits limits,
    List<RegisterDefinition> registers) {

  /** Validates the map as a whole. */
  public RegisterMap {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException(
          "Expected a register map to have a model, but it had none");
    }
    sources = List.copyOf(Objects.requireNonNullElse(sources, List.of()));
    if (sources.isEmpty()) {
      throw new IllegalArgumentException(
          "Expected register map '%s' to cite at least one source, but it cites none"
              .formatted(model));
    }
    limits = Objects.requireNonNullElseGet(limits, ChamberLimits::typical);
    registers = List.copyOf(Objects.requireNonNull(registers, "registers"));
    checkUniqueNames(model, registers);
    checkNoOverlaps(model, registers);
    checkSignals(model, registers);
  }

  /**
   * Finds an entry by name.
   *
   * @param name the entry's name.
   * @return the entry, or empty.
   */
  public Optional<RegisterDefinition> find(String name) {
    for (RegisterDefinition r : registers) {
      if (r.name().equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Finds an entry that must exist.
   *
   * @param name the entry's name.
   * @return the entry.
   * @throws IllegalStateException if the map has no such entry.
   */
  public RegisterDefinition require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Expected register map '%s' to have '%s', but it has not"
                        .formatted(model, name)));
  }

  /**
   * What this map lets the driver do (ramp on the controller, humidity, load sensor, door).
   *
   * @return the capabilities.
   */
  public MapCapabilities capabilities() {
    return MapCapabilities.of(this);
  }

  /**
   * The entries not marked verified.
   *
   * @return the unverified entries, in map order.
   */
  public List<RegisterDefinition> unverified() {
    return registers.stream().filter(r -> !r.verified()).toList();
  }

  private static void checkUniqueNames(String model, List<RegisterDefinition> registers) {
    Map<String, RegisterDefinition> seen = new HashMap<>();
    for (RegisterDefinition r : registers) {
      if (seen.put(r.name(), r) != null) {
        throw new IllegalArgumentException(
            "Expected register names in map '%s' to be unique, but '%s' appears twice"
                .formatted(model, r.name()));
      }
    }
  }

  private static void checkNoOverlaps(String model, List<RegisterDefinition> registers) {
    Map<RegisterTable, List<RegisterDefinition>> byTable = new LinkedHashMap<>();
    for (RegisterDefinition r : registers) {
      byTable.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r);
    }
    for (List<RegisterDefinition> entries : byTable.values()) {
      entries.sort(Comparator.comparingInt(RegisterDefinition::address));
      for (int i = 1; i < entries.size(); i++) {
        RegisterDefinition previous = entries.get(i - 1);
        RegisterDefinition current = entries.get(i);
        if (current.address() < previous.end()) {
          throw new IllegalArgumentException(
              "Expected registers in map '%s' not to overlap, but '%s' (%s %d..%d) overlaps '%s'"
                      .formatted(
                          model,
                          current.name(),
                          current.table(),
                          current.address(),
                          current.end() - 1,
                          previous.name())
                  + " (%s %d..%d)"
                      .formatted(previous.table(), previous.address(), previous.end() - 1));
        }
      }
    }
  }

  private static void checkSignals(String model, List<RegisterDefinition> registers) {
    Map<String, RegisterDefinition> byName = new HashMap<>();
    registers.forEach(r -> byName.put(r.name(), r));
    for (String required : Signals.REQUIRED) {
      if (!byName.containsKey(required)) {
        throw new IllegalArgumentException(
            "Expected register map '%s' to define '%s', but it does not"
                .formatted(model, required));
      }
    }
    RegisterDefinition mode = byName.get(Signals.MODE);
    if (!mode.codes().containsKey("OFF") || !mode.codes().containsKey("RUNNING")) {
      throw new IllegalArgumentException(
          "Expected register 'mode' in map '%s' to have codes OFF and RUNNING, but had %s"
              .formatted(model, mode.codes().keySet()));
    }
    for (String code : mode.codes().keySet()) {
      if (!Set.of("OFF", "STANDBY", "RUNNING").contains(code)) {
        throw new IllegalArgumentException(
            "Expected the codes of register 'mode' in map '%s' to be OFF, STANDBY or RUNNING, but"
                    .formatted(model)
                + " found '%s'".formatted(code));
      }
    }
    RegisterDefinition limit = byName.get(Signals.OVER_TEMPERATURE_LIMIT);
    if (limit != null && limit.writable()) {
      throw new IllegalArgumentException(
          "Expected register '%s' in map '%s' to be READ (the over-temperature limit is"
                  .formatted(Signals.OVER_TEMPERATURE_LIMIT, model)
              + " independent hardware), but was READ_WRITE");
    }
    String setpointTarget =
        byName.containsKey(Signals.AIR_SETPOINT_WRITE)
            ? Signals.AIR_SETPOINT_WRITE
            : Signals.AIR_SETPOINT;
    String humidityTarget =
        byName.containsKey(Signals.HUMIDITY_SETPOINT_WRITE)
            ? Signals.HUMIDITY_SETPOINT_WRITE
            : Signals.HUMIDITY_SETPOINT;
    for (String written :
        List.of(
            setpointTarget,
            humidityTarget,
            Signals.MODE,
            Signals.RAMP_RATE,
            Signals.HUMIDITY_ENABLE)) {
      RegisterDefinition r = byName.get(written);
      if (r != null && !r.writable()) {
        throw new IllegalArgumentException(
            "Expected register '%s' in map '%s' to be READ_WRITE because the driver writes it,"
                    .formatted(written, model)
                + " but was READ");
      }
    }
  }
}

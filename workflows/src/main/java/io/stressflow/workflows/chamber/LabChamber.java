package io.stressflow.workflows.chamber;

import io.stressflow.chamber.ChamberLimits;
import io.stressflow.chamber.modbus.ModbusTransport;
import io.stressflow.chamber.modbus.SerialSettings;
import io.stressflow.chamber.registermap.MapCapabilities;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One chamber of the lab's inventory: what it is, how it is reached, what it can do, and whether it
 * may take new work. Read from the lab file ({@code stressflow.lab.file}) or written through {@code
 * /api/chambers}; checked by {@link LabChamberReader}.
 *
 * @param id the chamber's name in plans, campaigns, telemetry and messages.
 * @param make the manufacturer, e.g. {@code Weiss}.
 * @param model the model, e.g. {@code WKL 100}.
 * @param registerMap a register map name on the classpath (e.g. {@code watlow-f4t}) or a path to a
 *     map file ending in {@code .json}.
 * @param transport Modbus TCP, RTU over TCP (a serial gateway) or RTU serial.
 * @param host the controller's (or gateway's) address; ignored for a simulated chamber.
 * @param port the TCP port; ignored for a simulated chamber (it listens on a free loopback port).
 * @param unitId the Modbus unit id, [0, 255].
 * @param serial the serial line, for {@code RTU_SERIAL} only (else null).
 * @param simulated whether the application starts a simulated controller on loopback for it.
 * @param requestTimeout how long one Modbus request may take.
 * @param limits the rated envelope: writes outside it are refused, plans validated against it.
 * @param location where it stands, e.g. {@code Lab 2, bay 3}.
 * @param calibrationDue when its calibration runs out (ISO/IEC 17025): from the day after, it takes
 *     no new reservation; null if not tracked.
 * @param inService whether it may take new work.
 * @param outOfServiceReason why not, when it is out of service.
 */
public record LabChamber(
    String id,
    String make,
    String model,
    String registerMap,
    ModbusTransport transport,
    String host,
    int port,
    int unitId,
    SerialSettings serial,
    boolean simulated,
    Duration requestTimeout,
    ChamberProperties.Limits limits,
    String location,
    LocalDate calibrationDue,
    boolean inService,
    String outOfServiceReason) {

  /** Validates the components that have no sensible default. */
  public LabChamber {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(registerMap, "registerMap");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(limits, "limits");
  }

  /** The rated envelope as the chamber-adapter's record. */
  public ChamberLimits chamberLimits() {
    return limits.toChamberLimits();
  }

  /**
   * Why this chamber may not take a new reservation on {@code day}, if it may not.
   *
   * @param day today, in the lab's calendar.
   * @return the reason, e.g. {@code out of service: door seal replaced} or {@code calibration was
   *     due on 2026-11-30}.
   */
  public Optional<String> unavailableReason(LocalDate day) {
    if (!inService) {
      return Optional.of(
          "out of service"
              + (outOfServiceReason == null || outOfServiceReason.isBlank()
                  ? ""
                  : ": " + outOfServiceReason));
    }
    if (calibrationDue != null && day.isAfter(calibrationDue)) {
      return Optional.of("calibration was due on " + calibrationDue + " (ISO/IEC 17025)");
    }
    return Optional.empty();
  }

  /**
   * This chamber put in or out of service.
   *
   * @param inService whether it may take new work.
   * @param reason why not, when out of service.
   * @return the changed copy.
   */
  public LabChamber withService(boolean inService, String reason) {
    return new LabChamber(
        id,
        make,
        model,
        registerMap,
        transport,
        host,
        port,
        unitId,
        serial,
        simulated,
        requestTimeout,
        limits,
        location,
        calibrationDue,
        inService,
        inService ? null : reason);
  }

  /**
   * What a chamber can do, from its register map and rated envelope: what capability-aware
   * scheduling and plan validation ask.
   *
   * @param minTemperature lowest air setpoint, degC.
   * @param maxTemperature highest air setpoint, degC.
   * @param maxRampRate fastest rated ramp, K/min.
   * @param rampsItself the controller ramps its setpoint (else the host steps it).
   * @param humidity it controls and reads humidity.
   * @param minHumidity lowest humidity setpoint, %RH (when {@code humidity}).
   * @param maxHumidity highest humidity setpoint, %RH (when {@code humidity}).
   * @param loadSensor it reads a load (DUT) temperature.
   * @param door it reports its door.
   */
  public record Capabilities(
      double minTemperature,
      double maxTemperature,
      double maxRampRate,
      boolean rampsItself,
      boolean humidity,
      Double minHumidity,
      Double maxHumidity,
      boolean loadSensor,
      boolean door) {

    /**
     * A chamber's capabilities.
     *
     * @param map what its register map can do.
     * @param limits its rated envelope.
     * @return the capabilities.
     */
    public static Capabilities of(MapCapabilities map, ChamberProperties.Limits limits) {
      boolean humidity = map.humiditySetpoint() && map.humidity();
      return new Capabilities(
          limits.minTemperature(),
          limits.maxTemperature(),
          limits.maxRampRate(),
          map.rampRate(),
          humidity,
          humidity ? limits.minHumidity() : null,
          humidity ? limits.maxHumidity() : null,
          map.loadTemperature(),
          map.door());
    }
  }
}

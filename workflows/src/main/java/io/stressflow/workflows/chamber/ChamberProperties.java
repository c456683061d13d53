package io.stressflow.workflows.chamber;

import io.stressflow.chamber.ChamberLimits;
import io.stressflow.chamber.modbus.ModbusTransport;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The chamber this instance drives, bound from {@code stressflow.chamber.*}.
 *
 * @param id the chamber's name in campaigns, telemetry and messages.
 * @param simulated start a simulated chamber on loopback and drive that (the embedded default).
 * @param host the controller's address (ignored when simulated: the simulator binds 127.0.0.1).
 * @param port the Modbus TCP port; 0 with {@code simulated} picks a free port.
 * @param unitId the Modbus unit id, range [0, 255].
 * @param registerMap a register map name on the classpath (e.g. {@code generic}, {@code
 *     watlow-f4t}) or a path to a map file ending in {@code .json}.
 * @param requestTimeout how long one Modbus request may take before it counts as a timeout.
 * @param telemetryInterval how often the chamber is read, in profile time (scaled by the time
 *     scale, but never more often than every 100 ms of wall time).
 * @param transport {@code TCP} (Modbus TCP) or {@code RTU_OVER_TCP} (a serial gateway).
 * @param limits the chamber's rated envelope: writes outside it are refused before any I/O, and
 *     plans are validated against it.
 */
@ConfigurationProperties("stressflow.chamber")
public record ChamberProperties(
    @DefaultValue("chamber-1") String id,
    @DefaultValue("true") boolean simulated,
    @DefaultValue("127.0.0.1") String host,
    @DefaultValue("5020") int port,
    @DefaultValue("1") int unitId,
    @DefaultValue("generic") String registerMap,
    @DefaultValue("2s") Duration requestTimeout,
    @DefaultValue("1s") Duration telemetryInterval,
    @DefaultValue("TCP") ModbusTransport transport,
    @DefaultValue Limits limits) {

  /**
   * The chamber's rated envelope (defaults: a typical temperature/humidity chamber).
   *
   * @param minTemperature lowest air setpoint, degC.
   * @param maxTemperature highest air setpoint, degC.
   * @param maxRampRate fastest ramp, K/min.
   * @param minHumidity lowest humidity setpoint, %RH.
   * @param maxHumidity highest humidity setpoint, %RH.
   * @param humidityMinTemperature lowest air setpoint with humidity control, degC.
   * @param humidityMaxTemperature highest air setpoint with humidity control, degC.
   * @param safeTemperature where the safe state parks the chamber, degC.
   */
  public record Limits(
      @DefaultValue("-70") double minTemperature,
      @DefaultValue("180") double maxTemperature,
      @DefaultValue("15") double maxRampRate,
      @DefaultValue("10") double minHumidity,
      @DefaultValue("98") double maxHumidity,
      @DefaultValue("10") double humidityMinTemperature,
      @DefaultValue("95") double humidityMaxTemperature,
      @DefaultValue("23") double safeTemperature) {

    /** As the chamber-adapter's limits record. */
    public ChamberLimits toChamberLimits() {
      return new ChamberLimits(
          minTemperature,
          maxTemperature,
          maxRampRate,
          minHumidity,
          maxHumidity,
          humidityMinTemperature,
          humidityMaxTemperature,
          safeTemperature);
    }
  }
}

package io.stressflow.chamber.simulator;

import io.stressflow.chamber.modbus.ModbusTransport;
import io.stressflow.chamber.registermap.RegisterMap;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Configuration of a {@link ChamberSimulator}. Build with {@link #create(Consumer)}.
 *
 * @param registerMap the map to serve; required.
 * @param transport {@link ModbusTransport#TCP} or {@link ModbusTransport#RTU_OVER_TCP}.
 * @param bindAddress address to bind, a loopback address by default.
 * @param port TCP port [0, 65535]; 0 picks a free port.
 * @param unitId the Modbus unit id served [0, 255]; other unit ids get no answer.
 * @param clock the clock the physics is stepped by.
 * @param timeScale simulated seconds per clock second, &gt; 0 (3600: an hour per second).
 * @param tickPeriod wall time between physics steps, &gt; 0.
 * @param initialTemperature air, load and setpoint at start, degC.
 * @param thermal physical parameters (heating/cooling rates, time constants, ambient).
 * @param overTemperatureLimit the independent limit's setting, degC; above it the alarm trips.
 * @param temperatureNoise standard deviation of the temperature sensors' noise, K, &ge; 0.
 * @param humidityNoise standard deviation of the humidity sensor's noise, %RH, &ge; 0.
 * @param noiseSeed seed of the sensor noise, for repeatable runs.
 */
public record SimulatorConfig(
    RegisterMap registerMap,
    ModbusTransport transport,
    String bindAddress,
    int port,
    int unitId,
    Clock clock,
    double timeScale,
    Duration tickPeriod,
    double initialTemperature,
    ThermalParameters thermal,
    double overTemperatureLimit,
    double temperatureNoise,
    double humidityNoise,
    long noiseSeed) {

  /** Validates the configuration. */
  public SimulatorConfig {
    Objects.requireNonNull(registerMap, "Expected a register map, but none was given");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(thermal, "thermal");
    if (transport == ModbusTransport.RTU_SERIAL) {
      throw new IllegalArgumentException(
          "Expected the simulator transport to be TCP or RTU_OVER_TCP, but was RTU_SERIAL");
    }
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("Expected a port within [0, 65535], but was " + port);
    }
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException("Expected a unit id within [0, 255], but was " + unitId);
    }
    if (!(timeScale > 0) || !Double.isFinite(timeScale)) {
      throw new IllegalArgumentException("Expected a time scale > 0, but was " + timeScale);
    }
    if (tickPeriod.isNegative() || tickPeriod.isZero()) {
      throw new IllegalArgumentException("Expected a tick period > 0, but was " + tickPeriod);
    }
    if (temperatureNoise < 0 || humidityNoise < 0) {
      throw new IllegalArgumentException(
          "Expected sensor noise >= 0, but was %s K / %s %%RH"
              .formatted(temperatureNoise, humidityNoise));
    }
  }

  /**
   * Builds a configuration.
   *
   * @param customizer sets the builder's fields; at least {@code registerMap}.
   * @return the configuration.
   */
  public static SimulatorConfig create(Consumer<Builder> customizer) {
    Builder b = new Builder();
    customizer.accept(b);
    return b.build();
  }

  /** Mutable builder with defaults; fields are public, as in digitalpetri's configs. */
  public static final class Builder {
    /** The map to serve; required. */
    public RegisterMap registerMap;

    /** TCP or RTU_OVER_TCP; default TCP. */
    public ModbusTransport transport = ModbusTransport.TCP;

    /** Default {@code 127.0.0.1}. */
    public String bindAddress = "127.0.0.1";

    /** Default 0: pick a free port. */
    public int port = 0;

    /** Default 1. */
    public int unitId = 1;

    /** Default the system UTC clock. */
    public Clock clock = Clock.systemUTC();

    /** Simulated seconds per clock second; default 1. */
    public double timeScale = 1.0;

    /** Default 100 ms. */
    public Duration tickPeriod = Duration.ofMillis(100);

    /** Default 23 degC. */
    public double initialTemperature = 23.0;

    /** Typical heating rate 5 K/min; configurable per chamber. */
    public double heatingRate = 5.0;

    /** Typical cooling rate 4 K/min; configurable per chamber. */
    public double coolingRate = 4.0;

    /** Air time constant, default 60 s. */
    public Duration airTimeConstant = Duration.ofSeconds(60);

    /** Load time constant, default 300 s. */
    public Duration loadTimeConstant = Duration.ofSeconds(300);

    /** Default: the map's maximum rated temperature + 10 K. */
    public Double overTemperatureLimit;

    /** Default 0.02 K. */
    public double temperatureNoise = 0.02;

    /** Default 0.2 %RH. */
    public double humidityNoise = 0.2;

    /** Default 1. */
    public long noiseSeed = 1;

    /**
     * Builds the configuration.
     *
     * @return the configuration.
     */
    public SimulatorConfig build() {
      Objects.requireNonNull(registerMap, "Expected a register map, but none was given");
      ThermalParameters t = ThermalParameters.typical();
      ThermalParameters thermal =
          new ThermalParameters(
              heatingRate,
              coolingRate,
              airTimeConstant.toMillis() / 1000.0,
              loadTimeConstant.toMillis() / 1000.0,
              t.passiveTimeConstant(),
              t.humidityTimeConstant(),
              t.ambientTemperature(),
              t.ambientDewPoint(),
              registerMap.limits().humidityMinTemperature(),
              registerMap.limits().humidityMaxTemperature());
      return new SimulatorConfig(
          registerMap,
          transport,
          bindAddress,
          port,
          unitId,
          clock,
          timeScale,
          tickPeriod,
          initialTemperature,
          thermal,
          overTemperatureLimit != null
              ? overTemperatureLimit
              : registerMap.limits().maxTemperature() + 10,
          temperatureNoise,
          humidityNoise,
          noiseSeed);
    }
  }
}

package io.stressflow.chamber.modbus;

import io.stressflow.chamber.ChamberLimits;
import io.stressflow.chamber.registermap.RegisterMap;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to reach one chamber controller. Build with {@link #create(Consumer)}.
 *
 * @param name the chamber's name in messages and logs; defaults to {@code host:port/unit}.
 * @param host controller or gateway host (TCP transports).
 * @param port TCP port [1, 65535] (TCP transports).
 * @param unitId Modbus unit (slave) id [0, 255].
 * @param requestTimeout how long to wait for each answer, &gt; 0.
 * @param connectTimeout how long to wait for a TCP connection, &gt; 0.
 * @param maxReconnectDelay the longest wait between reconnect attempts (the delay doubles from 1 s
 *     up to this), &ge; 1 s.
 * @param registerMap the controller's map; required.
 * @param transport TCP, RTU_OVER_TCP or RTU_SERIAL.
 * @param limits the chamber's safety envelope; defaults to the map's.
 * @param serial serial-line settings (RTU_SERIAL only).
 * @param clock stamps readings.
 */
public record ModbusChamberConfig(
    String name,
    String host,
    int port,
    int unitId,
    Duration requestTimeout,
    Duration connectTimeout,
    Duration maxReconnectDelay,
    RegisterMap registerMap,
    ModbusTransport transport,
    ChamberLimits limits,
    SerialSettings serial,
    Clock clock) {

  /** Validates the configuration. */
  public ModbusChamberConfig {
    Objects.requireNonNull(registerMap, "Expected a register map, but none was given");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(clock, "clock");
    positive("requestTimeout", requestTimeout);
    positive("connectTimeout", connectTimeout);
    if (maxReconnectDelay.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "Expected maxReconnectDelay >= 1s, but was " + maxReconnectDelay);
    }
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException("Expected a unit id within [0, 255], but was " + unitId);
    }
    if (transport == ModbusTransport.RTU_SERIAL) {
      Objects.requireNonNull(
          serial, "Expected serial settings for RTU_SERIAL, but none were given");
    } else {
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 0xFFFF) {
        throw new IllegalArgumentException("Expected a port within [1, 65535], but was " + port);
      }
    }
    limits = limits != null ? limits : registerMap.limits();
    if (name == null || name.isBlank()) {
      name =
          transport == ModbusTransport.RTU_SERIAL
              ? serial.device() + "/" + unitId
              : host + ":" + port + "/" + unitId;
    }
  }

  /**
   * Builds a configuration.
   *
   * @param customizer sets the builder's fields; at least {@code registerMap}.
   * @return the configuration.
   */
  public static ModbusChamberConfig create(Consumer<Builder> customizer) {
    Builder b = new Builder();
    customizer.accept(b);
    return new ModbusChamberConfig(
        b.name,
        b.host,
        b.port,
        b.unitId,
        b.requestTimeout,
        b.connectTimeout,
        b.maxReconnectDelay,
        b.registerMap,
        b.transport,
        b.limits,
        b.serial,
        b.clock);
  }

  private static void positive(String field, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("Expected %s > 0, but was %s".formatted(field, d));
    }
  }

  /** Mutable builder with defaults; fields are public, as in digitalpetri's configs. */
  public static final class Builder {
    /** Default {@code host:port/unit}. */
    public String name;

    /** Default {@code 127.0.0.1}. */
    public String host = "127.0.0.1";

    /** Default 502. */
    public int port = 502;

    /** Default 1. */
    public int unitId = 1;

    /** Default 2 s. */
    public Duration requestTimeout = Duration.ofSeconds(2);

    /** Default 2 s. */
    public Duration connectTimeout = Duration.ofSeconds(2);

    /** Default 16 s. */
    public Duration maxReconnectDelay = Duration.ofSeconds(16);

    /** Required. */
    public RegisterMap registerMap;

    /** Default TCP. */
    public ModbusTransport transport = ModbusTransport.TCP;

    /** Default: the register map's limits. */
    public ChamberLimits limits;

    /** Required for RTU_SERIAL only. */
    public SerialSettings serial;

    /** Default the system UTC clock. */
    public Clock clock = Clock.systemUTC();
  }
}

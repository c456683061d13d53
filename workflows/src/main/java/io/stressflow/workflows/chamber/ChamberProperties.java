package io.stressflow.workflows.chamber;

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
    @DefaultValue("1s") Duration telemetryInterval) {}

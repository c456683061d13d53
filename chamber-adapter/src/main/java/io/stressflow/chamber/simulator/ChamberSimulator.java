package io.stressflow.chamber.simulator;

import com.digitalpetri.modbus.server.ModbusRtuServer;
import com.digitalpetri.modbus.server.ModbusServer;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.server.ProcessImage;
import com.digitalpetri.modbus.tcp.server.NettyRtuServerTransport;
import com.digitalpetri.modbus.tcp.server.NettyServerTransportConfig;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.stressflow.chamber.modbus.ModbusThreads;
import io.stressflow.chamber.modbus.ModbusTransport;
import java.net.BindException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated chamber controller: serves a register map over Modbus TCP or RTU-over-TCP on loopback
 * and updates its process values from {@link ThermalModel} on a tick.
 *
 * <p>Lifecycle, in one place: {@link #start} fills the process image, binds the server, then
 * schedules the tick; {@link #close} cancels the tick, unbinds, then closes the connections. All
 * simulators in a JVM share digitalpetri's event loop and one tick thread, so a thousand of them
 * cost a thousand sockets, not a thousand threads.
 */
public final class ChamberSimulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChamberSimulator.class);

  private final SimulatorConfig config;
  private final ModbusServer server;
  private final ChannelGroup channels;
  private final SimulatorFaults faults;
  private final SimulatedController controller;
  private final int port;
  private final SimulatorWriters writers;
  private final ScheduledFuture<?> tick;

  private ChamberSimulator(
      SimulatorConfig config,
      ModbusServer server,
      ChannelGroup channels,
      SimulatorFaults faults,
      SimulatedController controller,
      int port,
      SimulatorWriters writers) {
    this.config = config;
    this.server = server;
    this.channels = channels;
    this.faults = faults;
    this.controller = controller;
    this.port = port;
    this.writers = writers;
    long period = config.tickPeriod().toNanos();
    this.tick =
        SimulatorTicker.scheduler()
            .scheduleAtFixedRate(this::tickQuietly, period, period, TimeUnit.NANOSECONDS);
  }

  /**
   * Starts a simulator.
   *
   * @param config the configuration; port 0 picks a free port.
   * @return the running simulator.
   * @throws IllegalStateException if a fixed port is in use, or the server cannot start.
   */
  public static ChamberSimulator start(SimulatorConfig config) {
    if (config.port() != 0) {
      return startOn(config, config.port());
    }
    PortInUseException last = null;
    for (int attempt = 0; attempt < LoopbackPorts.ATTEMPTS; attempt++) {
      try {
        return startOn(config, LoopbackPorts.probe(config.bindAddress()));
      } catch (PortInUseException e) {
        // another process took the probed port between probe and bind; probe again
        last = e;
      }
    }
    throw last;
  }

  private static ChamberSimulator startOn(SimulatorConfig config, int port) {
    ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    SimulatorFaults faults = new SimulatorFaults(() -> channels.close());
    ProcessImage image = new ProcessImage();
    SimulatedController controller = new SimulatedController(config, image, faults);
    Consumer<NettyServerTransportConfig.Builder> transport =
        c -> {
          c.bindAddress = config.bindAddress();
          c.port = port;
          c.executor = ModbusThreads.executor();
          c.pipelineCustomizer =
              pipeline -> {
                if (config.transport() == ModbusTransport.RTU_OVER_TCP) {
                  pipeline.addFirst("stressflow-rtu-crc", new RtuExceptionCrcFix());
                }
                // first, so faults act before digitalpetri's codec and bypass the CRC fix
                pipeline.addFirst("stressflow-faults", new FaultHandler(faults, channels));
              };
        };
    SimulatorWriters writers =
        new SimulatorWriters(
            () -> {
              java.util.Set<java.net.SocketAddress> open = new java.util.HashSet<>();
              channels.forEach(ch -> open.add(ch.remoteAddress()));
              return open;
            },
            java.time.Clock.systemUTC());
    ModbusServices services =
        new SimulatorServices(image, config.unitId(), faults, controller::echoSetpoints, writers);
    ModbusServer server =
        config.transport() == ModbusTransport.TCP
            ? ModbusTcpServer.create(NettyTcpServerTransport.create(transport), services)
            : ModbusRtuServer.create(NettyRtuServerTransport.create(transport), services);
    try {
      server.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the chamber simulator", e);
    } catch (Exception e) {
      if (causedByBind(e)) {
        throw new PortInUseException(
            "Expected to bind the chamber simulator to %s:%d, but %s:%d is in use"
                .formatted(config.bindAddress(), port, config.bindAddress(), port),
            e);
      }
      throw new IllegalStateException(
          "Expected to start the chamber simulator on %s:%d, but: %s"
              .formatted(config.bindAddress(), port, e.getCause()),
          e);
    }
    LOG.debug(
        "Chamber simulator '{}' ({}) listening on {}:{}",
        config.registerMap().model(),
        config.transport(),
        config.bindAddress(),
        port);
    return new ChamberSimulator(config, server, channels, faults, controller, port, writers);
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The TCP port the simulator listens on.
   *
   * @return the bound port.
   */
  public int port() {
    return port;
  }

  /**
   * The configuration the simulator runs with.
   *
   * @return the configuration.
   */
  public SimulatorConfig config() {
    return config;
  }

  /**
   * The run-time fault switches.
   *
   * @return the faults.
   */
  public SimulatorFaults faults() {
    return faults;
  }

  /**
   * How many Modbus connections are open to this controller now.
   *
   * @return the open connections.
   */
  public int openConnections() {
    return channels.size();
  }

  /**
   * Who has written to this controller, and how many writers were connected at once.
   *
   * @return the writer log.
   */
  public SimulatorWriters writers() {
    return writers;
  }

  /**
   * The current physical state (true values, without sensor noise or frozen sensors).
   *
   * @return the state.
   */
  public ThermalState physics() {
    return controller.state();
  }

  /** Steps the physics now instead of waiting for the next tick; useful with a test clock. */
  public void tick() {
    controller.tick();
  }

  private void tickQuietly() {
    try {
      controller.tick();
    } catch (RuntimeException e) {
      // a failing tick must not cancel the schedule; the next one may succeed
      LOG.warn("Chamber simulator tick failed on port {}", port, e);
    }
  }

  /** Stops the tick, unbinds and closes every connection; idempotent. */
  @Override
  public void close() {
    tick.cancel(false);
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("Chamber simulator on port {} did not unbind cleanly", port, e);
    }
    channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
  }

  /** The port asked for is taken. */
  static final class PortInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PortInUseException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

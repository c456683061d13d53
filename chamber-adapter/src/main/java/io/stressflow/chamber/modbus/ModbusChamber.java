package io.stressflow.chamber.modbus;

import com.digitalpetri.modbus.client.ModbusClient;
import com.digitalpetri.modbus.client.ModbusClientConfig;
import com.digitalpetri.modbus.client.ModbusRtuClient;
import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.serial.client.SerialPortClientTransport;
import com.digitalpetri.modbus.tcp.client.NettyClientTransportConfig;
import com.digitalpetri.modbus.tcp.client.NettyRtuClientTransport;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.stressflow.chamber.Chamber;
import io.stressflow.chamber.ChamberConnectException;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.ChamberLimits;
import io.stressflow.chamber.ChamberState;
import io.stressflow.chamber.OperatingMode;
import io.stressflow.chamber.Setpoint;
import io.stressflow.chamber.registermap.RegisterCodec;
import io.stressflow.chamber.registermap.RegisterDefinition;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterTable;
import io.stressflow.chamber.registermap.RegisterValues;
import io.stressflow.chamber.registermap.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Chamber} over Modbus on digitalpetri's client. Reads a full state with one request per run
 * of adjacent registers (all in flight at once on TCP, one at a time on RTU); writes go out in a
 * fixed order, one command after another. Reconnects on its own: digitalpetri's channel state
 * machine retries with a delay that doubles up to {@link ModbusChamberConfig#maxReconnectDelay()}.
 * All chambers share digitalpetri's event loop, so polling many chambers takes no thread per
 * chamber.
 */
public final class ModbusChamber implements Chamber {

  private static final Logger LOG = LoggerFactory.getLogger(ModbusChamber.class);

  private final ModbusChamberConfig config;
  private final RegisterMap map;
  private final ModbusClient client;
  private final ModbusIo io;
  private final ReadPlan plan;
  private final StateDecoder decoder;
  private final boolean rampRegister;
  private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);
  private volatile boolean rateIgnoredLogged;

  private ModbusChamber(ModbusChamberConfig config, RtuExceptionSniffer sniffer) {
    this.config = config;
    this.map = config.registerMap();
    this.client = client(config, sniffer);
    this.io =
        new ModbusIo(
            client,
            config.unitId(),
            config.transport() != ModbusTransport.TCP,
            config.name(),
            config.requestTimeout(),
            sniffer::take);
    this.plan = ReadPlan.of(map);
    this.decoder = new StateDecoder(map);
    this.rampRegister = map.capabilities().rampRate();
  }

  /**
   * Connects to a chamber controller.
   *
   * @param config where and how.
   * @return the connected chamber.
   * @throws ChamberConnectException if the first connection fails.
   */
  public static ModbusChamber connect(ModbusChamberConfig config) throws ChamberException {
    ModbusChamber chamber;
    try {
      chamber = new ModbusChamber(config, new RtuExceptionSniffer());
    } catch (SerialPortInvalidPortException e) {
      throw new ChamberConnectException(
          "Expected to open serial port '%s' for chamber '%s', but: %s"
              .formatted(config.serial().device(), config.name(), e.getMessage()),
          e);
    }
    try {
      Chamber.await(
          chamber
              .client
              .connectAsync()
              .exceptionally(
                  e -> {
                    throw new CompletionException(
                        new ChamberConnectException(
                            "Expected to connect to chamber '%s' (%s), but: %s"
                                .formatted(config.name(), config.transport(), rootMessage(e)),
                            e));
                  }));
    } catch (ChamberException e) {
      chamber.close();
      throw e;
    }
    return chamber;
  }

  private static ModbusClient client(ModbusChamberConfig config, RtuExceptionSniffer sniffer) {
    Consumer<ModbusClientConfig.Builder> clientConfig =
        c -> c.requestTimeout = config.requestTimeout();
    Consumer<NettyClientTransportConfig.Builder> tcp =
        c -> {
          c.hostname = config.host();
          c.port = config.port();
          c.connectTimeout = config.connectTimeout();
          c.executor = ModbusThreads.executor();
          c.connectPersistent = true;
          c.reconnectLazy = false;
          if (config.transport() == ModbusTransport.RTU_OVER_TCP) {
            c.pipelineCustomizer = pipeline -> pipeline.addFirst("stressflow-rtu-sniffer", sniffer);
          }
          c.channelFsmCustomizer =
              fsm -> fsm.setMaxReconnectDelaySeconds((int) config.maxReconnectDelay().toSeconds());
        };
    return switch (config.transport()) {
      case TCP -> ModbusTcpClient.create(NettyTcpClientTransport.create(tcp), clientConfig);
      case RTU_OVER_TCP ->
          ModbusRtuClient.create(NettyRtuClientTransport.create(tcp), clientConfig);
      case RTU_SERIAL ->
          ModbusRtuClient.create(
              SerialPortClientTransport.create(
                  c -> {
                    SerialSettings s = config.serial();
                    c.serialPort = s.device();
                    c.baudRate = s.baudRate();
                    c.dataBits = s.dataBits();
                    c.stopBits =
                        s.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
                    c.parity =
                        switch (s.parity()) {
                          case NONE -> SerialPort.NO_PARITY;
                          case ODD -> SerialPort.ODD_PARITY;
                          case EVEN -> SerialPort.EVEN_PARITY;
                        };
                    c.rs485Mode = s.rs485();
                  }),
              clientConfig);
    };
  }

  /**
   * The configuration this chamber was connected with.
   *
   * @return the configuration.
   */
  public ModbusChamberConfig config() {
    return config;
  }

  /**
   * Whether the transport is connected right now.
   *
   * @return {@code true} if connected.
   */
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public CompletionStage<ChamberState> readAsync() {
    RegisterValues values = new RegisterValues();
    CompletableFuture<Void> all;
    if (config.transport() == ModbusTransport.TCP) {
      List<CompletableFuture<Void>> reads = new ArrayList<>();
      for (ReadPlan.Block b : plan.blocks()) {
        reads.add(read(b, values));
      }
      all = CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
    } else {
      // one at a time anyway on RTU; stop at the first failure instead of queueing more timeouts
      all = CompletableFuture.completedFuture(null);
      for (ReadPlan.Block b : plan.blocks()) {
        all = all.thenCompose(v -> read(b, values));
      }
    }
    return all.thenApply(v -> decoder.decode(values, config.clock().instant()));
  }

  private CompletableFuture<Void> read(ReadPlan.Block b, RegisterValues values) {
    CompletionStage<Void> read =
        b.table().bits()
            ? io.readBits(b.table(), b.address(), b.quantity())
                .thenAccept(bits -> storeBits(values, b, bits))
            : io.readWords(b.table(), b.address(), b.quantity())
                .thenAccept(words -> storeWords(values, b, words));
    return read.toCompletableFuture();
  }

  private static void storeWords(RegisterValues values, ReadPlan.Block b, byte[] words) {
    synchronized (values) {
      values.putWords(b.table(), b.address(), words);
    }
  }

  private static void storeBits(RegisterValues values, ReadPlan.Block b, byte[] packed) {
    synchronized (values) {
      for (int i = 0; i < b.quantity(); i++) {
        values.putBit(b.table(), b.address() + i, (packed[i / 8] & (1 << (i % 8))) != 0);
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>On a map without a {@code ramp.rate} register the rate cannot be written and the setpoint
   * steps (logged once per chamber); {@link io.stressflow.chamber.HostRampChamber} ramps such
   * controllers on the host.
   */
  @Override
  public CompletionStage<Void> applyAsync(Setpoint setpoint) {
    config.limits().check(config.name(), setpoint);
    if (setpoint.rampRate() != null && !rampRegister && !rateIgnoredLogged) {
      rateIgnoredLogged = true;
      LOG.info(
          "Chamber '{}': register map '{}' has no '{}'; ramp rate {} K/min not written, the"
              + " setpoint steps (wrap the chamber in HostRampChamber to ramp on the host)",
          config.name(),
          map.model(),
          Signals.RAMP_RATE,
          setpoint.rampRate());
    }
    return enqueue(SetpointWrites.plan(map, setpoint));
  }

  @Override
  public CompletionStage<Void> modeAsync(OperatingMode mode) {
    RegisterDefinition r = map.require(Signals.MODE);
    return enqueue(List.of(new SetpointWrites.Write(r, RegisterCodec.encodeCode(r, mode.name()))));
  }

  /**
   * {@inheritDoc}
   *
   * <p>On controllers whose map has a humidity setpoint but no {@code humidity.enable}, humidity
   * cannot be switched off; the safe state then sets humidity to the limits' minimum instead.
   */
  @Override
  public CompletionStage<Void> safeStateAsync() {
    ChamberLimits limits = config.limits();
    Setpoint safe = Setpoint.temperature(limits.safeTemperature());
    if (map.find(Signals.HUMIDITY_ENABLE).isEmpty()
        && (map.find(Signals.HUMIDITY_SETPOINT).isPresent()
            || map.find(Signals.HUMIDITY_SETPOINT_WRITE).isPresent())) {
      safe = safe.withHumidity(limits.minHumidity());
    }
    List<SetpointWrites.Write> writes = new ArrayList<>(SetpointWrites.plan(map, safe));
    RegisterDefinition mode = map.require(Signals.MODE);
    writes.add(new SetpointWrites.Write(mode, RegisterCodec.encodeCode(mode, "RUNNING")));
    return enqueue(writes);
  }

  /** Runs a command's writes in order, after every earlier command's writes. */
  private CompletionStage<Void> enqueue(List<SetpointWrites.Write> batch) {
    synchronized (this) {
      CompletableFuture<Void> next = writes.handle((v, e) -> null).thenCompose(x -> run(batch, 0));
      writes = next;
      return next;
    }
  }

  private CompletableFuture<Void> run(List<SetpointWrites.Write> batch, int index) {
    if (index == batch.size()) {
      return CompletableFuture.completedFuture(null);
    }
    SetpointWrites.Write w = batch.get(index);
    RegisterDefinition r = w.register();
    CompletionStage<Void> sent =
        r.table() == RegisterTable.COIL
            ? io.writeBit(r.name(), r.address(), w.bytes()[1] != 0 || w.bytes()[0] != 0)
            : io.writeWords(r.name(), r.address(), w.bytes());
    return sent.toCompletableFuture().thenCompose(v -> run(batch, index + 1));
  }

  /** Disconnects (bounded wait) and stops reconnecting; idempotent. */
  @Override
  public void close() {
    try {
      client.disconnectAsync().toCompletableFuture().get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("Chamber '{}' did not disconnect cleanly", config.name(), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}

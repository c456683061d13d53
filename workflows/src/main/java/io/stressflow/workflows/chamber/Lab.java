package io.stressflow.workflows.chamber;

import io.stressflow.chamber.Chamber;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.HostRampChamber;
import io.stressflow.chamber.modbus.ModbusChamber;
import io.stressflow.chamber.modbus.ModbusChamberConfig;
import io.stressflow.chamber.registermap.MapCapabilities;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterMaps;
import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.chamber.simulator.SimulatorConfig;
import io.stressflow.workflows.time.TimeScale;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The lab: every chamber of the inventory, its driver, its simulated controller when it has one,
 * and its telemetry. The one place that knows which chambers exist; everything that drives or reads
 * a chamber asks here by id.
 *
 * <p>A chamber that cannot be reached when the application starts does not stop it (a lab has tens
 * of chambers, one is always being serviced): its driver keeps trying to connect when it is used,
 * and its status says it does not answer. Only a single-chamber set-up ({@code
 * stressflow.chamber.*} without a lab file) fails fast, as before.
 */
public class Lab implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Lab.class);

  private final LabRepository repository;
  private final TelemetryRepository telemetryRepository;
  private final TimeScale timeScale;
  private final Clock clock;
  private final Duration telemetryInterval;
  private final ZoneId zone;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private volatile java.util.function.BooleanSupplier writesAllowed = () -> true;
  private final List<Consumer<String>> chamberListeners = new CopyOnWriteArrayList<>();
  private final List<TelemetryListener> telemetryListeners = new CopyOnWriteArrayList<>();
  private volatile boolean running;

  /** A reading listener that is told which chamber it came from. */
  @FunctionalInterface
  public interface TelemetryListener {
    /**
     * A reading.
     *
     * @param chamber the chamber's id.
     * @param state the reading.
     */
    void reading(String chamber, io.stressflow.chamber.ChamberState state);
  }

  private record Entry(
      LabChamber definition,
      RegisterMap map,
      ChamberSimulator simulator,
      Chamber driver,
      ChamberTelemetry telemetry) {}

  Lab(
      LabRepository repository,
      TelemetryRepository telemetryRepository,
      TimeScale timeScale,
      Clock clock,
      Duration telemetryInterval,
      ZoneId zone) {
    this.repository = repository;
    this.telemetryRepository = telemetryRepository;
    this.timeScale = timeScale;
    this.clock = clock;
    this.telemetryInterval = telemetryInterval;
    this.zone = zone;
  }

  /**
   * Fences the chambers' writes (setpoints, modes, safe states): each is refused while {@code
   * allowed} says no, as when another instance may own the lab (see {@code DatabaseOwnership}).
   * Readings go on.
   *
   * @param allowed whether this instance may write to chambers now.
   */
  public void fenceWrites(java.util.function.BooleanSupplier allowed) {
    this.writesAllowed = allowed;
  }

  /**
   * Brings up a chamber: its simulated controller if it has one, its driver, its telemetry.
   *
   * @param c the chamber.
   * @param failFast throw if the controller cannot be reached instead of retrying on use.
   */
  synchronized void bringUp(LabChamber c, boolean failFast) {
    RegisterMap map = loadMap(c.registerMap());
    final ChamberSimulator sim;
    if (!c.simulated()) {
      sim = null;
    } else {
      sim =
          ChamberSimulator.start(
              SimulatorConfig.create(
                  b -> {
                    b.registerMap = map;
                    b.port = c.port();
                    b.unitId = c.unitId();
                    b.clock = clock;
                    b.timeScale = timeScale.factor();
                    b.transport =
                        c.transport() == io.stressflow.chamber.modbus.ModbusTransport.RTU_SERIAL
                            ? io.stressflow.chamber.modbus.ModbusTransport.TCP
                            : c.transport();
                  }));
    }
    String host = sim != null ? "127.0.0.1" : c.host();
    int port = sim != null ? sim.port() : c.port();
    ModbusChamberConfig config =
        ModbusChamberConfig.create(
            b -> {
              b.host = host;
              b.port = port;
              b.unitId = c.unitId();
              b.name = c.id();
              b.requestTimeout = c.requestTimeout();
              b.registerMap = map;
              b.transport =
                  sim != null
                          && c.transport()
                              == io.stressflow.chamber.modbus.ModbusTransport.RTU_SERIAL
                      ? io.stressflow.chamber.modbus.ModbusTransport.TCP
                      : c.transport();
              b.serial = c.serial();
              b.limits = c.chamberLimits();
            });
    Chamber driver;
    try {
      driver =
          ReconnectingChamber.connect(
              c.id(),
              () -> ModbusChamber.connect(config),
              failFast,
              () -> writesAllowed.getAsBoolean());
    } catch (ChamberException e) {
      if (sim != null) {
        sim.close();
      }
      throw new IllegalStateException(
          "cannot reach chamber '%s' at %s:%d: %s".formatted(c.id(), host, port, e.getMessage()),
          e);
    }
    Chamber hostRamped =
        new HostRampChamber(
            driver, map.capabilities(), c.chamberLimits(), c.id(), clock, timeScale.factor());
    ChamberTelemetry telemetry =
        new ChamberTelemetry(
            c.id(), hostRamped, telemetryInterval, telemetryRepository, timeScale, clock);
    telemetry.addListener(s -> telemetryListeners.forEach(l -> l.reading(c.id(), s)));
    Entry old = entries.put(c.id(), new Entry(c, map, sim, hostRamped, telemetry));
    if (old != null) {
      shutDown(old);
    }
    if (running) {
      telemetry.start();
    }
    chamberListeners.forEach(l -> l.accept(c.id()));
  }

  /**
   * Replaces a chamber's definition without touching its driver (service state, calibration,
   * location, make: nothing about how it is reached).
   */
  synchronized void redefine(LabChamber c) {
    Entry e = entries.get(c.id());
    if (e == null) {
      throw new NoSuchElementException(c.id());
    }
    entries.put(c.id(), new Entry(c, e.map(), e.simulator(), e.driver(), e.telemetry()));
  }

  static RegisterMap loadMap(String name) {
    return name.endsWith(".json") ? RegisterMaps.load(Path.of(name)) : RegisterMaps.load(name);
  }

  private Entry entry(String id) {
    Entry e = id == null ? null : entries.get(id);
    if (e == null) {
      throw new NoSuchElementException("No chamber '" + id + "' in the lab; chambers: " + ids());
    }
    return e;
  }

  /** The chambers' ids, sorted. */
  public List<String> ids() {
    return entries.keySet().stream().sorted().toList();
  }

  /** Every chamber's definition, sorted by id. */
  public List<LabChamber> chambers() {
    return entries.values().stream()
        .map(Entry::definition)
        .sorted(java.util.Comparator.comparing(LabChamber::id))
        .toList();
  }

  /**
   * A chamber's definition.
   *
   * @param id the chamber.
   * @return it, or empty if the lab has no such chamber.
   */
  public Optional<LabChamber> find(String id) {
    return Optional.ofNullable(id == null ? null : entries.get(id)).map(Entry::definition);
  }

  /** Whether the lab has the chamber. */
  public boolean has(String id) {
    return id != null && entries.containsKey(id);
  }

  /**
   * The driver of a chamber (host-ramped where its controller cannot ramp).
   *
   * @param id the chamber.
   * @return its driver.
   * @throws NoSuchElementException if the lab has no such chamber.
   */
  public Chamber driver(String id) {
    return entry(id).driver();
  }

  /**
   * A chamber's telemetry.
   *
   * @param id the chamber.
   * @return its telemetry.
   * @throws NoSuchElementException if the lab has no such chamber.
   */
  public ChamberTelemetry telemetry(String id) {
    return entry(id).telemetry();
  }

  /** Every chamber's telemetry. */
  public Collection<ChamberTelemetry> telemetries() {
    return entries.values().stream().map(Entry::telemetry).toList();
  }

  /**
   * A simulated chamber's controller (its faults can be injected, as a test or a demo does).
   *
   * @param id the chamber.
   * @return the simulator, or empty for a real chamber (or none such).
   */
  public Optional<ChamberSimulator> simulator(String id) {
    return Optional.ofNullable(id == null ? null : entries.get(id)).map(Entry::simulator);
  }

  /**
   * Where a simulated chamber's controller listens (Modbus TCP on 127.0.0.1).
   *
   * @param id the chamber.
   * @return its port, or empty for a real chamber (or none such).
   */
  public Optional<Integer> simulatorPort(String id) {
    return Optional.ofNullable(id == null ? null : entries.get(id))
        .map(Entry::simulator)
        .map(ChamberSimulator::port);
  }

  /**
   * What a chamber's register map can do.
   *
   * @param id the chamber.
   * @return its map's capabilities, or empty if the lab has no such chamber.
   */
  public Optional<MapCapabilities> mapCapabilities(String id) {
    return Optional.ofNullable(id == null ? null : entries.get(id))
        .map(e -> e.map().capabilities());
  }

  /**
   * What a chamber can do.
   *
   * @param id the chamber.
   * @return its capabilities, or empty if the lab has no such chamber.
   */
  public Optional<LabChamber.Capabilities> capabilities(String id) {
    return Optional.ofNullable(id == null ? null : entries.get(id))
        .map(e -> LabChamber.Capabilities.of(e.map().capabilities(), e.definition().limits()));
  }

  /**
   * Why a chamber may not take a new reservation today, if it may not.
   *
   * @param id the chamber.
   * @return the reason, or empty if it may.
   */
  public Optional<String> unavailableReason(String id) {
    return find(id)
        .map(c -> c.unavailableReason(LocalDate.ofInstant(clock.instant(), zone)))
        .orElse(Optional.of("not in the lab's inventory"));
  }

  /**
   * Calls {@code listener} with every reading of every chamber, on the chamber's telemetry thread;
   * keep it short.
   *
   * @param listener the listener.
   */
  public void addTelemetryListener(TelemetryListener listener) {
    telemetryListeners.add(listener);
  }

  /** The repository of the inventory. */
  LabRepository repository() {
    return repository;
  }

  @Override
  public synchronized void start() {
    entries.values().forEach(e -> e.telemetry().start());
    running = true;
  }

  @Override
  public synchronized void stop() {
    entries.values().forEach(e -> e.telemetry().stop());
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Closes every driver and simulated controller. */
  public synchronized void close() {
    stop();
    entries.values().forEach(this::shutDown);
    entries.clear();
  }

  private void shutDown(Entry e) {
    e.telemetry().stop();
    try {
      e.driver().close();
    } catch (RuntimeException ex) {
      log.warn("Closing chamber '{}': {}", e.definition().id(), ex.getMessage());
    }
    if (e.simulator() != null) {
      e.simulator().close();
    }
  }
}

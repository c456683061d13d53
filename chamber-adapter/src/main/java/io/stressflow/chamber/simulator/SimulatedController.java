package io.stressflow.chamber.simulator;

import com.digitalpetri.modbus.server.ProcessImage;
import io.stressflow.chamber.ChamberAlarm;
import io.stressflow.chamber.registermap.DataType;
import io.stressflow.chamber.registermap.RegisterCodec;
import io.stressflow.chamber.registermap.RegisterDefinition;
import io.stressflow.chamber.registermap.RegisterMap;
import io.stressflow.chamber.registermap.RegisterTable;
import io.stressflow.chamber.registermap.RegisterValues;
import io.stressflow.chamber.registermap.Signals;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The controller inside a simulator: reads the commands the driver wrote into the process image,
 * steps the physics by the elapsed simulated time, and writes the process values back.
 */
final class SimulatedController {

  private final SimulatorConfig config;
  private final RegisterMap map;
  private final ProcessImage image;
  private final SimulatorFaults faults;
  private final ThermalModel model;
  private final Random noise;
  private ThermalState state;
  private Instant last;

  SimulatedController(SimulatorConfig config, ProcessImage image, SimulatorFaults faults) {
    this.config = config;
    this.map = config.registerMap();
    this.image = image;
    this.faults = faults;
    this.model = new ThermalModel(config.thermal());
    this.noise = new Random(config.noiseSeed());
    this.state =
        ThermalState.atRest(config.initialTemperature(), config.thermal().ambientDewPoint());
    this.last = config.clock().instant();
    initialise();
    publish(snapshot());
  }

  synchronized ThermalState state() {
    return state;
  }

  synchronized void tick() {
    Instant now = config.clock().instant();
    double dt = Math.max(0, Duration.between(last, now).toNanos() / 1e9) * config.timeScale();
    last = now;
    RegisterValues commands = snapshot();
    ThermalInputs inputs = inputs(commands);
    if (overTemperature()) {
      // the independent limit cuts the heater: no conditioning until it clears
      inputs = new ThermalInputs(false, inputs.setpoint(), null, null);
    } else if (faults.humidifierDry()) {
      // no water: the humidity setpoint stands, but nothing humidifies the air
      inputs = new ThermalInputs(inputs.conditioning(), inputs.setpoint(), inputs.rampRate(), null);
    }
    state = model.step(state, inputs, dt);
    publish(commands);
  }

  /**
   * Echoes written setpoints into their separate read-back registers at once, as a controller does
   * within its scan cycle (the physics still moves only on {@link #tick}).
   */
  synchronized void echoSetpoints() {
    if (map.find(Signals.AIR_SETPOINT_WRITE).isEmpty()
        && map.find(Signals.HUMIDITY_SETPOINT_WRITE).isEmpty()) {
      return;
    }
    RegisterValues commands = snapshot();
    image.with(
        tx -> {
          mirror(tx, commands, Signals.AIR_SETPOINT_WRITE, Signals.AIR_SETPOINT);
          mirror(tx, commands, Signals.HUMIDITY_SETPOINT_WRITE, Signals.HUMIDITY_SETPOINT);
        });
  }

  private void initialise() {
    image.with(
        tx -> {
          write(
              tx,
              setpointTarget(Signals.AIR_SETPOINT_WRITE, Signals.AIR_SETPOINT),
              config.initialTemperature());
          RegisterDefinition mode = map.require(Signals.MODE);
          write(tx, mode, mode.codes().get("OFF"));
          map.find(Signals.OVER_TEMPERATURE_LIMIT)
              .ifPresent(r -> write(tx, r, config.overTemperatureLimit()));
        });
  }

  private RegisterDefinition setpointTarget(String write, String read) {
    return map.find(write).orElseGet(() -> map.require(read));
  }

  private ThermalInputs inputs(RegisterValues v) {
    RegisterDefinition mode = map.require(Signals.MODE);
    boolean running =
        RegisterCodec.decodeCode(mode, v.raw(mode)).map("RUNNING"::equals).orElse(false);
    double setpoint = v.value(setpointTarget(Signals.AIR_SETPOINT_WRITE, Signals.AIR_SETPOINT));
    Double ramp = map.find(Signals.RAMP_RATE).map(v::value).orElse(null);
    Double humidity = null;
    Optional<RegisterDefinition> rh =
        map.find(Signals.HUMIDITY_SETPOINT_WRITE).or(() -> map.find(Signals.HUMIDITY_SETPOINT));
    if (rh.isPresent()) {
      boolean enabled = map.find(Signals.HUMIDITY_ENABLE).map(v::on).orElse(true);
      humidity = enabled ? v.value(rh.get()) : null;
    }
    return new ThermalInputs(running, setpoint, ramp, humidity);
  }

  private boolean overTemperature() {
    return faults.overTemperature() || state.air() > config.overTemperatureLimit();
  }

  /** Writes the process values; {@code commands} is the image as the driver left it. */
  private void publish(RegisterValues commands) {
    Set<String> active = activeBits();
    boolean door = faults.doorOpen();
    boolean frozen = faults.frozenSensor();
    image.with(
        tx -> {
          if (!frozen) {
            double tNoise = config.temperatureNoise();
            map.find(Signals.AIR_TEMPERATURE)
                .ifPresent(r -> write(tx, r, state.air() + tNoise * noise.nextGaussian()));
            map.find(Signals.LOAD_TEMPERATURE)
                .ifPresent(r -> write(tx, r, state.load() + tNoise * noise.nextGaussian()));
            double rh = state.relativeHumidity() + config.humidityNoise() * noise.nextGaussian();
            map.find(Signals.HUMIDITY).ifPresent(r -> write(tx, r, Math.max(0, Math.min(100, rh))));
          }
          map.find(Signals.DOOR).ifPresent(r -> write(tx, r, door ? 1 : 0));
          for (RegisterDefinition r : map.registers()) {
            if (!r.bits().isEmpty()) {
              write(tx, r, bitField(r, active));
            }
          }
          // controllers with separate write and read-back registers echo the written value
          mirror(tx, commands, Signals.AIR_SETPOINT_WRITE, Signals.AIR_SETPOINT);
          mirror(tx, commands, Signals.HUMIDITY_SETPOINT_WRITE, Signals.HUMIDITY_SETPOINT);
        });
  }

  private Set<String> activeBits() {
    Set<String> active = new HashSet<>();
    if (overTemperature()) {
      active.add(ChamberAlarm.OVER_TEMPERATURE.name());
    }
    if (faults.doorOpen()) {
      active.add(Signals.DOOR_BIT);
    }
    return active;
  }

  private static long bitField(RegisterDefinition r, Set<String> active) {
    long raw = 0;
    for (Map.Entry<Integer, String> bit : r.bits().entrySet()) {
      if (active.contains(bit.getValue())) {
        raw |= 1L << bit.getKey();
      }
    }
    return r.type() == DataType.INT16 ? (short) raw : raw;
  }

  private void mirror(ProcessImage.Transaction tx, RegisterValues v, String from, String to) {
    Optional<RegisterDefinition> source = map.find(from);
    Optional<RegisterDefinition> target = map.find(to);
    if (source.isPresent() && target.isPresent()) {
      write(tx, target.get(), v.value(source.get()));
    }
  }

  private RegisterValues snapshot() {
    RegisterValues v = new RegisterValues();
    image.with(
        tx -> {
          tx.readHoldingRegisters(
              m -> {
                m.forEach((a, b) -> v.putWords(RegisterTable.HOLDING_REGISTER, a, b));
                return null;
              });
          tx.readInputRegisters(
              m -> {
                m.forEach((a, b) -> v.putWords(RegisterTable.INPUT_REGISTER, a, b));
                return null;
              });
          tx.readCoils(
              m -> {
                m.forEach((a, b) -> v.putBit(RegisterTable.COIL, a, b));
                return null;
              });
          tx.readDiscreteInputs(
              m -> {
                m.forEach((a, b) -> v.putBit(RegisterTable.DISCRETE_INPUT, a, b));
                return null;
              });
        });
    return v;
  }

  private static void write(ProcessImage.Transaction tx, RegisterDefinition r, double value) {
    switch (r.table()) {
      case COIL -> tx.writeCoils(m -> m.put(r.address(), value != 0));
      case DISCRETE_INPUT -> tx.writeDiscreteInputs(m -> m.put(r.address(), value != 0));
      case HOLDING_REGISTER -> tx.writeHoldingRegisters(m -> putWords(m, r, encode(r, value)));
      case INPUT_REGISTER -> tx.writeInputRegisters(m -> putWords(m, r, encode(r, value)));
      default -> throw new IllegalStateException("Unexpected table " + r.table());
    }
  }

  private static byte[] encode(RegisterDefinition r, double value) {
    if (!r.codes().isEmpty() || !r.bits().isEmpty()) {
      // codes and bit fields are raw values, not scaled
      return RegisterCodec.encodeInteger(r.type(), r.wordOrder(), (long) value);
    }
    double min = r.type().minRaw() * Math.abs(r.scale());
    double max = r.type().maxRaw() * Math.abs(r.scale());
    double clamped = r.type() == DataType.FLOAT32 ? value : Math.max(min, Math.min(max, value));
    return RegisterCodec.encode(r, clamped);
  }

  private static void putWords(Map<Integer, byte[]> m, RegisterDefinition r, byte[] bytes) {
    for (int i = 0; i < r.type().words(); i++) {
      m.put(r.address() + i, new byte[] {bytes[2 * i], bytes[2 * i + 1]});
    }
  }
}

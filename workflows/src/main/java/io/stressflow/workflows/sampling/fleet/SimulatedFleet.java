package io.stressflow.workflows.sampling.fleet;

import io.stressflow.workflows.sampling.ModuleProbe;
import io.stressflow.workflows.sampling.cmis.CmisImage;
import io.stressflow.workflows.sampling.cmis.CmisPages;
import io.stressflow.workflows.sampling.cmis.DataPathState;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Flag;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Limits;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Thresholds;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated modules under test that age with the chamber, one model per mechanism (see {@link
 * FleetParameters}): laser wear-out while powered (Arrhenius at the junction), humidity-driven
 * degradation powered or not (Peck at the relative humidity on the module's surface, from the dew
 * point), and thermal-cycling fatigue (Coffin–Manson, per temperature swing the fleet detects in
 * the load temperature it is given). Wear raises the bias (APC keeps the optical power up, then
 * power sags); fatigue costs coupled power. Readings depend on the module's temperature at the
 * read, so a module read at 85 °C differs from one read at 23 °C. A few units have an infant
 * failure that kills one lane; a dead unit stops answering.
 *
 * <p>Powered units latch their temperature flags exactly as a real module does: a module at 85 °C
 * latches its own temperature high alarm and warning against its page 02h thresholds, and the latch
 * holds (clear on read) until the next read, even if it has cooled down by then. An unpowered unit
 * monitors nothing and latches nothing. It serves real CMIS page bytes, so sampling goes through
 * the real decoder.
 *
 * <p>Time is the caller's: {@link #expose} advances every unit by an interval of profile time at a
 * chamber condition. Control samples ({@link #attachControl}) sit outside the chamber at lab
 * ambient and never age. Everything is drawn from the seed, so a run is reproducible.
 */
public final class SimulatedFleet implements ModuleProbe {

  private static final double BOLTZMANN = 8.617e-5; // eV/K
  private static final double T_REF = 40 + 273.15;
  private static final double RH_REF = 60;

  /** Temperature swing of the fatigue reference, K. */
  private static final double SWING_REF = 100;

  /** A turn of the load temperature counts once it has come back this far, K (rainflow gate). */
  private static final double SWING_GATE = 10;

  /** Lab ambient, degC: where units start and where control samples stay. */
  public static final double AMBIENT = 23;

  /** Typical commercial thresholds (domain reference 3.3, an Alcatel-Lucent DDM example). */
  public static final Thresholds THRESHOLDS =
      new Thresholds(
          new Limits(75, -5, 70, 0),
          new Limits(3.6, 3.0, 3.5, 3.1),
          new Limits(2.0, 0.15, 1.6, 0.2),
          new Limits(13, 2, 12, 3),
          new Limits(2.0, 0.05, 1.6, 0.08));

  private final FleetParameters params;
  private final Map<String, Unit> units = new ConcurrentHashMap<>();
  // wear of units saved by an earlier run, applied when the unit is added again
  private final Map<String, double[]> saved = new ConcurrentHashMap<>();
  // swing detection on the load temperature (one chamber): last turning point, running extreme
  private double lastTurn = Double.NaN;
  private double extreme = Double.NaN;
  private int direction;

  /**
   * Creates an empty fleet.
   *
   * @param params how units are drawn and age.
   */
  public SimulatedFleet(FleetParameters params) {
    this.params = params;
  }

  /**
   * Adds a module; units are drawn in the order they are added.
   *
   * @param serial its serial number.
   */
  public synchronized void add(String serial) {
    units.computeIfAbsent(
        serial, s -> restored(new Unit(ModuleUnit.draw(s, draws(s), params), false)));
  }

  /**
   * Adds a control sample: drawn like any unit, but kept outside the chamber at lab ambient, so
   * {@link #expose} never ages it.
   *
   * @param serial its serial number.
   * @throws IllegalArgumentException if the serial is already in the fleet as a unit on test.
   */
  public synchronized void addControl(String serial) {
    Unit u =
        units.computeIfAbsent(
            serial, s -> restored(new Unit(ModuleUnit.draw(s, draws(s), params), true)));
    if (!u.control) {
      throw new IllegalArgumentException(
          "Expected '" + serial + "' to be a control sample, but it is already a unit on test");
    }
  }

  /**
   * Offsets the Tx and Rx power a unit reports, in dB, without changing the unit: what a dirty
   * jumper or a drifting power meter on the measurement station does. On a control sample it is
   * station drift, which the control must reveal.
   *
   * @param serial the unit.
   * @param db the offset, dB (negative reads low).
   */
  public void offsetPower(String serial, double db) {
    Unit u = unit(serial);
    synchronized (u) {
      u.powerFactor = Math.pow(10, db / 10);
    }
  }

  /**
   * Makes some lanes of a unit wear faster (a seeded bad unit for tests and demos): a VCSEL array
   * usually fails by one emitter, so the other lanes keep their own rate. The bad lanes wear at
   * {@code factor} times the fleet's median rate (not the unit's own drawn rate), so a seeded
   * failure's timing does not depend on the draw: at 85 °C / 85 %RH powered, with the typical
   * parameters, the median rate is about 0.008 % bias rise per hour, so a factor of 20 rises about
   * 0.16 %/h (fails a 50 % criterion by the 500 h read point) and a factor of 250 about 2 %/h.
   *
   * @param serial the unit.
   * @param factor wear-rate multiplier against the fleet's median rate, &gt; 0.
   * @param lanes the lanes, 1–8; none for all lanes.
   */
  public void degrade(String serial, double factor, int... lanes) {
    Unit u = unit(serial);
    synchronized (u) {
      double f = factor * params.wearRateMedian() / u.unit.wearRate();
      if (lanes.length == 0) {
        java.util.Arrays.fill(u.wearFactor, f);
      }
      for (int lane : lanes) {
        u.wearFactor[lane - 1] = f;
      }
    }
  }

  /**
   * Makes a unit stop answering, as a dead module or a hung I2C bus would.
   *
   * @param serial the unit.
   */
  public void silence(String serial) {
    unit(serial).silent = true;
  }

  /**
   * Ages every unit by {@code hours} of profile time at a chamber condition.
   *
   * @param hours profile time, h, &ge; 0.
   * @param loadTemperature the chamber load temperature, degC.
   * @param humidity chamber relative humidity, %RH, or null when not known: then the chamber holds
   *     the moisture of lab air (dew point {@link FleetParameters#labDewPoint()}), a few %RH at 85
   *     °C.
   */
  public void expose(double hours, double loadTemperature, Double humidity) {
    expose(hours, loadTemperature, humidity, serial -> true);
  }

  /**
   * Ages the units in one chamber by {@code hours} of profile time at its condition.
   *
   * @param hours profile time, h, &ge; 0.
   * @param loadTemperature the chamber load temperature, degC.
   * @param humidity chamber relative humidity, %RH, or null when not known.
   * @param inChamber whether a unit (by serial) is in this chamber.
   */
  public void expose(
      double hours,
      double loadTemperature,
      Double humidity,
      java.util.function.Predicate<String> inChamber) {
    double dewPoint =
        humidity == null
            ? Math.min(loadTemperature, params.labDewPoint())
            : dewPoint(loadTemperature, Math.max(0.1, Math.min(100, humidity)));
    double swing = swing(loadTemperature);
    double fatigue =
        swing > 0 ? 0.5 * Math.pow(swing / SWING_REF, params.fatigueExponent()) : 0; // a half cycle
    for (Map.Entry<String, Unit> e : units.entrySet()) {
      Unit u = e.getValue();
      if (u.control || u.outside || !inChamber.test(e.getKey())) {
        continue; // outside the chamber
      }
      synchronized (u) {
        double rate = rate(u, loadTemperature, dewPoint);
        for (int lane = 0; lane < 8; lane++) {
          u.damage[lane] += rate * u.wearFactor[lane] * hours;
        }
        u.couplingLossDb += u.unit.fatigue() * fatigue;
        u.hours += hours;
        u.load = loadTemperature;
        if (u.powered) {
          latchTemperature(u, moduleTemperature(loadTemperature));
        }
      }
    }
  }

  /**
   * Relative bias rise per hour of a unit at a condition: laser wear-out if powered, plus humidity.
   */
  private double rate(Unit u, double load, double dewPoint) {
    double q = u.unit.wearRate() / params.wearRateMedian();
    double wear = 0;
    if (u.powered) {
      wear = u.unit.wearRate() * arrhenius(params.activationEnergy(), load + params.junctionRise());
    }
    double surface = u.powered ? load + params.selfHeating() : load;
    double rh = Math.max(0.1, Math.min(100, relativeHumidity(surface, dewPoint)));
    double humid =
        params.humidityRateMedian()
            * q
            * arrhenius(params.humidityActivationEnergy(), surface)
            * Math.pow(rh / RH_REF, params.humidityExponent());
    return wear + humid;
  }

  private static double arrhenius(double ea, double celsius) {
    return Math.exp(ea / BOLTZMANN * (1 / T_REF - 1 / (celsius + 273.15)));
  }

  /** Saturation vapour pressure over water (Magnus), hPa. */
  static double saturation(double celsius) {
    return 6.112 * Math.exp(17.62 * celsius / (243.12 + celsius));
  }

  /** Relative humidity, %RH, of air at {@code celsius} with the given dew point. */
  static double relativeHumidity(double celsius, double dewPoint) {
    return 100 * saturation(Math.min(dewPoint, celsius)) / saturation(celsius);
  }

  private static double dewPoint(double celsius, double relativeHumidity) {
    double g = Math.log(relativeHumidity / 100) + 17.62 * celsius / (243.12 + celsius);
    return 243.12 * g / (17.62 - g);
  }

  /**
   * Detects temperature swings in the load temperature (a simple rainflow: a turning point counts
   * once the temperature has come back {@value #SWING_GATE} K from it).
   *
   * @return the half-cycle's swing, K, if this reading completed one; otherwise 0.
   */
  private synchronized double swing(double t) {
    if (Double.isNaN(lastTurn)) {
      lastTurn = t;
      extreme = t;
      return 0;
    }
    if (direction == 0) {
      if (Math.abs(t - lastTurn) > SWING_GATE) {
        direction = t > lastTurn ? 1 : -1;
        extreme = t;
      }
      return 0;
    }
    if (direction * (t - extreme) > 0) {
      extreme = t;
      return 0;
    }
    if (Math.abs(extreme - t) > SWING_GATE) {
      double half = Math.abs(extreme - lastTurn);
      lastTurn = extreme;
      extreme = t;
      direction = -direction;
      return half;
    }
    return 0;
  }

  private double moduleTemperature(double load) {
    return load + params.selfHeating();
  }

  private static void latchTemperature(Unit u, double moduleTemperature) {
    Limits l = THRESHOLDS.temperature();
    // a real module sets each flag whose threshold is crossed: above the alarm, the warning too
    if (moduleTemperature > l.highAlarm()) {
      u.latched.add(new Flag("TEMPERATURE", "HIGH_ALARM", 0));
    }
    if (moduleTemperature > l.highWarning()) {
      u.latched.add(new Flag("TEMPERATURE", "HIGH_WARNING", 0));
    }
    if (moduleTemperature < l.lowAlarm()) {
      u.latched.add(new Flag("TEMPERATURE", "LOW_ALARM", 0));
    }
    if (moduleTemperature < l.lowWarning()) {
      u.latched.add(new Flag("TEMPERATURE", "LOW_WARNING", 0));
    }
  }

  /**
   * Puts a unit into a module state, as a module that drops to low power, stays initialising or
   * faults would. A unit in any state but READY reports no lane monitors.
   *
   * @param serial the unit.
   * @param state the state it reports from now on.
   * @param faultCause the fault cause code it reports (lower page byte 41), 0 for none.
   */
  public void state(String serial, ModuleState state, int faultCause) {
    Unit u = unit(serial);
    synchronized (u) {
      u.state = state;
      u.faultCause = faultCause;
      u.readsUntilReady = 0;
    }
  }

  /**
   * Makes a unit report ModulePwrUp for its next {@code reads} reads, then READY: a module still
   * initialising when it is read.
   *
   * @param serial the unit.
   * @param reads how many reads it is still powering up for.
   */
  public void poweringUp(String serial, int reads) {
    Unit u = unit(serial);
    synchronized (u) {
      u.readsUntilReady = reads;
    }
  }

  /**
   * Sets one lane's data-path state (page 11h bytes 128–131); lanes are ACTIVATED otherwise.
   *
   * @param serial the unit.
   * @param lane the lane, 1–8.
   * @param state its data-path state.
   */
  public void dataPath(String serial, int lane, DataPathState state) {
    Unit u = unit(serial);
    synchronized (u) {
      u.dataPath[lane - 1] = state;
    }
  }

  /**
   * Whether a unit is powered while under stress: an unpowered unit does not wear out its lasers
   * (humidity and fatigue still act) and latches no flags. Read points power it for the read.
   *
   * @param serial the unit.
   * @param powered true if powered under stress.
   */
  public void powered(String serial, boolean powered) {
    Unit u = unit(serial);
    synchronized (u) {
      u.powered = powered;
    }
  }

  @Override
  public CmisImage read(String serial) throws ModuleSilentException {
    Unit u = units.get(serial);
    if (u == null) {
      throw new ModuleSilentException("no module '" + serial + "' in the fleet");
    }
    synchronized (u) {
      if (u.silent) {
        throw new ModuleSilentException("module '" + serial + "' does not answer (I2C NACK)");
      }
      ModuleState state = u.state;
      if (u.readsUntilReady > 0) {
        u.readsUntilReady--;
        state = ModuleState.POWERING_UP;
      }
      // read points power the module for the read, so it reports its temperature at the load
      double temperature = u.control ? AMBIENT + params.selfHeating() : moduleTemperature(u.load);
      CmisPages pages =
          new CmisPages(state).temperature(temperature).vcc(3.3).thresholds(THRESHOLDS);
      if (state == ModuleState.FAULT) {
        pages.faultCause(u.faultCause);
      }
      latchTemperature(u, temperature);
      u.latched.forEach(pages::flag);
      u.latched.clear();
      double reference = AMBIENT + params.selfHeating();
      double biasAtTemperature =
          Math.max(0.3, 1 + params.biasTemperatureCoefficient() * (temperature - reference));
      double txAtTemperature =
          Math.pow(
              10,
              (params.txPowerTemperatureCoefficient() * (temperature - reference)
                      - u.couplingLossDb)
                  / 10);
      for (int lane = 1; lane <= 8; lane++) {
        pages.dataPath(lane, u.dataPath[lane - 1]);
        double damage = u.damage[lane - 1];
        double bias = u.unit.bias()[lane - 1] * (1 + damage) * biasAtTemperature;
        // constant-power control holds Tx power until the laser runs out of gain, then it sags
        double tx =
            u.unit.txPower()[lane - 1]
                * Math.max(0, 1 - 0.5 * Math.max(0, damage - 0.2))
                * txAtTemperature;
        if (u.hours >= u.unit.infantFailureHours() && lane == u.unit.infantLane()) {
          bias = 0;
          tx = 0;
          pages.flag(new Flag("TX", "FAULT", lane)).flag(new Flag("RX", "LOS", lane));
        }
        double rx = tx * 0.7; // loopback through about 1.5 dB of fibre and connectors
        tx *= u.powerFactor;
        rx *= u.powerFactor;
        pages.lane(lane, bias, tx, rx);
        latchThresholdFlags(pages, lane, bias, tx, rx);
        if (random(u).nextDouble() < u.unit.intermittentRate()) {
          pages.flag(new Flag("TX_POWER", "LOW_WARNING", lane));
        }
      }
      return pages.image();
    }
  }

  @Override
  public void attach(String serial) {
    add(serial);
    Unit u = unit(serial);
    synchronized (u) {
      u.outside = false;
    }
  }

  @Override
  public void attach(String serial, boolean powered) {
    attach(serial);
    powered(serial, powered);
  }

  @Override
  public void detach(String serial) {
    Unit u = units.get(serial);
    if (u != null) {
      synchronized (u) {
        u.outside = true;
        u.load = AMBIENT;
      }
    }
  }

  @Override
  public void attachControl(String serial) {
    addControl(serial);
  }

  /** The serials in the fleet. */
  public Set<String> serials() {
    return Set.copyOf(units.keySet());
  }

  private static void latchThresholdFlags(
      CmisPages pages, int lane, double bias, double tx, double rx) {
    check(pages, "TX_BIAS", lane, bias, THRESHOLDS.txBias());
    check(pages, "TX_POWER", lane, tx, THRESHOLDS.txPower());
    check(pages, "RX_POWER", lane, rx, THRESHOLDS.rxPower());
  }

  private static void check(CmisPages pages, String monitor, int lane, double v, Limits l) {
    if (v > l.highAlarm()) {
      pages.flag(new Flag(monitor, "HIGH_ALARM", lane));
    }
    if (v > l.highWarning()) {
      pages.flag(new Flag(monitor, "HIGH_WARNING", lane));
    }
    if (v < l.lowAlarm()) {
      pages.flag(new Flag(monitor, "LOW_ALARM", lane));
    }
    if (v < l.lowWarning()) {
      pages.flag(new Flag(monitor, "LOW_WARNING", lane));
    }
  }

  /**
   * The wear every unit has taken so far, one line per unit ({@code serial damage×8 couplingLossDb
   * hours}): what a module carries with it when the application stops, to be given back with {@link
   * #restoreWear} on the next start.
   *
   * @return the wear, as text.
   */
  public String saveWear() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Unit> e : new java.util.TreeMap<>(units).entrySet()) {
      Unit u = e.getValue();
      synchronized (u) {
        b.append(e.getKey());
        for (double d : u.damage) {
          b.append(' ').append(d);
        }
        b.append(' ').append(u.couplingLossDb).append(' ').append(u.hours).append('\n');
      }
    }
    return b.toString();
  }

  /**
   * Gives units back the wear {@link #saveWear} wrote: a simulated module keeps its age across a
   * restart of the application, as a real one does. Units already in the fleet take it at once,
   * others when they are added. Lines that do not parse are skipped.
   *
   * @param text what {@link #saveWear} returned.
   */
  public void restoreWear(String text) {
    for (String line : text.split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length != 11) {
        continue;
      }
      try {
        double[] v = new double[10];
        for (int i = 0; i < 10; i++) {
          v[i] = Double.parseDouble(f[i + 1]);
        }
        saved.put(f[0], v);
        Unit u = units.get(f[0]);
        if (u != null) {
          restored(u);
        }
      } catch (NumberFormatException e) {
        // a torn line: that unit starts fresh
      }
    }
  }

  private Unit restored(Unit u) {
    double[] v = saved.remove(u.unit.serial());
    if (v != null) {
      synchronized (u) {
        System.arraycopy(v, 0, u.damage, 0, 8);
        u.couplingLossDb = v[8];
        u.hours = v[9];
      }
    }
    return u;
  }

  /**
   * Each unit's draws come from the seed and its serial alone, so a unit is the same whatever the
   * order units are added in: a restarted application that attaches its modules again gets the same
   * units back (their wear so far comes back through {@link #restoreWear}).
   */
  private Random draws(String serial) {
    return new Random(params.seed() * 0x9E3779B97F4A7C15L + serial.hashCode());
  }

  private Random random(Unit u) {
    return u.noise;
  }

  private Unit unit(String serial) {
    Unit u = units.get(serial);
    if (u == null) {
      throw new IllegalArgumentException(
          "Expected a module of the fleet, but '" + serial + "' is not one");
    }
    return u;
  }

  private static final class Unit {
    final ModuleUnit unit;
    final Random noise;
    final double[] damage = new double[8];
    final double[] wearFactor = {1, 1, 1, 1, 1, 1, 1, 1};
    final boolean control;
    final Set<Flag> latched = new LinkedHashSet<>();
    final DataPathState[] dataPath = new DataPathState[8];
    boolean outside;
    boolean powered = true;
    double hours;
    double load = AMBIENT;
    double couplingLossDb;
    double powerFactor = 1;
    boolean silent;
    ModuleState state = ModuleState.READY;
    int faultCause;
    int readsUntilReady;

    Unit(ModuleUnit unit, boolean control) {
      this.unit = unit;
      this.control = control;
      this.noise = new Random(unit.serial().hashCode());
      java.util.Arrays.fill(dataPath, DataPathState.ACTIVATED);
    }
  }
}

package io.stressflow.workflows.sampling.fleet;

import io.stressflow.workflows.sampling.ModuleProbe;
import io.stressflow.workflows.sampling.cmis.CmisImage;
import io.stressflow.workflows.sampling.cmis.CmisPages;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Flag;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Limits;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Thresholds;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated modules under test that age with the chamber: each unit's bias rises (APC keeps the
 * optical power up, then power sags) at a rate accelerated by Arrhenius in temperature and Peck in
 * humidity; a few units have an infant failure that kills one lane; a dead unit stops answering. It
 * serves real CMIS page bytes, so sampling goes through the real decoder.
 *
 * <p>Time is the caller's: {@link #expose} advances every unit by an interval of profile time at a
 * chamber condition. Control samples ({@link #attachControl}) sit outside the chamber at lab
 * ambient and never age. Everything is drawn from the seed, so a run is reproducible.
 */
public final class SimulatedFleet implements ModuleProbe {

  private static final double BOLTZMANN = 8.617e-5; // eV/K
  private static final double T_REF = 40 + 273.15;
  private static final double RH_REF = 60;

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
    units.computeIfAbsent(serial, s -> new Unit(ModuleUnit.draw(s, draws(s), params), false));
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
        units.computeIfAbsent(serial, s -> new Unit(ModuleUnit.draw(s, draws(s), params), true));
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
   * failure's timing does not depend on the draw: at 85 °C / 85 %RH with the typical parameters the
   * median rate is about 0.1 % bias rise per hour, so a factor of 20 rises about 2 %/h.
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
   * @param humidity chamber humidity, %RH, or null when not controlled (taken as 30 %RH).
   */
  public void expose(double hours, double loadTemperature, Double humidity) {
    double t = loadTemperature + params.selfHeating() + 273.15;
    double rh = Math.max(1, humidity == null ? 30 : humidity);
    double af =
        Math.exp(params.activationEnergy() / BOLTZMANN * (1 / T_REF - 1 / t))
            * Math.pow(rh / RH_REF, params.humidityExponent());
    for (Unit u : units.values()) {
      if (u.control || u.outside) {
        continue; // outside the chamber
      }
      synchronized (u) {
        for (int lane = 0; lane < 8; lane++) {
          u.damage[lane] += u.unit.wearRate() * u.wearFactor[lane] * af * hours;
        }
        u.hours += hours;
        u.temperature = loadTemperature + params.selfHeating();
      }
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
      CmisPages pages =
          new CmisPages(ModuleState.READY)
              .temperature(u.temperature)
              .vcc(3.3)
              .thresholds(THRESHOLDS);
      for (int lane = 1; lane <= 8; lane++) {
        double damage = u.damage[lane - 1];
        double bias = u.unit.bias()[lane - 1] * (1 + damage);
        // constant-power control holds Tx power until the laser runs out of gain, then it sags
        double tx = u.unit.txPower()[lane - 1] * Math.max(0, 1 - 0.5 * Math.max(0, damage - 0.2));
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
  public void detach(String serial) {
    Unit u = units.get(serial);
    if (u != null) {
      synchronized (u) {
        u.outside = true;
        u.temperature = AMBIENT;
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
    } else if (v > l.highWarning()) {
      pages.flag(new Flag(monitor, "HIGH_WARNING", lane));
    }
    if (v < l.lowAlarm()) {
      pages.flag(new Flag(monitor, "LOW_ALARM", lane));
    } else if (v < l.lowWarning()) {
      pages.flag(new Flag(monitor, "LOW_WARNING", lane));
    }
  }

  /**
   * Each unit's draws come from the seed and its serial alone, so a unit is the same whatever the
   * order units are added in: a restarted application that attaches its modules again gets the same
   * units back (their wear so far is not kept: the simulation lives in memory).
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
    boolean outside;
    double hours;
    double temperature = AMBIENT;
    double powerFactor = 1;
    boolean silent;

    Unit(ModuleUnit unit, boolean control) {
      this.unit = unit;
      this.control = control;
      this.noise = new Random(unit.serial().hashCode());
    }
  }
}

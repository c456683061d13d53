package io.stressflow.chamber;

import io.stressflow.chamber.modbus.ModbusChamber;
import io.stressflow.chamber.registermap.MapCapabilities;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Chamber} that ramps on the host when the controller cannot: on a register map without a
 * {@code ramp.rate} register, a {@link Setpoint} with a ramp rate is carried out by writing
 * intermediate setpoints that move from where the chamber is towards the target at that rate, in
 * profile time, until the target itself is written. Where the map has the register, every call
 * passes through unchanged and the controller ramps.
 *
 * <h2>How the ramp advances</h2>
 *
 * <p>It has no thread of its own: the setpoint moves on every {@link #read()} (after the reading)
 * and every {@link #apply(Setpoint)}, to {@code origin ± rate × elapsed profile time}, never past
 * the target. Profile time is the clock's time multiplied by the time scale. The app reads the
 * chamber at every profile tick and for telemetry (about 1 Hz of profile time), so the setpoint
 * moves in steps of at most {@code rate × read interval}; the chamber's own lag smooths them.
 *
 * <h2>Where a ramp starts</h2>
 *
 * <ul>
 *   <li>From the setpoint in force, if this object wrote it and has seen nothing since that says
 *       the chamber stopped conditioning (a new ramp after a soak starts exactly at the soak's
 *       setpoint, so the plan's rate holds from the first step).
 *   <li>Otherwise from the measured air temperature: after a restart of the app (which re-writes
 *       the setpoint in force, see {@code ProfileExecutor#resume}), after {@link #stop()}, {@link
 *       #standby()} or {@link #safeState()}, or after a reading that shows the chamber not {@link
 *       OperatingMode#RUNNING}. A ramp set while the chamber is not running waits, and starts again
 *       from the air temperature at the first reading that shows it running, as a controller's own
 *       ramp does. Nothing is persisted.
 *   <li>The start is clamped into the chamber's rated range (and its humidity window while the
 *       target has humidity), so no intermediate setpoint can break the {@link ChamberLimits}.
 * </ul>
 *
 * <p>The whole target is checked against the limits before anything is written. A failed
 * intermediate write during a read is logged and retried with the newer value at the next read; the
 * read itself still returns its state.
 */
public final class HostRampChamber implements Chamber {

  private static final Logger LOG = LoggerFactory.getLogger(HostRampChamber.class);

  private final Chamber delegate;
  private final boolean hostRamps;
  private final ChamberLimits limits;
  private final String name;
  private final Clock clock;
  private final double timeScale;

  // all guarded by this
  private Ramp ramp;
  private Double inForce;
  private long generation;

  /**
   * Wraps a chamber.
   *
   * @param delegate the chamber that talks to the controller.
   * @param capabilities its register map's capabilities; with a ramp-rate register every call
   *     passes through.
   * @param limits the chamber's envelope (the same the delegate checks against).
   * @param name the chamber's name, for messages.
   * @param clock the clock profile time is measured on.
   * @param timeScale profile seconds per clock second, &gt; 0 (1 in production).
   */
  public HostRampChamber(
      Chamber delegate,
      MapCapabilities capabilities,
      ChamberLimits limits,
      String name,
      Clock clock,
      double timeScale) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.hostRamps = !capabilities.rampRate();
    this.limits = Objects.requireNonNull(limits, "limits");
    this.name = Objects.requireNonNull(name, "name");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!(timeScale > 0) || !Double.isFinite(timeScale)) {
      throw new IllegalArgumentException("Expected a time scale > 0, but was " + timeScale);
    }
    this.timeScale = timeScale;
  }

  /**
   * Wraps a Modbus chamber, taking the capabilities, limits and name from its configuration.
   *
   * @param chamber the connected chamber.
   * @param clock the clock profile time is measured on.
   * @param timeScale profile seconds per clock second, &gt; 0.
   * @return the wrapper.
   */
  public static HostRampChamber around(ModbusChamber chamber, Clock clock, double timeScale) {
    return new HostRampChamber(
        chamber,
        chamber.config().registerMap().capabilities(),
        chamber.config().limits(),
        chamber.config().name(),
        clock,
        timeScale);
  }

  /**
   * Whether this wrapper ramps on the host (the map has no ramp-rate register).
   *
   * @return {@code true} if ramps are stepped here, {@code false} if every call passes through.
   */
  public boolean hostRamps() {
    return hostRamps;
  }

  /**
   * The target of the host ramp in progress.
   *
   * @return the target setpoint, or empty when no host ramp is in progress.
   */
  public synchronized Optional<Setpoint> rampTarget() {
    return ramp == null ? Optional.empty() : Optional.of(ramp.target);
  }

  /**
   * The chamber this wraps.
   *
   * @return the delegate.
   */
  public Chamber delegate() {
    return delegate;
  }

  @Override
  public CompletionStage<ChamberState> readAsync() {
    if (!hostRamps) {
      return delegate.readAsync();
    }
    return delegate
        .readAsync()
        .thenCompose(
            state -> {
              CompletionStage<Void> step;
              synchronized (this) {
                step = observe(state);
              }
              return step.handle(
                  (v, e) -> {
                    if (e != null) {
                      LOG.warn(
                          "Chamber '{}': host ramp setpoint not written, retried at the next"
                              + " read: {}",
                          name,
                          e.getMessage());
                    }
                    return state;
                  });
            });
  }

  @Override
  public CompletionStage<Void> applyAsync(Setpoint setpoint) {
    if (!hostRamps) {
      return delegate.applyAsync(setpoint);
    }
    if (setpoint.rampRate() == null) {
      synchronized (this) {
        generation++;
        ramp = null;
        inForce = setpoint.temperature();
        return delegate.applyAsync(setpoint);
      }
    }
    // the whole target, before anything is written
    limits.check(name, setpoint);
    long gen;
    synchronized (this) {
      gen = ++generation;
      ramp = null;
      if (inForce != null) {
        ramp = new Ramp(setpoint, clampStart(inForce, setpoint), now());
        return step(gen);
      }
    }
    return delegate
        .readAsync()
        .thenCompose(
            state -> {
              synchronized (this) {
                if (gen != generation) {
                  // another command came meanwhile; it wins
                  return CompletableFuture.completedFuture(null);
                }
                ramp = new Ramp(setpoint, clampStart(state.airTemperature(), setpoint), now());
                ramp.waiting = state.mode() != OperatingMode.RUNNING;
                return step(gen);
              }
            });
  }

  @Override
  public CompletionStage<Void> modeAsync(OperatingMode mode) {
    if (hostRamps && mode != OperatingMode.RUNNING) {
      synchronized (this) {
        stoppedConditioning();
      }
    }
    return delegate.modeAsync(mode);
  }

  @Override
  public CompletionStage<Void> safeStateAsync() {
    if (hostRamps) {
      synchronized (this) {
        generation++;
        ramp = null;
        inForce = null;
      }
    }
    return delegate.safeStateAsync();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** Called with the lock held: a reading moves the ramp on, or marks it waiting. */
  private CompletionStage<Void> observe(ChamberState state) {
    if (state.mode() != OperatingMode.RUNNING) {
      stoppedConditioning();
      return CompletableFuture.completedFuture(null);
    }
    if (ramp == null) {
      return CompletableFuture.completedFuture(null);
    }
    if (ramp.waiting) {
      ramp.restart(clampStart(state.airTemperature(), ramp.target), now());
    }
    return step(generation);
  }

  private void stoppedConditioning() {
    inForce = null;
    if (ramp != null) {
      ramp.waiting = true;
    }
  }

  /** Called with the lock held: writes where the ramp stands now, if that changed. */
  private CompletionStage<Void> step(long gen) {
    if (ramp == null || gen != generation) {
      return CompletableFuture.completedFuture(null);
    }
    Setpoint target = ramp.target;
    double value = ramp.waiting ? ramp.origin : ramp.at(now());
    boolean reached = !ramp.waiting && value == target.temperature();
    if (ramp.written != null && ramp.written == value && !reached) {
      return CompletableFuture.completedFuture(null);
    }
    Setpoint write = new Setpoint(value, null, target.humidity());
    Ramp current = ramp;
    current.written = value;
    inForce = current.waiting ? null : value;
    return delegate
        .applyAsync(write)
        .whenComplete(
            (v, e) -> {
              synchronized (this) {
                if (ramp != current) {
                  return;
                }
                if (e != null) {
                  // not written: what is in force is unknown; write again at the next step
                  current.written = null;
                  inForce = null;
                } else if (reached) {
                  ramp = null;
                }
              }
            });
  }

  private double clampStart(double start, Setpoint target) {
    double lo = limits.minTemperature();
    double hi = limits.maxTemperature();
    if (target.humidity() != null) {
      lo = Math.max(lo, limits.humidityMinTemperature());
      hi = Math.min(hi, limits.humidityMaxTemperature());
    }
    return Math.max(lo, Math.min(hi, start));
  }

  private double now() {
    Instant t = clock.instant();
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  /** One host ramp: from {@code origin} at clock second {@code start}, at the target's rate. */
  private final class Ramp {
    final Setpoint target;
    double origin;
    double start;
    boolean waiting;
    Double written;

    Ramp(Setpoint target, double origin, double start) {
      this.target = target;
      this.origin = origin;
      this.start = start;
    }

    void restart(double from, double at) {
      origin = from;
      start = at;
      waiting = false;
      written = null;
    }

    /** The setpoint at clock second {@code at}: never past the target. */
    double at(double at) {
      double profileMinutes = Math.max(0, at - start) * timeScale / 60.0;
      double distance = target.temperature() - origin;
      double travelled = target.rampRate() * profileMinutes;
      if (travelled >= Math.abs(distance)) {
        return target.temperature();
      }
      return origin + Math.signum(distance) * travelled;
    }
  }

  @Override
  public String toString() {
    return "HostRampChamber[" + name + (hostRamps ? ", host ramps" : ", controller ramps") + "]";
  }
}

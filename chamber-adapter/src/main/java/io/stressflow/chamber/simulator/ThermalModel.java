package io.stressflow.chamber.simulator;

/**
 * Pure chamber physics: no I/O, no clock. {@link #step} takes a state and a time step and returns
 * the next state, so tests step it deterministically.
 *
 * <ul>
 *   <li>While conditioning, the setpoint is first ramp-limited, then the air follows it as a
 *       first-order lag ({@code airTimeConstant}) whose rate is clamped to the heating and cooling
 *       limits.
 *   <li>While not conditioning, the air relaxes towards ambient ({@code passiveTimeConstant}).
 *   <li>The load follows the air as a first-order lag ({@code loadTimeConstant}).
 *   <li>Humidity is modelled as a dew point. While conditioning with a humidity setpoint and the
 *       air inside the humidity window, the dew point follows the one that gives the setpoint at
 *       the current air temperature; otherwise it relaxes towards the ambient dew point. It is
 *       never above the air temperature: excess water condenses out, so there is condensation only
 *       when a profile cools the air faster than the dew point can follow.
 * </ul>
 *
 * <p>Long steps are split into sub-steps of at most a tenth of the shortest time constant, so a big
 * time scale does not make the integration unstable.
 */
public final class ThermalModel {

  private final ThermalParameters parameters;
  private final double maxSubStep;

  /**
   * Creates a model.
   *
   * @param parameters the physical parameters.
   */
  public ThermalModel(ThermalParameters parameters) {
    this.parameters = parameters;
    this.maxSubStep =
        Math.min(
                Math.min(parameters.airTimeConstant(), parameters.loadTimeConstant()),
                parameters.humidityTimeConstant())
            / 10;
  }

  /**
   * The model's parameters.
   *
   * @return the parameters.
   */
  public ThermalParameters parameters() {
    return parameters;
  }

  /**
   * Advances the physics.
   *
   * @param state the current state.
   * @param inputs what the controller asks for during the step.
   * @param dtSeconds simulated seconds to advance, &ge; 0.
   * @return the state after {@code dtSeconds}.
   */
  public ThermalState step(ThermalState state, ThermalInputs inputs, double dtSeconds) {
    if (!(dtSeconds >= 0) || !Double.isFinite(dtSeconds)) {
      throw new IllegalArgumentException(
          "Expected a finite time step >= 0 s, but was " + dtSeconds);
    }
    int n = (int) Math.ceil(dtSeconds / maxSubStep);
    double h = n == 0 ? 0 : dtSeconds / n;
    ThermalState s = state;
    for (int i = 0; i < n; i++) {
      s = subStep(s, inputs, h);
    }
    return s;
  }

  private ThermalState subStep(ThermalState s, ThermalInputs in, double h) {
    double air;
    double ramped;
    if (in.conditioning()) {
      ramped = ramp(s.rampedSetpoint(), in.setpoint(), in.rampRate(), h);
      double lagged = ramped + (s.air() - ramped) * Math.exp(-h / parameters.airTimeConstant());
      double delta = lagged - s.air();
      double maxUp = parameters.heatingRate() * h / 60;
      double maxDown = parameters.coolingRate() * h / 60;
      air = s.air() + Math.max(-maxDown, Math.min(maxUp, delta));
    } else {
      air = relax(s.air(), parameters.ambientTemperature(), parameters.passiveTimeConstant(), h);
      // the ramp restarts from where the air is when conditioning resumes
      ramped = air;
    }
    double load = relax(s.load(), air, parameters.loadTimeConstant(), h);
    double dewTarget = parameters.ambientDewPoint();
    double dewTau = parameters.passiveTimeConstant();
    if (in.conditioning()
        && in.humiditySetpoint() != null
        && air >= parameters.humidityMinTemperature()
        && air <= parameters.humidityMaxTemperature()) {
      dewTarget = Psychrometrics.dewPoint(air, in.humiditySetpoint());
      dewTau = parameters.humidityTimeConstant();
    }
    double dew = Math.min(air, relax(s.dewPoint(), dewTarget, dewTau, h));
    return new ThermalState(air, load, ramped, dew);
  }

  private static double ramp(double from, double to, Double rate, double h) {
    if (rate == null) {
      return to;
    }
    double step = rate * h / 60;
    return from < to ? Math.min(to, from + step) : Math.max(to, from - step);
  }

  private static double relax(double value, double target, double tau, double h) {
    return target + (value - target) * Math.exp(-h / tau);
  }
}

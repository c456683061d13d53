package io.stressflow.workflows.report;

import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.Ltpd;
import java.util.Locale;
import java.util.Set;

/**
 * What one leg demonstrates: the LTPD of its sample at the LTPD confidence, and the chi-square
 * upper bound on a constant failure rate at the use condition, with the acceleration factor that
 * carries its test time there.
 *
 * @param legId the leg.
 * @param tested n, the modules stressed in it.
 * @param failures r, the failures counted (confirmed by analysis).
 * @param ltpd the demonstrated LTPD as a fraction, or null with no module tested.
 * @param model the acceleration model applied.
 * @param condition the leg's stress condition from its profile, or null (external leg).
 * @param accelerationFactor AF, or NaN without a model.
 * @param formula how AF was computed, with the numbers.
 * @param deviceHours test device-hours credited (each module to its last good read point).
 * @param deviceCycles test device-cycles credited.
 * @param equivalentHours device-hours at the use condition, or 0 when none is credited.
 * @param fitUpperBound λ upper bound in FIT, or NaN when nothing can be bounded.
 * @param chiSquare χ²(CL; 2r + 2), or NaN.
 * @param reason why no bound is given, or null.
 */
public record LegStatistics(
    String legId,
    int tested,
    long failures,
    Double ltpd,
    Model model,
    StressCondition condition,
    double accelerationFactor,
    String formula,
    double deviceHours,
    long deviceCycles,
    double equivalentHours,
    double fitUpperBound,
    double chiSquare,
    String reason) {

  /** Hours in a year (365.25 days). */
  static final double HOURS_PER_YEAR = 8766;

  private static final Set<String> CYCLING =
      Set.of("TEMPERATURE_CYCLING", "THERMAL_CYCLING", "THERMAL_SHOCK", "POWER_CYCLING");

  /** The acceleration model a leg's stress is carried to use conditions with. */
  public enum Model {
    ARRHENIUS("Arrhenius"),
    PECK("Peck"),
    COFFIN_MANSON("Coffin–Manson"),
    NONE("none");

    private final String label;

    Model(String label) {
      this.label = label;
    }

    /** For people. */
    public String label() {
      return label;
    }
  }

  /**
   * Computes a leg's statistics.
   *
   * @param leg the planned leg (presets applied).
   * @param failures r, failures counted.
   * @param deviceHours test hours at condition credited over its modules.
   * @param deviceCycles test cycles credited over its modules.
   * @param p the parameters.
   * @return the statistics.
   */
  public static LegStatistics of(
      Leg leg, long failures, double deviceHours, long deviceCycles, StatisticsParameters p) {
    int n = leg.samples().size();
    Double ltpd =
        n == 0
            ? null
            : failures >= n ? 1.0 : Ltpd.of(n, (int) failures, p.ltpdConfidence().value());
    if (leg.outsideChamber()) {
      return new LegStatistics(
          leg.id(),
          n,
          failures,
          ltpd,
          Model.NONE,
          null,
          Double.NaN,
          "",
          deviceHours,
          deviceCycles,
          0,
          Double.NaN,
          Double.NaN,
          "an external leg has no time at a stress condition to carry to the field");
    }
    StressCondition c = StressCondition.of(leg.profile());
    if (c == null) {
      return new LegStatistics(
          leg.id(),
          n,
          failures,
          ltpd,
          Model.NONE,
          null,
          Double.NaN,
          "",
          deviceHours,
          deviceCycles,
          0,
          Double.NaN,
          Double.NaN,
          "the profile has no soak");
    }
    Model model;
    double af;
    String formula;
    double equivalent;
    if (cycling(leg, c)) {
      model = Model.COFFIN_MANSON;
      double m = p.coffinMansonExponent().value();
      double use = p.temperatureSwingK().value();
      af = Acceleration.coffinManson(m, use, c.swingK());
      formula =
          "(ΔT_test / ΔT_use)^m = (%s K / %s K)^%s".formatted(num(c.swingK()), num(use), num(m));
      // a test cycle counts as AF field cycles; a field cycle lasts 24 h / cycles a day
      equivalent = deviceCycles * af * 24 / p.cyclesPerDay().value();
    } else if (c.humidityPercent() != null) {
      model = Model.PECK;
      double ea = p.peckActivationEnergyEv().value();
      double nExp = p.peckHumidityExponent().value();
      double useC = p.temperatureC().value();
      double useRh = p.humidityPercent().value();
      af = Acceleration.peck(ea, nExp, useC, useRh, c.temperatureC(), c.humidityPercent());
      formula =
          "(RH_test / RH_use)^n · exp[(Ea/k)(1/T_use − 1/T_test)] = (%s / %s)^%s · exp[(%s eV / k)"
                  .formatted(num(c.humidityPercent()), num(useRh), num(nExp), num(ea))
              + "(1/%s K − 1/%s K)]".formatted(kelvin(useC), kelvin(c.temperatureC()));
      equivalent = deviceHours * af;
    } else {
      model = Model.ARRHENIUS;
      double ea = p.activationEnergyEv().value();
      double useC = p.temperatureC().value();
      af = Acceleration.arrhenius(ea, useC, c.temperatureC());
      formula =
          "exp[(Ea/k)(1/T_use − 1/T_test)] = exp[(%s eV / k)(1/%s K − 1/%s K)]"
              .formatted(num(ea), kelvin(useC), kelvin(c.temperatureC()));
      equivalent = deviceHours * af;
    }
    if (!(equivalent > 0)) {
      return new LegStatistics(
          leg.id(),
          n,
          failures,
          ltpd,
          model,
          c,
          af,
          formula,
          deviceHours,
          deviceCycles,
          0,
          Double.NaN,
          Double.NaN,
          "no device-hours were credited");
    }
    double confidence = p.confidence().value();
    double chi = ChiSquare.quantile(confidence, (int) (2 * failures + 2));
    double fit = chi / (2 * equivalent) * FailureRate.FIT_HOURS;
    return new LegStatistics(
        leg.id(),
        n,
        failures,
        ltpd,
        model,
        c,
        af,
        formula,
        deviceHours,
        deviceCycles,
        equivalent,
        fit,
        chi,
        null);
  }

  /**
   * Whether a leg is carried to the field by its cycles (Coffin–Manson) rather than its hours: its
   * profile repeats a cycle and its stress is a cycling one (or not named).
   */
  static boolean cycling(Leg leg, StressCondition c) {
    String stress = leg.stress() == null ? "" : leg.stress().toUpperCase(Locale.ROOT);
    return c != null && c.swingK() != null && (CYCLING.contains(stress) || stress.isEmpty());
  }

  /** The MTTF lower bound in hours ({@code 1/λ}), or NaN. */
  public double mttfLowerBoundHours() {
    return FailureRate.FIT_HOURS / fitUpperBound;
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.4g", v)
        .replaceAll("(\\.\\d*?)0+$", "$1")
        .replaceAll("\\.$", "");
  }

  private static String kelvin(double c) {
    return String.format(Locale.ROOT, "%.2f", c + 273.15);
  }
}

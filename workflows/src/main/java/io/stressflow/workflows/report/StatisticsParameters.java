package io.stressflow.workflows.report;

import io.stressflow.workflows.plan.UseCondition;
import java.util.List;

/**
 * The use condition and model parameters the report's statistics use, each with its source: the
 * plan's {@code useCondition}, or a default whose reason is printed next to it (domain reference
 * 1.4 and 4.3–4.4 for the numbers).
 *
 * @param temperatureC use temperature, °C.
 * @param humidityPercent use relative humidity, %.
 * @param temperatureSwingK field temperature swing per cycle, K.
 * @param cyclesPerDay field cycles a day.
 * @param confidence of the FIT and MTTF bounds, a fraction.
 * @param ltpdConfidence of the demonstrated LTPD, a fraction.
 * @param activationEnergyEv Arrhenius Ea, eV.
 * @param peckActivationEnergyEv Peck Ea, eV.
 * @param peckHumidityExponent Peck n.
 * @param coffinMansonExponent Coffin–Manson m.
 * @param note the plan's note on where its numbers come from, or null.
 */
public record StatisticsParameters(
    Parameter temperatureC,
    Parameter humidityPercent,
    Parameter temperatureSwingK,
    Parameter cyclesPerDay,
    Parameter confidence,
    Parameter ltpdConfidence,
    Parameter activationEnergyEv,
    Parameter peckActivationEnergyEv,
    Parameter peckHumidityExponent,
    Parameter coffinMansonExponent,
    String note) {

  /**
   * One value and where it comes from.
   *
   * @param name the plan's field name, e.g. {@code temperatureC}.
   * @param label what it is, for people.
   * @param value the value.
   * @param unit its unit, or empty.
   * @param source {@code plan} or the default's reason.
   */
  public record Parameter(String name, String label, double value, String unit, String source) {}

  /**
   * The parameters of a plan, defaults filled in.
   *
   * @param u the plan's use condition, or null.
   * @return every parameter with its source.
   */
  public static StatisticsParameters of(UseCondition u) {
    UseCondition c =
        u == null
            ? new UseCondition(null, null, null, null, null, null, null, null, null, null, null)
            : u;
    return new StatisticsParameters(
        p(
            "temperatureC",
            "use temperature",
            c.temperatureC(),
            40,
            "°C",
            "default: the field ambient of the domain reference's worked factors (85 → 40 °C)"),
        p(
            "humidityPercent",
            "use humidity",
            c.humidityPercent(),
            60,
            "%RH",
            "default: the domain reference's Peck example (40 °C / 60 %RH)"),
        p(
            "temperatureSwingK",
            "field temperature swing",
            c.temperatureSwingK(),
            20,
            "K",
            "default: the domain reference's Coffin–Manson example (20 K in the field)"),
        p(
            "cyclesPerDay",
            "field cycles a day",
            c.cyclesPerDay(),
            1,
            "",
            "default: one daily cycle (an assumption; set it for the deployment)"),
        p(
            "confidence",
            "confidence of the FIT and MTTF bounds",
            c.confidence(),
            0.60,
            "",
            "default: 60 %, as telecom FIT figures are commonly stated (domain reference 4.4 gives"
                + " 60 % and 90 %)"),
        p(
            "ltpdConfidence",
            "confidence of the LTPD",
            c.ltpdConfidence(),
            0.90,
            "",
            "default: 90 %, the LTPD's definition (domain reference 1.4)"),
        p(
            "activationEnergyEv",
            "Arrhenius Ea",
            c.activationEnergyEv(),
            0.7,
            "eV",
            "default: the generic semiconductor 0.7 eV (domain reference 4.3, EMRA24 report)"),
        p(
            "peckActivationEnergyEv",
            "Peck Ea",
            c.peckActivationEnergyEv(),
            0.79,
            "eV",
            "default: Peck's fit, 0.79 eV (domain reference 4.3, JEP122)"),
        p(
            "peckHumidityExponent",
            "Peck humidity exponent n",
            c.peckHumidityExponent(),
            2.66,
            "",
            "default: Peck 1986 (IRPS), n 2.66 (domain reference 4.3)"),
        p(
            "coffinMansonExponent",
            "Coffin–Manson exponent m",
            c.coffinMansonExponent(),
            2.0,
            "",
            "default: solder fatigue, m about 1.9–2.0 (domain reference 4.3)"),
        c.note());
  }

  /** Every parameter, in the order the report prints them. */
  public List<Parameter> all() {
    return List.of(
        temperatureC,
        humidityPercent,
        temperatureSwingK,
        cyclesPerDay,
        confidence,
        ltpdConfidence,
        activationEnergyEv,
        peckActivationEnergyEv,
        peckHumidityExponent,
        coffinMansonExponent);
  }

  private static Parameter p(
      String name, String label, Double given, double fallback, String unit, String why) {
    return given == null
        ? new Parameter(name, label, fallback, unit, why)
        : new Parameter(name, label, given, unit, "plan (useCondition." + name + ")");
  }
}

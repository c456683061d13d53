package io.stressflow.workflows.plan;

/**
 * The field condition the report's failure-rate bounds are stated at, and the model parameters that
 * carry test time there (README "Campaign plans", {@code useCondition}). Every field is optional;
 * the report prints each value with its source, the plan's or a documented default ({@code
 * io.stressflow.workflows.report.StatisticsParameters}).
 *
 * @param temperatureC the use (field) temperature, °C; Arrhenius and Peck.
 * @param humidityPercent the use relative humidity, %; Peck.
 * @param temperatureSwingK the field temperature swing per cycle, K; Coffin–Manson.
 * @param cyclesPerDay field temperature cycles per day, turning field cycles into field hours.
 * @param confidence the confidence of the failure-rate (FIT) and MTTF bounds, a fraction.
 * @param ltpdConfidence the confidence of the demonstrated LTPD, a fraction.
 * @param activationEnergyEv Ea of the thermally activated mechanism, eV; Arrhenius.
 * @param peckActivationEnergyEv Ea of the humidity mechanism, eV; Peck.
 * @param peckHumidityExponent the humidity exponent n; Peck.
 * @param coffinMansonExponent the exponent m; Coffin–Manson.
 * @param note where these numbers come from (free text, printed in the report).
 */
public record UseCondition(
    Double temperatureC,
    Double humidityPercent,
    Double temperatureSwingK,
    Double cyclesPerDay,
    Double confidence,
    Double ltpdConfidence,
    Double activationEnergyEv,
    Double peckActivationEnergyEv,
    Double peckHumidityExponent,
    Double coffinMansonExponent,
    String note) {}

package io.stressflow.workflows.sampling;

import io.stressflow.workflows.plan.Leg.FailureCriteria;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Flag;
import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics.Lane;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Judges one sample against the plan's failure criteria: drift against the unit's own baseline (Tx
 * power and Rx power drop in dB, bias rise in percent), the plan's absolute limits (lowest Tx and
 * Rx power, highest bias, module temperature, supply voltage window), the module's own alarm
 * thresholds (latched alarm flags), module fault, and silence. Pure; the first FAIL is final, which
 * is the caller's rule to keep (a failed module is never judged again).
 */
public final class FailureJudge {

  private FailureJudge() {}

  /**
   * Judges a sample.
   *
   * @param criteria the leg's criteria; absent criteria are not applied.
   * @param baseline the unit's baseline read (t = 0).
   * @param now this read, or null if the module did not answer.
   * @return the verdict, with every finding.
   */
  public static Verdict judge(
      FailureCriteria criteria, ModuleDiagnostics baseline, ModuleDiagnostics now) {
    List<Finding> findings = new ArrayList<>();
    if (now == null) {
      findings.add(
          new Finding("SILENT", "the module does not answer its management interface", Set.of()));
      return new Verdict(false, findings);
    }
    if (now.state() == ModuleState.FAULT) {
      findings.add(new Finding("MODULE_FAULT", "module state is FAULT", Set.of()));
    }
    if (criteria != null) {
      drift(findings, "TX_POWER_DROP", criteria.txPowerDropDb(), baseline, now, true);
      drift(findings, "RX_POWER_DROP", criteria.rxPowerDropDb(), baseline, now, false);
      biasRise(findings, criteria.biasRisePercent(), baseline, now);
      absolute(findings, criteria, now);
      if (Boolean.TRUE.equals(criteria.moduleAlarms())) {
        Set<Integer> lanes = new TreeSet<>();
        List<String> names = new ArrayList<>();
        for (Flag f : now.flags()) {
          if (f.level().endsWith("ALARM") || f.level().equals("LOS") || f.level().equals("FAULT")) {
            names.add(f.toString());
            if (f.lane() > 0) {
              lanes.add(f.lane());
            }
          }
        }
        if (!names.isEmpty()) {
          findings.add(new Finding("MODULE_ALARM", "latched " + String.join(", ", names), lanes));
        }
      }
    }
    return new Verdict(findings.isEmpty(), findings);
  }

  private static void drift(
      List<Finding> findings,
      String kind,
      Double limitDb,
      ModuleDiagnostics base,
      ModuleDiagnostics now,
      boolean tx) {
    if (limitDb == null) {
      return;
    }
    Set<Integer> lanes = new TreeSet<>();
    double worst = 0;
    for (Lane b : base.lanes()) {
      Lane n = lane(now, b.lane());
      Double before = tx ? b.txPowerDbm() : b.rxPowerDbm();
      Double after = n == null ? null : tx ? n.txPowerDbm() : n.rxPowerDbm();
      if (before == null || after == null) {
        continue;
      }
      double drop = before - after;
      if (drop > limitDb) {
        lanes.add(b.lane());
        worst = Math.max(worst, drop);
      }
    }
    if (!lanes.isEmpty()) {
      findings.add(
          new Finding(
              kind,
              "%s power dropped %.2f dB from baseline (limit %.2f dB) on lanes %s"
                  .formatted(tx ? "Tx" : "Rx", worst, limitDb, lanes),
              lanes));
    }
  }

  private static void biasRise(
      List<Finding> findings, Double limitPercent, ModuleDiagnostics base, ModuleDiagnostics now) {
    if (limitPercent == null) {
      return;
    }
    Set<Integer> lanes = new TreeSet<>();
    double worst = 0;
    for (Lane b : base.lanes()) {
      Lane n = lane(now, b.lane());
      if (b.txBiasMilliamps() == null
          || n == null
          || n.txBiasMilliamps() == null
          || b.txBiasMilliamps() <= 0) {
        continue;
      }
      double rise = 100 * (n.txBiasMilliamps() / b.txBiasMilliamps() - 1);
      if (rise > limitPercent) {
        lanes.add(b.lane());
        worst = Math.max(worst, rise);
      }
    }
    if (!lanes.isEmpty()) {
      findings.add(
          new Finding(
              "BIAS_RISE",
              "Tx bias rose %.1f %% over baseline (limit %.1f %%) on lanes %s"
                  .formatted(worst, limitPercent, lanes),
              lanes));
    }
  }

  private static void absolute(
      List<Finding> findings, FailureCriteria criteria, ModuleDiagnostics now) {
    laneBelow(
        findings, "TX_POWER_MIN", "Tx power", criteria.txPowerMinDbm(), now, Lane::txPowerDbm);
    laneBelow(
        findings, "RX_POWER_MIN", "Rx power", criteria.rxPowerMinDbm(), now, Lane::rxPowerDbm);
    if (criteria.txBiasMaxMa() != null) {
      Set<Integer> lanes = new TreeSet<>();
      List<String> values = new ArrayList<>();
      for (Lane l : now.lanes()) {
        if (l.txBiasMilliamps() != null && l.txBiasMilliamps() > criteria.txBiasMaxMa()) {
          lanes.add(l.lane());
          values.add("lane %d %.2f mA".formatted(l.lane(), l.txBiasMilliamps()));
        }
      }
      if (!lanes.isEmpty()) {
        findings.add(
            new Finding(
                "TX_BIAS_MAX",
                "Tx bias above the limit txBiasMaxMa %.2f mA: %s"
                    .formatted(criteria.txBiasMaxMa(), String.join(", ", values)),
                lanes));
      }
    }
    Double t = now.temperature();
    if (criteria.temperatureMaxC() != null && t != null && t > criteria.temperatureMaxC()) {
      findings.add(
          new Finding(
              "TEMPERATURE_MAX",
              "module temperature %.1f °C above the limit temperatureMaxC %.1f °C"
                  .formatted(t, criteria.temperatureMaxC()),
              Set.of()));
    }
    Double vcc = now.vcc();
    if (vcc != null && criteria.vccMinV() != null && vcc < criteria.vccMinV()) {
      findings.add(
          new Finding(
              "VCC_MIN",
              "supply %.3f V below the limit vccMinV %.3f V".formatted(vcc, criteria.vccMinV()),
              Set.of()));
    }
    if (vcc != null && criteria.vccMaxV() != null && vcc > criteria.vccMaxV()) {
      findings.add(
          new Finding(
              "VCC_MAX",
              "supply %.3f V above the limit vccMaxV %.3f V".formatted(vcc, criteria.vccMaxV()),
              Set.of()));
    }
  }

  private static void laneBelow(
      List<Finding> findings,
      String kind,
      String what,
      Double limitDbm,
      ModuleDiagnostics now,
      Function<Lane, Double> dbm) {
    if (limitDbm == null) {
      return;
    }
    Set<Integer> lanes = new TreeSet<>();
    List<String> values = new ArrayList<>();
    for (Lane l : now.lanes()) {
      Double v = dbm.apply(l);
      if (v != null && v < limitDbm) {
        lanes.add(l.lane());
        values.add("lane %d %.2f dBm".formatted(l.lane(), v));
      }
    }
    if (!lanes.isEmpty()) {
      String field = kind.equals("TX_POWER_MIN") ? "txPowerMinDbm" : "rxPowerMinDbm";
      findings.add(
          new Finding(
              kind,
              "%s below the limit %s %.2f dBm: %s"
                  .formatted(what, field, limitDbm, String.join(", ", values)),
              lanes));
    }
  }

  private static Lane lane(ModuleDiagnostics d, int lane) {
    List<Lane> lanes = d.lanes();
    // decoded lanes come in order, lane n at n - 1; search only if a lane is missing
    if (lane >= 1 && lane <= lanes.size() && lanes.get(lane - 1).lane() == lane) {
      return lanes.get(lane - 1);
    }
    for (Lane l : lanes) {
      if (l.lane() == lane) {
        return l;
      }
    }
    return null;
  }

  /**
   * A judgement.
   *
   * @param pass true if no criterion failed.
   * @param findings what failed.
   */
  public record Verdict(boolean pass, List<Finding> findings) {
    public Verdict {
      findings = List.copyOf(findings);
    }

    /** Every lane any finding names. */
    public Set<Integer> affectedLanes() {
      Set<Integer> lanes = new TreeSet<>();
      findings.forEach(f -> lanes.addAll(f.lanes()));
      return lanes;
    }
  }

  /**
   * One failed criterion.
   *
   * @param criterion e.g. {@code TX_POWER_DROP}, {@code BIAS_RISE}, {@code TX_POWER_MIN}, {@code
   *     TX_BIAS_MAX}, {@code TEMPERATURE_MAX}, {@code VCC_MIN}, {@code MODULE_ALARM}, {@code
   *     SILENT}.
   * @param detail for people.
   * @param lanes the lanes concerned (empty for module-level findings).
   */
  public record Finding(String criterion, String detail, Set<Integer> lanes) {
    public Finding {
      lanes = Set.copyOf(lanes);
    }
  }
}

package io.stressflow.workflows.plan;

import io.stressflow.chamber.ChamberLimits;
import io.stressflow.workflows.plan.CampaignPlan.Module;
import io.stressflow.workflows.plan.Leg.Acceptance;
import io.stressflow.workflows.plan.Leg.ReadPoints;
import io.stressflow.workflows.plan.PlanReport.LegSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a plan before anything runs: references, feasibility on the assigned chamber, read points
 * inside their leg, and sample size against acceptance. Pure: data in, report out.
 */
public final class PlanValidator {

  /** The confidence at which LTPD is reported. */
  public static final double CONFIDENCE = 0.90;

  private final Function<String, Optional<ChamberLimits>> chambers;
  private final ChamberCapabilityCheck capabilities;

  /**
   * Creates a validator that knows no chamber's register map.
   *
   * @param chambers the limits of each known chamber by id; empty for an unknown chamber.
   */
  public PlanValidator(Function<String, Optional<ChamberLimits>> chambers) {
    this(chambers, ChamberCapabilityCheck.none());
  }

  /**
   * Creates a validator.
   *
   * @param chambers the limits of each known chamber by id; empty for an unknown chamber.
   * @param capabilities refuses what a chamber's register map cannot run.
   */
  public PlanValidator(
      Function<String, Optional<ChamberLimits>> chambers, ChamberCapabilityCheck capabilities) {
    this.chambers = chambers;
    this.capabilities = capabilities;
  }

  /**
   * Validates a plan whose presets have been applied.
   *
   * @param plan the plan.
   * @return every problem found (not just the first), and what each leg amounts to.
   */
  public PlanReport validate(CampaignPlan plan) {
    // sizes first: the checks below may cost what the plan is big
    List<PlanProblem> bounds = PlanBounds.check(plan);
    if (!bounds.isEmpty()) {
      return new PlanReport(bounds, List.of());
    }
    Set<PlanProblem> problems = new LinkedHashSet<>();
    if (blank(plan.campaign())) {
      problems.add(new PlanProblem("campaign", "a campaign title is required"));
    }
    if (plan.product() == null || blank(plan.product().partNumber())) {
      problems.add(new PlanProblem("product.partNumber", "the product's part number is required"));
    }
    Map<String, Module> modules = modules(plan, problems);
    List<LegSummary> summaries = new ArrayList<>();
    if (plan.legs().isEmpty()) {
      problems.add(new PlanProblem("legs", "a plan needs at least one leg"));
    }
    Set<String> legIds = new HashSet<>();
    for (Leg leg : plan.legs()) {
      if (!blank(leg.id()) && !legIds.add(leg.id())) {
        problems.add(
            new PlanProblem(legPath(plan, leg) + ".id", "'" + leg.id() + "' is used twice"));
      }
    }
    for (int i = 0; i < plan.legs().size(); i++) {
      summaries.add(leg(plan.legs().get(i), "legs[" + i + "]", modules, legIds, problems));
    }
    afterCycles(plan, problems);
    SequentialGroups.check(plan, problems);
    useCondition(plan.useCondition(), problems);
    return new PlanReport(new ArrayList<>(problems), summaries);
  }

  private Map<String, Module> modules(CampaignPlan plan, Set<PlanProblem> problems) {
    Set<String> lots = new HashSet<>();
    for (int i = 0; i < plan.lots().size(); i++) {
      String id = plan.lots().get(i).id();
      if (blank(id) || !lots.add(id)) {
        problems.add(
            new PlanProblem(
                "lots[" + i + "].id", blank(id) ? "is required" : "'" + id + "' is used twice"));
      }
    }
    Map<String, Module> modules = new HashMap<>();
    for (int i = 0; i < plan.modules().size(); i++) {
      Module m = plan.modules().get(i);
      String path = "modules[" + i + "]";
      if (blank(m.serial())) {
        problems.add(new PlanProblem(path + ".serial", "is required"));
        continue;
      }
      if (modules.put(m.serial(), m) != null) {
        problems.add(new PlanProblem(path + ".serial", "'" + m.serial() + "' is listed twice"));
      }
      if (!plan.lots().isEmpty() && !lots.contains(m.lot())) {
        problems.add(
            new PlanProblem(
                path + ".lot", "'" + m.lot() + "' is not one of the plan's lots " + lots));
      }
    }
    return modules;
  }

  private LegSummary leg(
      Leg leg,
      String path,
      Map<String, Module> modules,
      Set<String> legIds,
      Set<PlanProblem> problems) {
    if (blank(leg.id())) {
      problems.add(new PlanProblem(path + ".id", "is required"));
    }
    for (int j = 0; j < leg.samples().size(); j++) {
      String serial = leg.samples().get(j);
      Module m = modules.get(serial);
      String p = path + ".samples[" + j + "]";
      if (m == null) {
        problems.add(new PlanProblem(p, "'" + serial + "' is not among the plan's modules"));
      } else if (m.isControl()) {
        problems.add(
            new PlanProblem(p, "'" + serial + "' is a control sample and cannot be stressed"));
      }
    }
    for (int j = 0; j < leg.after().size(); j++) {
      String ref = leg.after().get(j);
      if (!legIds.contains(ref) || ref.equals(leg.id())) {
        problems.add(
            new PlanProblem(
                path + ".after[" + j + "]", "'" + ref + "' is not another leg of this plan"));
      }
    }
    if (leg.outsideChamber()) {
      ExternalLegCheck.check(leg, path, problems);
      double ltpd = acceptance(leg, path + ".acceptance", problems);
      return new LegSummary(leg.id(), 0, 0, leg.samples().size(), ltpd);
    }
    ChamberLimits limits = chamberLimits(leg, path, problems);
    ProfileCheck.Totals totals = new ProfileCheck.Totals(0, 0);
    if (leg.profile() == null || leg.profile().segments().isEmpty()) {
      problems.add(
          new PlanProblem(
              path + ".profile", "a leg needs a profile with at least one segment (or a preset)"));
    } else if (limits != null) {
      totals =
          new ProfileCheck(limits, leg.profile().condensationAllowed(), problems)
              .walk(leg.profile().segments(), path + ".profile.segments");
    }
    capabilities.check(leg, path, problems);
    readPoints(leg.readPoints(), path + ".readPoints", totals, limits != null, problems);
    if (leg.inSitu() != null) {
      try {
        Durations.parse(leg.inSitu());
      } catch (IllegalArgumentException e) {
        problems.add(new PlanProblem(path + ".inSitu", e.getMessage()));
      }
    }
    failureCriteria(leg.failureCriteria(), path + ".failureCriteria", problems);
    double ltpd = acceptance(leg, path + ".acceptance", problems);
    return new LegSummary(leg.id(), totals.hours(), totals.cycles(), leg.samples().size(), ltpd);
  }

  private ChamberLimits chamberLimits(Leg leg, String path, Set<PlanProblem> problems) {
    List<String> candidates = leg.chamber() != null ? List.of(leg.chamber()) : leg.chamberPool();
    if (candidates.isEmpty()) {
      problems.add(new PlanProblem(path + ".chamber", "assign a chamber (or a chamberPool)"));
      return null;
    }
    ChamberLimits first = null;
    for (String id : candidates) {
      Optional<ChamberLimits> limits = chambers.apply(id);
      if (limits.isEmpty()) {
        problems.add(
            new PlanProblem(path + ".chamber", "'" + id + "' is not a configured chamber"));
      } else if (first == null) {
        first = limits.get();
      }
    }
    return first;
  }

  private static void readPoints(
      ReadPoints rp,
      String path,
      ProfileCheck.Totals totals,
      boolean known,
      Set<PlanProblem> problems) {
    if (rp == null) {
      problems.add(
          new PlanProblem(path, "read points are required (unit HOURS or CYCLES, and 'at')"));
      return;
    }
    if (rp.unit() == null) {
      problems.add(new PlanProblem(path + ".unit", "is required: HOURS or CYCLES"));
      return;
    }
    recovery(rp.recovery(), path + ".recovery", problems);
    double previous = 0;
    for (int k = 0; k < rp.at().size(); k++) {
      double at = rp.at().get(k);
      String p = path + ".at[" + k + "]";
      if (!(at > previous)) {
        problems.add(
            new PlanProblem(
                p,
                "read points must be > 0 and ascending, but %s follows %s"
                    .formatted(at, previous)));
      }
      previous = Math.max(previous, at);
      if (!known) {
        continue;
      }
      if (rp.unit() == ReadPoints.Unit.CYCLES) {
        if (at != Math.rint(at)) {
          problems.add(
              new PlanProblem(p, "a cycle read point must be a whole number, but was " + at));
        }
        if (at > totals.cycles()) {
          problems.add(
              new PlanProblem(
                  p,
                  "read point at cycle %.0f is after the leg's last cycle (%d)"
                      .formatted(at, totals.cycles())));
        }
      } else if (at > totals.hours() + 1e-6) {
        problems.add(
            new PlanProblem(
                p,
                "read point at %s h is after the leg ends (%.1f h)".formatted(at, totals.hours())));
      }
    }
  }

  private static void recovery(ReadPoints.Recovery r, String path, Set<PlanProblem> problems) {
    if (r == null) {
      return;
    }
    if (r.temperature() != null && !(r.temperature() >= 15 && r.temperature() <= 35)) {
      problems.add(
          new PlanProblem(
              path + ".temperature",
              "must be a standard atmosphere for recovery, 15 to 35 °C (IEC 60068-1), but was "
                  + r.temperature()));
    }
    if (r.band() != null && !(r.band() > 0 && r.band() <= 10)) {
      problems.add(new PlanProblem(path + ".band", "must be > 0 and <= 10 K, but was " + r.band()));
    }
    if (r.rate() != null && !(r.rate() > 0 && Double.isFinite(r.rate()))) {
      problems.add(new PlanProblem(path + ".rate", "must be > 0 K/min, but was " + r.rate()));
    }
    if (r.dwell() != null) {
      try {
        if (Durations.parse(r.dwell()).isNegative()) {
          problems.add(new PlanProblem(path + ".dwell", "must not be negative"));
        }
      } catch (IllegalArgumentException e) {
        problems.add(new PlanProblem(path + ".dwell", e.getMessage()));
      }
    }
  }

  private static void failureCriteria(
      Leg.FailureCriteria c, String path, Set<PlanProblem> problems) {
    if (c == null) {
      return;
    }
    range(c.txPowerDropDb(), 0, false, 20, path + ".txPowerDropDb", "dB", problems);
    range(c.txPowerDriftDb(), 0, false, 20, path + ".txPowerDriftDb", "dB", problems);
    range(c.rxPowerDropDb(), 0, false, 20, path + ".rxPowerDropDb", "dB", problems);
    range(c.biasRisePercent(), 0, false, 1000, path + ".biasRisePercent", "%", problems);
    range(c.txPowerMinDbm(), -20, true, 10, path + ".txPowerMinDbm", "dBm", problems);
    range(c.rxPowerMinDbm(), -30, true, 10, path + ".rxPowerMinDbm", "dBm", problems);
    range(c.txBiasMaxMa(), 0, false, 200, path + ".txBiasMaxMa", "mA", problems);
    range(c.temperatureMaxC(), -40, true, 150, path + ".temperatureMaxC", "°C", problems);
    range(c.vccMinV(), 2.5, true, 4.0, path + ".vccMinV", "V", problems);
    range(c.vccMaxV(), 2.5, true, 4.0, path + ".vccMaxV", "V", problems);
    if (c.vccMinV() != null && c.vccMaxV() != null && !(c.vccMinV() < c.vccMaxV())) {
      problems.add(
          new PlanProblem(
              path + ".vccMinV",
              "must be below vccMaxV (%s V), but was %s V".formatted(c.vccMaxV(), c.vccMinV())));
    }
  }

  /** The use condition's values, each within what its model can sensibly take. */
  private static void useCondition(UseCondition u, Set<PlanProblem> problems) {
    if (u == null) {
      return;
    }
    String p = "useCondition";
    range(u.temperatureC(), -40, true, 125, p + ".temperatureC", "°C", problems);
    range(u.humidityPercent(), 0, false, 100, p + ".humidityPercent", "%RH", problems);
    range(u.temperatureSwingK(), 0, false, 200, p + ".temperatureSwingK", "K", problems);
    range(u.cyclesPerDay(), 0, false, 1000, p + ".cyclesPerDay", "cycles a day", problems);
    range(u.confidence(), 0.5, true, 0.999, p + ".confidence", "(a fraction, e.g. 0.6)", problems);
    range(
        u.ltpdConfidence(),
        0.5,
        true,
        0.999,
        p + ".ltpdConfidence",
        "(a fraction, e.g. 0.9)",
        problems);
    range(u.activationEnergyEv(), 0.1, true, 2, p + ".activationEnergyEv", "eV", problems);
    range(u.peckActivationEnergyEv(), 0.1, true, 2, p + ".peckActivationEnergyEv", "eV", problems);
    range(u.peckHumidityExponent(), 0.5, true, 10, p + ".peckHumidityExponent", "", problems);
    range(u.coffinMansonExponent(), 0.5, true, 10, p + ".coffinMansonExponent", "", problems);
  }

  private static void range(
      Double value,
      double min,
      boolean minInclusive,
      double max,
      String path,
      String unit,
      Set<PlanProblem> problems) {
    if (value == null) {
      return;
    }
    boolean aboveMin = minInclusive ? value >= min : value > min;
    if (!aboveMin || !(value <= max)) {
      problems.add(
          new PlanProblem(
              path,
              (minInclusive ? "must be between %s and %s %s" : "must be above %s and at most %s %s")
                      .formatted(num(min), num(max), unit)
                      .stripTrailing()
                  + ", but was "
                  + num(value)));
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static double acceptance(Leg leg, String path, Set<PlanProblem> problems) {
    Acceptance a = leg.acceptance();
    if (a == null) {
      problems.add(
          new PlanProblem(path, "an acceptance rule is required (sampleSize, allowedFailures)"));
      return Double.NaN;
    }
    if (a.sampleSize() == null || a.sampleSize() < 1) {
      problems.add(new PlanProblem(path + ".sampleSize", "must be >= 1"));
      return Double.NaN;
    }
    int allowed = a.allowedFailures() == null ? 0 : a.allowedFailures();
    if (allowed < 0 || allowed >= a.sampleSize()) {
      problems.add(new PlanProblem(path + ".allowedFailures", "must be within [0, sampleSize)"));
      return Double.NaN;
    }
    double ltpd = Ltpd.of(a.sampleSize(), allowed, CONFIDENCE);
    if (leg.samples().size() < a.sampleSize()) {
      problems.add(
          new PlanProblem(
              path + ".sampleSize",
              ("%d modules are required (%d failures allowed: LTPD %.1f %% at 90 %% confidence),"
                      + " but the leg stresses %d")
                  .formatted(a.sampleSize(), allowed, ltpd * 100, leg.samples().size())));
    }
    return ltpd;
  }

  static void afterCycles(CampaignPlan plan, Set<PlanProblem> problems) {
    boolean[] circular = AfterGraph.circular(plan.legs());
    for (int i = 0; i < circular.length; i++) {
      if (circular[i]) {
        problems.add(
            new PlanProblem("legs[" + i + "].after", "the legs wait for each other in a circle"));
      }
    }
  }

  private static String legPath(CampaignPlan plan, Leg leg) {
    return "legs[" + plan.legs().indexOf(leg) + "]";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

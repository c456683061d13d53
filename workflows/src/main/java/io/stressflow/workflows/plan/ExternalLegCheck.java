package io.stressflow.workflows.plan;

import java.util.Collection;

/**
 * Checks a leg that runs outside the chambers ({@link Leg#external()}): the test is one Stressflow
 * knows and its conditions are stated, and the leg carries nothing that only a chamber leg can use
 * (a chamber, a profile, read points, in-situ polling, probe failure criteria). Its samples and
 * acceptance are checked like any leg's ({@link PlanValidator}). Pure.
 */
final class ExternalLegCheck {

  private ExternalLegCheck() {}

  /**
   * Adds the problems of an external leg.
   *
   * @param leg a leg with {@code external} set.
   * @param path the leg's path, e.g. {@code legs[1]}.
   * @param problems where problems go.
   */
  static void check(Leg leg, String path, Collection<PlanProblem> problems) {
    External e = leg.external();
    String p = path + ".external";
    if (blank(e.test())) {
      problems.add(new PlanProblem(p + ".test", "is required: one of " + External.Test.names()));
    } else if (!External.Test.names().contains(e.test())) {
      problems.add(
          new PlanProblem(
              p + ".test",
              "'%s' is not a known external test; one of %s"
                  .formatted(e.test(), External.Test.names())));
    }
    if (blank(e.conditions())) {
      problems.add(
          new PlanProblem(
              p + ".conditions",
              "is required: what the station does, e.g. '500 g, 1.0 ms half-sine, 5 per"
                  + " direction'"));
    }
    String why = "an external leg runs outside the chambers";
    if (leg.chamber() != null || !leg.chamberPool().isEmpty()) {
      problems.add(
          new PlanProblem(
              path + (leg.chamber() != null ? ".chamber" : ".chamberPool"),
              why + "; name its station in external.station instead"));
    }
    if (leg.profile() != null) {
      problems.add(new PlanProblem(path + ".profile", why + ": it has no chamber profile"));
    }
    if (leg.readPoints() != null) {
      problems.add(
          new PlanProblem(
              path + ".readPoints",
              why + ": lab staff enter its results once, when the test is done"));
    }
    if (leg.inSitu() != null) {
      problems.add(
          new PlanProblem(path + ".inSitu", why + ": its modules are not polled during the test"));
    }
    if (leg.failureCriteria() != null) {
      problems.add(
          new PlanProblem(
              path + ".failureCriteria",
              why
                  + ": pass or fail per module is judged at the station and entered with its"
                  + " record"));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

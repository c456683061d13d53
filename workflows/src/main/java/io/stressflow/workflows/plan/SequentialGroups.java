package io.stressflow.workflows.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rule for a module in more than one leg. GR-468 puts separate sample groups through parallel
 * legs, but some groups are sequential: the same units through mechanical shock, then vibration. So
 * a serial may be a sample of several legs when, and only when:
 *
 * <ul>
 *   <li>those legs are ordered by {@code after} (directly or through other legs): they can never
 *       run at the same time, and the units go through them in that order; and
 *   <li>at most one of them is a chamber leg. Sampling follows each module through one chamber leg
 *       (its baseline, read points and credited time on test); external legs read no module, so any
 *       number of them may come before or after it.
 * </ul>
 *
 * A module that fails in one leg of its group is out of the legs after it (the first failure is
 * final). Pure.
 */
final class SequentialGroups {

  private SequentialGroups() {}

  /**
   * Adds a problem for every sample that breaks the rule, at the later leg's sample path.
   *
   * @param plan the plan.
   * @param problems where problems go.
   */
  static void check(CampaignPlan plan, Collection<PlanProblem> problems) {
    Map<String, List<String>> after = new LinkedHashMap<>();
    plan.legs().forEach(l -> after.put(l.id(), l.after()));
    // serial -> indexes of the legs it is a sample of, in plan order
    Map<String, List<Integer>> legsOf = new LinkedHashMap<>();
    for (int i = 0; i < plan.legs().size(); i++) {
      for (String serial : new HashSet<>(plan.legs().get(i).samples())) {
        legsOf.computeIfAbsent(serial, s -> new ArrayList<>()).add(i);
      }
    }
    for (int i = 0; i < plan.legs().size(); i++) {
      Leg leg = plan.legs().get(i);
      for (int j = 0; j < leg.samples().size(); j++) {
        String serial = leg.samples().get(j);
        String path = "legs[" + i + "].samples[" + j + "]";
        for (int k : legsOf.getOrDefault(serial, List.of())) {
          if (k >= i) {
            break; // each pair is reported once, at the later leg in the plan
          }
          Leg other = plan.legs().get(k);
          if (!ordered(leg.id(), other.id(), after) && !ordered(other.id(), leg.id(), after)) {
            problems.add(
                new PlanProblem(
                    path,
                    ("'%s' is also a sample of leg '%s', and the two legs could run at the same"
                            + " time: a module is in one leg at a time. For a sequential group"
                            + " (the same units through one test, then the next) add after: [%s]")
                        .formatted(serial, other.id(), other.id())));
          } else if (!leg.outsideChamber() && !other.outsideChamber()) {
            problems.add(
                new PlanProblem(
                    path,
                    ("'%s' is also a sample of chamber leg '%s': a module can go through one"
                            + " chamber leg only (sampling follows it through one), before or"
                            + " after any number of external legs")
                        .formatted(serial, other.id())));
          }
        }
      }
    }
  }

  /** Whether leg {@code later} waits, directly or through other legs, for leg {@code earlier}. */
  static boolean ordered(String later, String earlier, Map<String, List<String>> after) {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(after.getOrDefault(later, List.of()));
    while (!todo.isEmpty()) {
      String next = todo.remove(todo.size() - 1);
      if (next.equals(earlier)) {
        return true;
      }
      if (seen.add(next)) {
        todo.addAll(after.getOrDefault(next, List.of()));
      }
    }
    return false;
  }
}

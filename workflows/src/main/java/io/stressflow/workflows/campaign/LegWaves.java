package io.stressflow.workflows.campaign;

import io.stressflow.workflows.plan.Leg;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which legs of a campaign run together (a wave; bpmn/README.md): every leg that has not ended and
 * whose {@code after} legs have all ended, in run order, except a leg whose chamber an earlier leg
 * of the wave already runs in (it goes in a later wave). External legs need no chamber. A leg with
 * {@code after} therefore waits for the whole wave that holds its predecessor.
 */
final class LegWaves {

  private LegWaves() {}

  /**
   * The next wave.
   *
   * @param legs the campaign's legs, in run order.
   * @param planned the plan's legs by id.
   * @param ended the ids of legs that have ended.
   * @param chamber the chamber a chamber leg runs in.
   * @return the wave's leg ids, in run order; empty when no leg is left.
   */
  static List<String> next(
      List<CampaignView.LegView> legs,
      Map<String, Leg> planned,
      Set<String> ended,
      Function<CampaignView.LegView, String> chamber) {
    List<String> wave = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (CampaignView.LegView leg : legs) {
      Leg plannedLeg = planned.get(leg.id());
      if (ended.contains(leg.id())
          || plannedLeg == null
          || !ended.containsAll(plannedLeg.after())) {
        continue;
      }
      String in = plannedLeg.outsideChamber() ? null : chamber.apply(leg);
      if (in != null && !taken.add(in)) {
        continue;
      }
      wave.add(leg.id());
    }
    return wave;
  }

  /**
   * Every wave still to run, the one under way first.
   *
   * @param legs the campaign's legs, in run order.
   * @param planned the plan's legs by id.
   * @param ended the ids of legs that have ended.
   * @param chamber the chamber a chamber leg runs in.
   * @return the waves, each its leg ids in run order.
   */
  static List<List<String>> remaining(
      List<CampaignView.LegView> legs,
      Map<String, Leg> planned,
      Set<String> ended,
      Function<CampaignView.LegView, String> chamber) {
    Set<String> done = new HashSet<>(ended);
    List<List<String>> waves = new ArrayList<>();
    while (true) {
      List<String> wave = next(legs, planned, done, chamber);
      if (wave.isEmpty()) {
        return waves;
      }
      waves.add(wave);
      done.addAll(wave);
    }
  }
}

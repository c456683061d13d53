package io.stressflow.workflows.plan;

import io.stressflow.workflows.chamber.Lab;
import io.stressflow.workflows.chamber.LabChamber;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Reads and validates campaign plans against the configured chambers. The public API of the plan
 * feature.
 */
@Service
public class PlanService {

  private final Map<String, Leg> presets = PresetLibrary.load();
  private final PlanValidator validator;

  PlanService(Lab lab) {
    this.validator =
        new PlanValidator(
            id -> lab.find(id).map(LabChamber::chamberLimits),
            new ChamberCapabilityCheck(lab::mapCapabilities));
  }

  /**
   * Reads a plan, applies its presets and validates it.
   *
   * @param yaml the plan text.
   * @return the report; a plan that cannot even be read yields its reading problems.
   */
  public PlanReport validate(String yaml) {
    try {
      return validator.validate(PlanReader.read(yaml, presets));
    } catch (PlanException e) {
      return new PlanReport(e.problems(), List.of());
    }
  }

  /**
   * Reads a plan and applies its presets, without validating it.
   *
   * @param yaml the plan text.
   * @return the plan.
   * @throws PlanException if it cannot be read.
   */
  public CampaignPlan read(String yaml) {
    return PlanReader.read(yaml, presets);
  }

  /**
   * A plan's legs in the order one chamber runs them: plan order, but never before the legs named
   * in their {@code after}.
   *
   * @param plan a valid plan (no cycles in {@code after}).
   * @return the legs, each after the legs it waits for.
   */
  public static List<Leg> runOrder(CampaignPlan plan) {
    List<Leg> order = new java.util.ArrayList<>();
    java.util.Set<String> placed = new java.util.HashSet<>();
    List<Leg> left = new java.util.ArrayList<>(plan.legs());
    while (!left.isEmpty()) {
      Leg next =
          left.stream()
              .filter(l -> placed.containsAll(l.after()))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("legs wait for each other: " + left));
      order.add(next);
      placed.add(next.id());
      left.remove(next);
    }
    return order;
  }

  /** The presets lab staff start from, by name. */
  public Map<String, Leg> presets() {
    return presets;
  }
}

package io.stressflow.workflows.plan;

import io.stressflow.chamber.ChamberLimits;
import io.stressflow.workflows.chamber.ChamberProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reads and validates campaign plans against the configured chambers. The public API of the plan
 * feature.
 */
@Service
public class PlanService {

  private final Map<String, Leg> presets = PresetLibrary.load();
  private final PlanValidator validator;

  PlanService(ChamberProperties chamber, ChamberLimits limits) {
    this.validator =
        new PlanValidator(id -> chamber.id().equals(id) ? Optional.of(limits) : Optional.empty());
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

  /** The presets lab staff start from, by name. */
  public Map<String, Leg> presets() {
    return presets;
  }
}

package io.stressflow.workflows.plan;

import java.util.List;

/**
 * A qualification campaign as a lab engineer writes it (YAML; README "Campaign plans").
 *
 * @param campaign a title for people.
 * @param product what is qualified.
 * @param lots the lots the modules come from.
 * @param modules every module serial in the campaign, with its lot; control samples included.
 * @param legs the stresses, each on its own sample group.
 * @param useCondition the field condition the report's failure-rate bounds are stated at, or null
 *     for the documented defaults.
 */
public record CampaignPlan(
    String campaign,
    Product product,
    List<Lot> lots,
    List<Module> modules,
    List<Leg> legs,
    UseCondition useCondition) {

  public CampaignPlan {
    lots = lots == null ? List.of() : List.copyOf(lots);
    modules = modules == null ? List.of() : List.copyOf(modules);
    legs = legs == null ? List.of() : List.copyOf(legs);
  }

  /**
   * A plan without a use condition (the report states its bounds at the defaults).
   *
   * @param campaign a title for people.
   * @param product what is qualified.
   * @param lots the lots.
   * @param modules every module.
   * @param legs the stresses.
   */
  public CampaignPlan(
      String campaign, Product product, List<Lot> lots, List<Module> modules, List<Leg> legs) {
    this(campaign, product, lots, modules, legs, null);
  }

  /**
   * The product under qualification.
   *
   * @param partNumber the part number, e.g. {@code SF-400G-SR8}.
   * @param description free text, e.g. {@code 400G QSFP-DD SR8}.
   * @param revision the hardware or firmware revision qualified.
   */
  public record Product(String partNumber, String description, String revision) {}

  /**
   * A production lot.
   *
   * @param id the lot id.
   * @param dateCode the date code, if known.
   */
  public record Lot(String id, String dateCode) {}

  /**
   * One module under test.
   *
   * @param serial its serial number, unique in the plan.
   * @param lot the id of its lot.
   * @param control true for a control sample: measured at every read point, never stressed.
   * @param reuse true to put on test a module that was on test in another campaign before (or
   *     failed there): without it, launching the plan is refused naming the earlier campaign. The
   *     module gets its own state, baseline, samples and failure record in this campaign.
   */
  public record Module(String serial, String lot, Boolean control, Boolean reuse) {

    /** Whether this is a control sample. */
    public boolean isControl() {
      return Boolean.TRUE.equals(control);
    }

    /** Whether the plan allows this module to be tested again after another campaign. */
    public boolean isReuse() {
      return Boolean.TRUE.equals(reuse);
    }
  }
}

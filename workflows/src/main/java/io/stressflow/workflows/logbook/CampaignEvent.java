package io.stressflow.workflows.logbook;

import java.time.Instant;

/**
 * Something that happened in a campaign, as lab staff should read it.
 *
 * @param campaignId the campaign's id (also the process instance's business id).
 * @param at when it happened (wall clock).
 * @param kind a short machine-readable kind, e.g. {@code LAUNCHED}, {@code SETPOINT_REACHED}.
 * @param message one line for people.
 * @param actor who did it: the authenticated user, or {@code system} for the workflow's own steps.
 */
public record CampaignEvent(
    String campaignId, Instant at, String kind, String message, String actor) {

  /** An event of the system (no person acting). */
  public CampaignEvent(String campaignId, Instant at, String kind, String message) {
    this(campaignId, at, kind, message, "system");
  }
}

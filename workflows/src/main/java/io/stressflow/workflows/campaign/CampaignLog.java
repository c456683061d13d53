package io.stressflow.workflows.campaign;

import io.stressflow.workflows.security.Actors;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The campaign's logbook: every event is stored in {@code campaign_event} and published as a Spring
 * event, so the CLI, the demo and (later) the web UI can follow a campaign as it runs. Each entry
 * names its actor: the user whose request (or demo lab person) recorded it, else {@code system}.
 */
@Component
public class CampaignLog {

  private static final Logger log = LoggerFactory.getLogger(CampaignLog.class);

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;

  CampaignLog(JdbcClient jdbc, ApplicationEventPublisher publisher, Clock clock) {
    this.jdbc = jdbc;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Records an event and tells listeners.
   *
   * @param campaignId the campaign.
   * @param kind a short kind, upper case.
   * @param message one line for people.
   * @return the recorded event.
   */
  public CampaignEvent record(String campaignId, String kind, String message) {
    CampaignEvent event =
        new CampaignEvent(campaignId, clock.instant(), kind, message, Actors.acting());
    jdbc.sql(
            "INSERT INTO campaign_event (campaign_id, at, kind, message, actor) VALUES (?, ?, ?, ?,"
                + " ?)")
        .params(campaignId, Timestamp.from(event.at()), kind, message, event.actor())
        .update();
    log.info("[{}] {} ({}): {}", campaignId, kind, event.actor(), message);
    publisher.publishEvent(event);
    return event;
  }

  /**
   * The events of one campaign, oldest first.
   *
   * @param campaignId the campaign.
   * @return its events.
   */
  public List<CampaignEvent> events(String campaignId) {
    return jdbc.sql(
            "SELECT campaign_id, at, kind, message, actor FROM campaign_event WHERE campaign_id = ?"
                + " ORDER BY id")
        .param(campaignId)
        .query(
            (rs, i) ->
                new CampaignEvent(
                    rs.getString(1),
                    rs.getTimestamp(2).toInstant(),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
        .list();
  }
}

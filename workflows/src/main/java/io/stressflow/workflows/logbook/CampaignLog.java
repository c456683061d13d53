package io.stressflow.workflows.logbook;

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
        new CampaignEvent(campaignId, clock.instant(), kind, bounded(message), Actors.acting());
    jdbc.sql(
            "INSERT INTO campaign_event (campaign_id, at, kind, message, actor) VALUES (?, ?, ?, ?,"
                + " ?)")
        .params(campaignId, Timestamp.from(event.at()), kind, event.message(), event.actor())
        .update();
    String text = event.message();
    // the application log gets the start of a very long line; the logbook keeps it whole
    log.info(
        "[{}] {} ({}): {}",
        campaignId,
        kind,
        event.actor(),
        text != null && text.length() > LOGGED ? text.substring(0, LOGGED) + "…" : text);
    publisher.publishEvent(event);
    return event;
  }

  /**
   * A message as it fits the logbook's column: whole up to {@link #MAX_MESSAGE} characters, which
   * no message of a plan within its bounds reaches (a read point where 20,000 modules fail names
   * them in about 200,000); beyond that cut, saying how much was cut, so a logbook line written in
   * a round's transaction can never roll the round back. The records it summarises (failures,
   * samples) are stored whole in their own rows.
   */
  static String bounded(String message) {
    if (message == null || message.length() <= MAX_MESSAGE) {
      return message;
    }
    String note = "… (%d more characters not logged)".formatted(message.length() - MAX_MESSAGE);
    return message.substring(0, MAX_MESSAGE - note.length()) + note;
  }

  /** Characters of a logbook line repeated in the application log. */
  private static final int LOGGED = 10_000;

  /** The longest logbook message, characters: {@code campaign_event.message} (V11). */
  static final int MAX_MESSAGE = 1_000_000;

  /**
   * Records an event at most once per fact: an entry with the same key (e.g. {@code
   * <campaign>/remind/<job>}, so a job the engine delivers again writes nothing more) is not
   * written again.
   *
   * @param campaignId the campaign.
   * @param onceKey what makes the entry unique.
   * @param kind a short kind, upper case.
   * @param message one line for people.
   * @return whether it was recorded now (false: it was recorded before).
   */
  public boolean recordOnce(String campaignId, String onceKey, String kind, String message) {
    boolean recorded =
        jdbc.sql("SELECT COUNT(*) FROM campaign_event WHERE once_key = ?")
                .param(onceKey)
                .query(Long.class)
                .single()
            > 0;
    if (recorded) {
      return false;
    }
    CampaignEvent event =
        new CampaignEvent(campaignId, clock.instant(), kind, bounded(message), Actors.acting());
    jdbc.sql(
            "INSERT INTO campaign_event (campaign_id, at, kind, message, once_key, actor)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            campaignId, Timestamp.from(event.at()), kind, event.message(), onceKey, event.actor())
        .update();
    log.info("[{}] {} ({}): {}", campaignId, kind, event.actor(), event.message());
    publisher.publishEvent(event);
    return true;
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

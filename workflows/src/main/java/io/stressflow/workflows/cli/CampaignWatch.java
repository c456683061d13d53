package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Follows a campaign until it ends: polls {@code GET /api/campaigns/{id}}, shows the progress line,
 * prints logbook events ({@code GET /api/campaigns/{id}/events}) as they arrive. On a terminal the
 * progress line is redrawn in place; otherwise it is printed whenever it changes.
 */
final class CampaignWatch {

  private static final String CLEAR_LINE = "\r\033[2K";

  private final Api api;
  private final PrintWriter out;
  private final boolean redraw;
  private final Clock clock;

  CampaignWatch(Api api, PrintWriter out, boolean redraw, Clock clock) {
    this.api = api;
    this.out = out;
    this.redraw = redraw;
    this.clock = clock;
  }

  /**
   * Watches until the campaign ends.
   *
   * @param id the campaign.
   * @param interval time between polls.
   * @return 0 if its verdict is PASS, 1 otherwise (FAIL, ABORTED, or ended without a verdict).
   * @throws InterruptedException if interrupted between polls.
   */
  int watch(String id, Duration interval) throws InterruptedException {
    String path = "/api/campaigns/" + Api.segment(id);
    ZoneId zone = clock.getZone();
    int eventsSeen = 0;
    String shown = null;
    while (true) {
      JsonNode view = api.get(path);
      JsonNode events = api.get(path + "/events");
      String line = Formats.progressLine(view, clock.instant(), zone);
      if (events.size() > eventsSeen && redraw && shown != null) {
        out.print(CLEAR_LINE);
      }
      for (int i = eventsSeen; i < events.size(); i++) {
        out.println(eventLine(events.get(i), zone));
      }
      if (redraw) {
        out.print(CLEAR_LINE + line);
        shown = line;
      } else if (!stable(line).equals(stable(shown)) || events.size() > eventsSeen) {
        out.println(line);
        shown = line;
      }
      eventsSeen = events.size();
      out.flush();
      JsonNode campaign = view.path("campaign");
      if (!"ACTIVE".equals(campaign.path("state").asText("ACTIVE"))) {
        if (redraw) {
          out.println();
        }
        String verdict = campaign.path("verdict").asText("PENDING");
        out.printf(
            "Campaign %s ended %s: verdict %s%s%n",
            id,
            campaign.path("state").asText(),
            verdict,
            campaign.hasNonNull("outcome") ? " (" + campaign.get("outcome").asText() + ")" : "");
        out.flush();
        return "PASS".equals(verdict) ? ApiCommand.OK : ApiCommand.FAILED;
      }
      Thread.sleep(interval.toMillis());
    }
  }

  /**
   * The progress line without the time left, which changes on every poll: written to a file or a
   * pipe, the line is printed again only when something else changed.
   */
  static String stable(String line) {
    return line == null ? "" : line.replaceAll(" \\((in [^)]*|overdue)\\)", "");
  }

  /** {@code 14:05:12 READ_POINT_REACHED leg tc reached 100 cycles}. */
  static String eventLine(JsonNode event, ZoneId zone) {
    java.time.Instant at = Formats.instant(event.path("at"));
    String time =
        at == null
            ? "--:--:--"
            : java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(at.atZone(zone));
    return time + "  " + event.path("kind").asText() + "  " + event.path("message").asText();
  }
}

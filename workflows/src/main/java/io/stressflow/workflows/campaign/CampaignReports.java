package io.stressflow.workflows.campaign;

import io.stressflow.workflows.logbook.CampaignEvent;
import io.stressflow.workflows.report.ReportDocument;
import io.stressflow.workflows.report.ReportPlots;
import io.stressflow.workflows.security.Actors;
import io.stressflow.workflows.security.SignedDecisions;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Component;

/**
 * A campaign's report as people read it: the stored report, its signatures and who did what, as
 * Markdown, or rendered with its plots as HTML or PDF. The API ({@code GET
 * /api/campaigns/{id}/report}) and the demo both take it from here, so the demo's PDF is the one
 * the API serves.
 */
@Component
public class CampaignReports {

  private final CampaignService campaigns;
  private final SignedDecisions signatures;
  private final ReportPlots plots;

  CampaignReports(CampaignService campaigns, SignedDecisions signatures, ReportPlots plots) {
    this.campaigns = campaigns;
    this.signatures = signatures;
    this.plots = plots;
  }

  /**
   * The report's Markdown: the stored report, its signatures and who did what.
   *
   * @param campaignId the campaign.
   * @return the Markdown.
   * @throws NoSuchElementException when the campaign is unknown or has no report yet.
   */
  public String markdown(String campaignId) {
    String report =
        campaigns
            .report(campaignId)
            .orElseThrow(
                () ->
                    new NoSuchElementException(
                        "Campaign "
                            + campaignId
                            + " has no report yet: it is generated once the last leg has ended and every failure analysis is closed"));
    return report + signatures.reportSection(campaignId) + people(campaigns.events(campaignId));
  }

  /**
   * The report as an HTML page, its plots as inline SVG.
   *
   * @param campaignId the campaign.
   * @return the page.
   * @throws NoSuchElementException when the campaign is unknown or has no report yet.
   */
  public String html(String campaignId) {
    return ReportDocument.html(markdown(campaignId), title(campaignId), plots.plots(campaignId));
  }

  /**
   * The report as a PDF with its plots.
   *
   * @param campaignId the campaign.
   * @return the PDF's bytes.
   * @throws NoSuchElementException when the campaign is unknown or has no report yet.
   */
  public byte[] pdf(String campaignId) {
    return ReportDocument.pdf(markdown(campaignId), title(campaignId), plots.plots(campaignId));
  }

  private static String title(String campaignId) {
    return "Campaign " + campaignId + " report";
  }

  /** The report's section of what people did: every logbook entry with a person as its actor. */
  static String people(List<CampaignEvent> events) {
    StringBuilder r = new StringBuilder("\n## Who did what\n\n");
    r.append("| at (UTC) | who | what | |\n| --- | --- | --- | --- |\n");
    int n = 0;
    for (CampaignEvent e : events) {
      if (!Actors.SYSTEM.equals(e.actor())) {
        r.append(
            "| %s | %s | %s | %s |%n"
                .formatted(e.at(), e.actor(), e.kind(), e.message().replace("|", "\\|")));
        n++;
      }
    }
    return n == 0 ? "" : r.toString();
  }
}

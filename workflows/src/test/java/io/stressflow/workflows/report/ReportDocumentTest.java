package io.stressflow.workflows.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The report's HTML and PDF say what its Markdown says; the PDF opens and renders. */
class ReportDocumentTest {

  static final String REPORT =
      """
      # SF-400G-SR8 rev B qualification

      Campaign C-1, SF-400G-SR8, lots L2331, chamber chamber-1.

      | leg | hours | cycles | modules | failed | confirmed | allowed | leg verdict |
      |---|---|---|---|---|---|---|---|
      | dh | 1000.0 | 0 | 11 | 0 | 0 | 0 | PASS |

      ## Failures

      - SR8-0015 (leg dh): TX_POWER_DRIFT: Tx power changed −1.26 dB <script>alert(1)</script>
      - a serial list without spaces SR8-0001,SR8-0002,SR8-0003,SR8-0004,SR8-0005,SR8-0006,SR8-0007,SR8-0008,SR8-0009,SR8-0010

      ## Statistics

      | quantity | value |
      | --- | --- |
      | failure rate λ | ≤ 833 FIT at 60 % confidence (χ²(0.60; 2) = 1.833) |
      | Boltzmann constant k | 8.617×10⁻⁵ eV/K |

      Verdict: **PASS**
      """;

  @Test
  void thePdfHasEveryPartOfTheReportAndRenders() throws IOException {
    StringBuilder longReport = new StringBuilder(REPORT);
    longReport.append("\n## Who did what\n\n| at | who | what |\n| --- | --- | --- |\n");
    for (int i = 0; i < 200; i++) {
      longReport.append(
          "| 2026-12-05T10:%02d:00Z | ana | LOADED modules %d |\n".formatted(i % 60, i));
    }
    byte[] pdf = ReportDocument.pdf(longReport.toString(), "Campaign C-1 report");
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isGreaterThan(1);
      assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Campaign C-1 report");
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains("SF-400G-SR8 rev B qualification")
          .contains("Statistics")
          .contains("≤ 833 FIT at 60 % confidence")
          .contains("χ²(0.60; 2) = 1.833")
          .contains("8.617×10⁻⁵ eV/K")
          .contains("<script>alert(1)</script>")
          .contains("LOADED modules 199")
          .contains("page 1 of " + doc.getNumberOfPages());
      BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 50);
      java.nio.file.Path dir = java.nio.file.Path.of("target", "report-pages");
      java.nio.file.Files.createDirectories(dir);
      javax.imageio.ImageIO.write(
          new PDFRenderer(doc).renderImageWithDPI(0, 80),
          "png",
          dir.resolve("unit-page-1.png").toFile());
      assertThat(page.getWidth()).isGreaterThan(100);
      assertThat(inked(page)).as("the first page has text drawn on it").isGreaterThan(500);
    }
  }

  @Test
  void theHtmlRendersTablesAndEscapesTextThatLooksLikeHtml() {
    String html = ReportDocument.html(REPORT, "Campaign <C-1> report");
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<title>Campaign &lt;C-1&gt; report</title>")
        .contains("<h2>Statistics</h2>")
        .contains("<td>failure rate λ</td>")
        .contains("<strong>PASS</strong>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>");
  }

  @Test
  void csvCellsAreQuotedAndFormulasDisarmed() {
    assertThat(CampaignExport.cell("plain")).isEqualTo("plain");
    assertThat(CampaignExport.cell("a, b")).isEqualTo("\"a, b\"");
    assertThat(CampaignExport.cell("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
    assertThat(CampaignExport.cell("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
    assertThat(CampaignExport.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
  }

  private static int inked(BufferedImage image) {
    int n = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xff) < 128) {
          n++;
        }
      }
    }
    return n;
  }
}

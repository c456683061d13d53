package io.stressflow.workflows.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.workflows.plan.Leg;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The report's plots: what each draws, in the SVG and in the PDF. */
class ReportPlotsTest {

  private static final Leg.FailureCriteria CRITERIA =
      new Leg.FailureCriteria(2.0, 50.0, 3.0, true, null, null, null, null, null, null, 1.0);

  /**
   * Two modules of two lanes at the baseline (0 h) and read points at 500 and 1000 h; SR8-0002's
   * lane 2 loses Tx power: 1.0 → 0.80 → 0.50 mW, i.e. −0.97 and −3.01 dB.
   */
  static List<ReportPlots.Reading> readings() {
    List<ReportPlots.Reading> r = new ArrayList<>();
    for (String serial : List.of("SR8-0001", "SR8-0002")) {
      for (int lane = 1; lane <= 2; lane++) {
        boolean bad = serial.equals("SR8-0002") && lane == 2;
        r.add(new ReportPlots.Reading(serial, lane, true, 0, 6.0, 1.0, 0.8));
        r.add(new ReportPlots.Reading(serial, lane, false, 500, 6.1, bad ? 0.8 : 0.98, 0.79));
        r.add(new ReportPlots.Reading(serial, lane, false, 1000, 6.2, bad ? 0.5 : 0.97, 0.78));
      }
    }
    return r;
  }

  static List<Plot> drift() {
    return ReportPlots.drift("dh", false, readings(), Map.of("SR8-0002", Set.of(2)), CRITERIA);
  }

  @Test
  void drawsTelemetryInProfileTimeNotWallClockTime() {
    // the demo runs at 3600x: 54 s on the wall clock are 54 h of profile
    assertThat(
            ReportPlots.profileHours(
                java.time.Duration.ofSeconds(54), new io.stressflow.workflows.time.TimeScale(3600)))
        .isEqualTo(54.0);
    assertThat(
            ReportPlots.profileHours(
                java.time.Duration.ofMinutes(90), new io.stressflow.workflows.time.TimeScale(1)))
        .isEqualTo(1.5);
  }

  @Test
  void oneDriftPlotPerQuantityWithOnePolylinePerLane() {
    List<Plot> plots = drift();
    assertThat(plots)
        .extracting(Plot::title)
        .containsExactly(
            "Leg dh: Tx power change from baseline per lane",
            "Leg dh: Rx power change from baseline per lane",
            "Leg dh: Tx bias change from baseline per lane");
    String svg = plots.get(0).svg();
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    assertThat(elements(svg, "series"))
        .extracting(e -> attribute(e, "data-name"))
        .containsExactly(
            "SR8-0001 lane 1", "SR8-0001 lane 2", "SR8-0002 lane 1", "SR8-0002 lane 2");
    // axes with units, and the legend: the passing lanes once, the failed lane by name, the limits
    assertThat(svg)
        .contains(">hours at condition (h)</text>", ">Tx power change (dB)</text>")
        .contains(">lanes not failed</text>", ">failed: SR8-0002 lane 2</text>")
        .contains(">Tx drop limit −2 dB</text>", ">Tx drift limit ±1 dB</text>");
  }

  @Test
  void theFailedLaneIsRedAndTheLimitsAreDashedAtTheirValue() {
    String svg = drift().get(0).svg();
    List<String> series = elements(svg, "series");
    assertThat(series.get(3))
        .contains("stroke=\"" + Plot.Colour.FAILED.hex() + "\"")
        .contains("stroke-width=\"1.6\"");
    assertThat(series.subList(0, 3))
        .allSatisfy(e -> assertThat(e).contains("stroke=\"" + Plot.Colour.TRACE.hex() + "\""));
    // the limits: −2 (drop), +1 and −1 (drift), each dashed and level on the y gridline of its
    // value
    List<String> limits = elements(svg, "limit");
    assertThat(limits).extracting(e -> attribute(e, "data-name")).containsExactly("-2", "1", "-1");
    for (String limit : limits) {
      assertThat(limit).contains("stroke-dasharray");
      double[] y = ys(limit);
      assertThat(y[0]).isEqualTo(y[1]);
      assertThat(y[0]).isEqualTo(gridY(svg, attribute(limit, "data-name")));
    }
    // the failed lane ends at −3.01 dB: below the −2 dB limit, above the −4 gridline
    double[] failed = ys(series.get(3));
    assertThat(failed[0]).isEqualTo(gridY(svg, "0"));
    assertThat(failed[2]).isGreaterThan(gridY(svg, "-2")).isLessThan(gridY(svg, "-4"));
  }

  @Test
  void aModuleFailedWithoutLanesHasAllItsLanesHighlighted() {
    List<Plot> plots =
        ReportPlots.drift("dh", true, readings(), Map.of("SR8-0001", Set.of()), null);
    String svg = plots.get(0).svg();
    assertThat(svg).contains(">failed: SR8-0001 lane 1 (module)</text>", ">cycles</text>");
    assertThat(elements(svg, "limit")).isEmpty();
    assertThat(ReportPlots.lanes("[1, 3]")).containsExactly(1, 3);
    assertThat(ReportPlots.lanes("[]")).isEmpty();
  }

  @Test
  void theChamberProfileIsDecimatedKeepingEachIntervalsExtremes() {
    // 0 to 10 h once a minute at 85 °C, a 60 s spike to 95 °C at 5 h
    ReportPlots.Decimator d = new ReportPlots.Decimator(10, 20);
    for (int m = 0; m <= 600; m++) {
      double h = m / 60.0;
      d.add(new ReportPlots.Telemetry(h, 85, m == 300 ? 95 : 85.2, 84.8, 84.0 + (m % 2)));
    }
    assertThat(d.x(ReportPlots.Signal.AIR).length).isLessThanOrEqualTo(40);
    assertThat(d.y(ReportPlots.Signal.AIR)).contains(95.0);
    StressCondition dampHeat = condition();
    List<Plot> plots = ReportPlots.profile("dh", "chamber-2", d, dampHeat, false);
    assertThat(plots)
        .extracting(Plot::title)
        .containsExactly(
            "Leg dh: chamber chamber-2, temperature achieved against the setpoint",
            "Leg dh: chamber chamber-2, humidity achieved");
    String svg = plots.get(0).svg();
    assertThat(elements(svg, "series"))
        .extracting(e -> attribute(e, "data-name"))
        .containsExactly("setpoint", "air", "load");
    assertThat(elements(svg, "series").get(0)).contains("stroke-dasharray");
    assertThat(svg)
        .contains(">temperature (°C)</text>", ">profile time since the leg started (h)</text>")
        .contains(">air setpoint (planned)</text>", ">soak band 85 °C −2/+2 K</text>");
    assertThat(plots.get(1).svg())
        .contains(">planned 85 %RH</text>", ">relative humidity (%RH)</text>");
  }

  @Test
  void failuresAreCountedAgainstTheirCreditedTime() {
    Plot p =
        ReportPlots.failures(
            "tc",
            true,
            List.of(
                new ReportPlots.FailureTime("SR8-0003", 200, "CONFIRMED"),
                new ReportPlots.FailureTime("SR8-0001", 100, "COULD_NOT_DUPLICATE"),
                new ReportPlots.FailureTime("SR8-0002", 300, null)));
    String svg = p.svg();
    assertThat(svg).contains(">credited cycles</text>", ">failures (cumulative count)</text>");
    assertThat(svg.split("data-name=\"confirmed\"", -1)).hasSize(2);
    assertThat(svg.split("data-name=\"other\"", -1)).hasSize(3);
    assertThat(p.series().get(0).y()).containsExactly(2.0);
    assertThat(p.series().get(1).x()).containsExactly(100.0, 300.0);
  }

  @Test
  void thePdfDrawsThePlotsOnAPageOfTheirOwnSection() throws IOException {
    List<Plot> plots = new ArrayList<>(drift());
    ReportPlots.Decimator d = new ReportPlots.Decimator(10, 20);
    for (int m = 0; m <= 600; m++) {
      d.add(new ReportPlots.Telemetry(m / 60.0, 85, 85.2, 84.8, 85.0));
    }
    plots.addAll(0, ReportPlots.profile("dh", "chamber-2", d, condition(), false));
    byte[] pdf = ReportDocument.pdf(ReportDocumentTest.REPORT, "Campaign C-1 report", plots);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains("Plots")
          .contains("Leg dh: Tx power change from baseline per lane")
          .contains("hours at condition (h)")
          .contains("Tx drop limit −2 dB")
          .contains("failed: SR8-0002 lane 2")
          .contains("Leg dh: chamber chamber-2, humidity achieved");
      // the plots are drawn: the failed lane's red and the limits' orange are on the pages
      int last = doc.getNumberOfPages() - 1;
      BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(last, 100);
      Path out = Path.of("target/report-pages");
      Files.createDirectories(out);
      ImageIO.write(page, "png", out.resolve("plots-unit-test.png").toFile());
      int red = 0;
      int orange = 0;
      for (int x = 0; x < page.getWidth(); x++) {
        for (int y = 0; y < page.getHeight(); y++) {
          int rgb = page.getRGB(x, y) & 0xffffff;
          red += near(rgb, Plot.Colour.FAILED) ? 1 : 0;
          orange += near(rgb, Plot.Colour.LIMIT) ? 1 : 0;
        }
      }
      assertThat(red).isGreaterThan(20);
      assertThat(orange).isGreaterThan(20);
    }
    String html = ReportDocument.html(ReportDocumentTest.REPORT, "Campaign C-1 report", plots);
    assertThat(html).contains("<h2>Plots</h2>").contains("<figure><svg xmlns=");
    assertThat(html.split("<svg ", -1)).hasSize(plots.size() + 1);
  }

  private static StressCondition condition() {
    return new StressCondition(85.0, 85.0, null, 0, null, null, Map.of());
  }

  private static boolean near(int rgb, Plot.Colour c) {
    return Math.abs(((rgb >> 16) & 0xff) - c.r * 255) < 30
        && Math.abs(((rgb >> 8) & 0xff) - c.g * 255) < 30
        && Math.abs((rgb & 0xff) - c.b * 255) < 30;
  }

  static List<String> elements(String svg, String kind) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile("<polyline data-kind=\"" + kind + "\"[^>]*/>").matcher(svg);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  static String attribute(String element, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(element);
    return m.find() ? m.group(1) : null;
  }

  static double[] ys(String polyline) {
    String[] points = attribute(polyline, "points").split(" ");
    double[] y = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      y[i] = Double.parseDouble(points[i].split(",")[1]);
    }
    return y;
  }

  static double gridY(String svg, String value) {
    return elements(svg, "grid-y").stream()
        .filter(e -> value.equals(attribute(e, "data-name")))
        .mapToDouble(e -> ys(e)[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no gridline at " + value));
  }
}

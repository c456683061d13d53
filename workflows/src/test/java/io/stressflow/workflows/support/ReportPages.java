package io.stressflow.workflows.support;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A report's PDF as people see it: its pages turned into images by Poppler's {@code pdftoppm} (not
 * by the PDFBox that wrote it), the lines of text on each page with where they are, and what the
 * images show in a band of the page (how many pixels are drawn in a plot's colour, how many are not
 * white).
 */
public final class ReportPages {

  /** The resolution the pages are rendered at, dots per inch. */
  public static final int DPI = 60;

  private final List<BufferedImage> images;
  private final List<List<Line>> lines;

  /**
   * A line of text on a page.
   *
   * @param text the line.
   * @param top its baseline, points from the top of the page.
   */
  public record Line(String text, float top) {}

  private ReportPages(List<BufferedImage> images, List<List<Line>> lines) {
    this.images = images;
    this.lines = lines;
  }

  /**
   * Renders a PDF's pages with {@code pdftoppm -png -r 60} into {@code dir} and reads each page's
   * text.
   *
   * @param pdf the PDF.
   * @param dir where the page images go (created).
   * @return the pages.
   * @throws IllegalStateException when pdftoppm is missing or fails, or the page counts differ.
   */
  public static ReportPages render(Path pdf, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "pdftoppm",
                  "-png",
                  "-r",
                  Integer.toString(DPI),
                  pdf.toAbsolutePath().toString(),
                  "page")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Expected pdftoppm (Debian's poppler-utils) on the PATH to render the report, but: " + e,
          e);
    }
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("Expected pdftoppm to render " + pdf + " within 2 min");
    }
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "Expected pdftoppm to render %s, but it exited %d: %s"
              .formatted(pdf, p.exitValue(), said));
    }
    List<Path> pngs;
    try (Stream<Path> files = Files.list(dir)) {
      // page-1.png … or page-01.png …: pdftoppm pads to the width of the page count
      pngs =
          files
              .filter(f -> f.getFileName().toString().matches("page-\\d+\\.png"))
              .sorted()
              .toList();
    }
    List<BufferedImage> images = new ArrayList<>();
    for (Path png : pngs) {
      images.add(ImageIO.read(png.toFile()));
    }
    List<List<Line>> lines = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      if (doc.getNumberOfPages() != images.size()) {
        throw new IllegalStateException(
            "Expected pdftoppm to render all %d pages of %s, but it rendered %d"
                .formatted(doc.getNumberOfPages(), pdf, images.size()));
      }
      for (int i = 1; i <= doc.getNumberOfPages(); i++) {
        List<Line> page = new ArrayList<>();
        PDFTextStripper stripper =
            new PDFTextStripper() {
              @Override
              protected void writeString(String text, List<TextPosition> positions) {
                page.add(new Line(text, positions.isEmpty() ? 0 : positions.get(0).getYDirAdj()));
              }
            };
        stripper.setStartPage(i);
        stripper.setEndPage(i);
        stripper.getText(doc);
        lines.add(page);
      }
    }
    return new ReportPages(images, lines);
  }

  /** The number of pages. */
  public int size() {
    return images.size();
  }

  /** Page {@code i}'s image (from 0). */
  public BufferedImage image(int i) {
    return images.get(i);
  }

  /** Page {@code i}'s lines of text (from 0), top to bottom. */
  public List<Line> lines(int i) {
    return lines.get(i);
  }

  /** Page {@code i}'s text, a line each. */
  public String text(int i) {
    return String.join("\n", lines.get(i).stream().map(Line::text).toList());
  }

  /**
   * Where a line starting with {@code text} is.
   *
   * @return {page, line} (from 0), or null when no page has it.
   */
  public int[] find(String text) {
    for (int p = 0; p < lines.size(); p++) {
      for (int l = 0; l < lines.get(p).size(); l++) {
        if (lines.get(p).get(l).text().startsWith(text)) {
          return new int[] {p, l};
        }
      }
    }
    return null;
  }

  /**
   * The rows of a page image a line of text is printed in (from a little above its baseline to just
   * below it).
   *
   * @param at {page, line} as {@link #find} gives it.
   * @return {top pixel row, bottom pixel row}.
   */
  public int[] rows(int[] at) {
    float baseline = lines.get(at[0]).get(at[1]).top();
    return new int[] {px(baseline - 12), px(baseline + 3)};
  }

  /**
   * The band of a page a plot takes: from its title down to the next plot's title (less a line), or
   * the page's end.
   *
   * @param title how the plot's title starts.
   * @param nextTitle how the titles of other plots start (e.g. {@code "Leg "}).
   * @return {page, top pixel row, bottom pixel row}.
   * @throws AssertionError when no page has the title.
   */
  public int[] band(String title, String nextTitle) {
    int[] at = find(title);
    if (at == null) {
      throw new AssertionError("Expected a page with a line starting '" + title + "', but none");
    }
    List<Line> page = lines.get(at[0]);
    float top = page.get(at[1]).top();
    float bottom = Float.MAX_VALUE;
    for (int l = at[1] + 1; l < page.size(); l++) {
      Line line = page.get(l);
      if (line.top() > top && line.text().startsWith(nextTitle)) {
        bottom = line.top() - 12;
        break;
      }
    }
    BufferedImage image = images.get(at[0]);
    return new int[] {
      at[0],
      px(top),
      Math.min(image.getHeight(), bottom == Float.MAX_VALUE ? image.getHeight() : px(bottom))
    };
  }

  private static int px(float points) {
    return Math.round(points * DPI / 72f);
  }

  /**
   * How many pixels in rows [top, bottom) of page {@code page} are drawn in {@code rgb} or in a
   * blend of it with white (a thin line's anti-aliased edge), at least half of it.
   *
   * @param rgb the colour, 0xRRGGBB.
   */
  public int pixelsOf(int page, int top, int bottom, int rgb) {
    BufferedImage image = images.get(page);
    double[] c = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
    int n = 0;
    for (int y = Math.max(0, top); y < Math.min(bottom, image.getHeight()); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        double[] v = {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
        // v = white + a (c − white): a from the channel that moves most, the others must agree
        int k = 0;
        for (int i = 1; i < 3; i++) {
          if (255 - c[i] > 255 - c[k]) {
            k = i;
          }
        }
        double a = (255 - v[k]) / (255 - c[k]);
        if (a < 0.5 || a > 1.1) {
          continue;
        }
        boolean on = true;
        for (int i = 0; i < 3; i++) {
          on &= Math.abs(255 - a * (255 - c[i]) - v[i]) <= 12;
        }
        n += on ? 1 : 0;
      }
    }
    return n;
  }

  /** How many pixels of page {@code page} are not white (anything drawn or written). */
  public int inked(int page) {
    return inked(page, 0, images.get(page).getHeight());
  }

  /**
   * How many pixels in rows [top, bottom) of page {@code page} are not white.
   *
   * @param page the page, from 0.
   * @param top the first row.
   * @param bottom the row after the last.
   */
  public int inked(int page, int top, int bottom) {
    BufferedImage image = images.get(page);
    int n = 0;
    for (int y = Math.max(0, top); y < Math.min(bottom, image.getHeight()); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xffffff) == 0xffffff ? 0 : 1;
      }
    }
    return n;
  }
}

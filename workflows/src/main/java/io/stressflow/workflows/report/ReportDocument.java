package io.stressflow.workflows.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The report in its other formats, rendered from its Markdown so every format says the same: HTML
 * (a page of its own, raw HTML in the text escaped) and PDF (A4, DejaVu Sans embedded, tables with
 * wrapped cells, page numbers).
 */
public final class ReportDocument {

  private static final List<org.commonmark.Extension> EXTENSIONS =
      List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer HTML =
      HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();

  private static final String STYLE =
      "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:60em;margin:2em auto;"
          + "padding:0 1em;color:#222;font-size:14px}table{border-collapse:collapse;margin:.5em 0}"
          + "th,td{border:1px solid #bbb;padding:.2em .5em;vertical-align:top;text-align:left}"
          + "th{background:#eee}h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:1px solid #ccc}"
          + "h3{font-size:1.1em}code{font-size:.95em}";

  private ReportDocument() {}

  /**
   * The report as an HTML page.
   *
   * @param markdown the report.
   * @param title the page's title.
   * @return a whole HTML document.
   */
  public static String html(String markdown, String title) {
    return html(markdown, title, List.of());
  }

  /**
   * The report as an HTML page, with plots (SVG) after its text.
   *
   * @param markdown the report.
   * @param title the page's title.
   * @param plots the plots, none for no Plots section.
   * @return a whole HTML document.
   */
  public static String html(String markdown, String title, List<Plot> plots) {
    StringBuilder figures = new StringBuilder();
    if (!plots.isEmpty()) {
      figures.append("<h2>Plots</h2>\n");
      for (Plot p : plots) {
        figures.append("<figure>").append(p.svg()).append("</figure>\n");
      }
    }
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body>\n"
        + HTML.render(PARSER.parse(markdown))
        + figures
        + "</body></html>\n";
  }

  /**
   * The report as a PDF.
   *
   * @param markdown the report.
   * @param title the document's title (also in each page's footer).
   * @return the PDF's bytes.
   */
  public static byte[] pdf(String markdown, String title) {
    return pdf(markdown, title, List.of());
  }

  /**
   * The report as a PDF, with plots (vector graphics) after its text.
   *
   * @param markdown the report.
   * @param title the document's title (also in each page's footer).
   * @param plots the plots, none for no Plots section.
   * @return the PDF's bytes.
   */
  public static byte[] pdf(String markdown, String title, List<Plot> plots) {
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(title);
      info.setCreator("Stressflow");
      Pdf pdf = new Pdf(doc, font(doc, "DejaVuSans.ttf"), font(doc, "DejaVuSans-Bold.ttf"));
      for (Node n = PARSER.parse(markdown).getFirstChild(); n != null; n = n.getNext()) {
        pdf.block(n);
      }
      if (!plots.isEmpty()) {
        pdf.block(PARSER.parse("## Plots").getFirstChild());
        for (Plot p : plots) {
          pdf.plot(p);
        }
      }
      pdf.finish(title);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to write the report's PDF in memory, but: " + e, e);
    }
  }

  private static PDFont font(PDDocument doc, String file) throws IOException {
    try (InputStream in = ReportDocument.class.getResourceAsStream("/report/fonts/" + file)) {
      if (in == null) {
        throw new IOException("the font " + file + " is missing from the application");
      }
      return PDType0Font.load(doc, in, true);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** A piece of text in one font. */
  private record Run(String text, boolean bold) {}

  /** Lays the blocks out on A4 pages, top to bottom. */
  private static final class Pdf {
    static final float MARGIN = 50;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    static final float BODY = 9.5f;
    static final float TABLE = 7.5f;

    final PDDocument doc;
    final PDFont regular;
    final PDFont bold;
    final Map<Integer, Boolean> glyphs = new HashMap<>();
    PDPageContentStream out;
    float y;

    Pdf(PDDocument doc, PDFont regular, PDFont bold) throws IOException {
      this.doc = doc;
      this.regular = regular;
      this.bold = bold;
      newPage();
    }

    void newPage() throws IOException {
      if (out != null) {
        out.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      out = new PDPageContentStream(doc, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    void need(float height) throws IOException {
      if (y - height < MARGIN + 20) {
        newPage();
      }
    }

    void block(Node n) throws IOException {
      if (n instanceof Heading h) {
        float size = h.getLevel() == 1 ? 16 : h.getLevel() == 2 ? 13 : 11;
        y -= size * 0.8f;
        // a heading starts a page rather than end one alone
        need(size * 2 + 60);
        paragraph(runs(h, true), size, 0);
        y -= 3;
      } else if (n instanceof Paragraph) {
        paragraph(runs(n, false), BODY, 0);
        y -= 5;
      } else if (n instanceof BulletList || n instanceof OrderedList) {
        int k = 1;
        for (Node item = n.getFirstChild(); item != null; item = item.getNext()) {
          List<Run> runs = new ArrayList<>();
          runs.add(new Run(n instanceof BulletList ? "•  " : (k++) + ".  ", false));
          for (Node c = item.getFirstChild(); c != null; c = c.getNext()) {
            runs.addAll(runs(c, false));
          }
          paragraph(runs, BODY, 12);
          y -= 2;
        }
        y -= 4;
      } else if (n instanceof TableBlock) {
        table(n);
        y -= 6;
      } else if (n instanceof HtmlBlock html) {
        paragraph(List.of(new Run(html.getLiteral(), false)), BODY, 0);
        y -= 5;
      } else {
        paragraph(runs(n, false), BODY, 0);
        y -= 5;
      }
    }

    List<Run> runs(Node node, boolean bold) {
      List<Run> runs = new ArrayList<>();
      collect(node, bold, runs);
      return runs;
    }

    void collect(Node node, boolean strong, List<Run> runs) {
      for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
        if (c instanceof Text t) {
          runs.add(new Run(t.getLiteral(), strong));
        } else if (c instanceof Code code) {
          runs.add(new Run(code.getLiteral(), strong));
        } else if (c instanceof HtmlInline html) {
          // text that looks like HTML is text in a report
          runs.add(new Run(html.getLiteral(), strong));
        } else if (c instanceof SoftLineBreak || c instanceof HardLineBreak) {
          runs.add(new Run(" ", strong));
        } else {
          collect(c, strong || c instanceof StrongEmphasis, runs);
        }
      }
    }

    /** Wraps runs into lines of at most {@code width} and returns the lines' words with fonts. */
    List<List<Run>> lines(List<Run> runs, float size, float width) throws IOException {
      List<List<Run>> lines = new ArrayList<>();
      List<Run> line = new ArrayList<>();
      float x = 0;
      for (Run run : runs) {
        String text = printable(run.text(), run.bold() ? bold : regular);
        PDFont f = run.bold() ? bold : regular;
        for (String word : text.split("(?<= )")) {
          if (word.isEmpty()) {
            continue;
          }
          float w = width(f, word, size);
          // half a point of slack: a cell measured to fit its words must not wrap on rounding
          if (x + width(f, word.stripTrailing(), size) > width + 0.5f && !line.isEmpty()) {
            lines.add(line);
            line = new ArrayList<>();
            x = 0;
          }
          while (width(f, word.stripTrailing(), size) > width + 0.5f && word.length() > 1) {
            // a word wider than the column: break it where it fills the line
            int cut = word.length() - 1;
            while (cut > 1 && width(f, word.substring(0, cut), size) > width - x) {
              cut--;
            }
            line.add(new Run(word.substring(0, cut), run.bold()));
            lines.add(line);
            line = new ArrayList<>();
            x = 0;
            word = word.substring(cut);
            w = width(f, word, size);
          }
          line.add(new Run(word, run.bold()));
          x += w;
        }
      }
      if (!line.isEmpty()) {
        lines.add(line);
      }
      return lines;
    }

    void paragraph(List<Run> runs, float size, float indent) throws IOException {
      float leading = size * 1.35f;
      for (List<Run> line : lines(runs, size, WIDTH - indent)) {
        need(leading);
        y -= leading;
        write(line, MARGIN + indent, y, size);
      }
    }

    void write(List<Run> line, float x, float baseline, float size) throws IOException {
      out.beginText();
      out.newLineAtOffset(x, baseline);
      for (Run r : line) {
        out.setFont(r.bold() ? bold : regular, size);
        out.showText(r.text());
      }
      out.endText();
    }

    void table(Node table) throws IOException {
      List<List<List<Run>>> rows = new ArrayList<>();
      List<Boolean> header = new ArrayList<>();
      for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
        for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
          List<List<Run>> cells = new ArrayList<>();
          for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
            cells.add(runs(cell, part instanceof TableHead || isHeader(cell)));
          }
          rows.add(cells);
          header.add(part instanceof TableHead);
        }
      }
      int columns = rows.stream().mapToInt(List::size).max().orElse(0);
      if (columns == 0) {
        return;
      }
      float pad = 3;
      float[] natural = new float[columns];
      for (List<List<Run>> row : rows) {
        for (int i = 0; i < row.size(); i++) {
          float w = 0;
          for (Run r : row.get(i)) {
            w += width(r.bold() ? bold : regular, printable(r.text(), regular), TABLE);
          }
          natural[i] = Math.max(natural[i], Math.min(w, 400) + 2 * pad);
        }
      }
      float[] widths = fit(natural, WIDTH);
      float leading = TABLE * 1.3f;
      List<List<List<List<Run>>>> laidOut = new ArrayList<>();
      List<Float> heights = new ArrayList<>();
      for (List<List<Run>> row : rows) {
        List<List<List<Run>>> cellLines = new ArrayList<>();
        int most = 1;
        for (int i = 0; i < columns; i++) {
          List<List<Run>> l =
              i < row.size() ? lines(row.get(i), TABLE, widths[i] - 2 * pad) : List.of();
          cellLines.add(l);
          most = Math.max(most, l.size());
        }
        laidOut.add(cellLines);
        heights.add(most * leading + 2 * pad);
      }
      for (int r = 0; r < rows.size(); r++) {
        boolean head = header.get(r);
        // a header row stays with the first row below it
        float height = heights.get(r);
        float keep = head && r + 1 < rows.size() ? height + heights.get(r + 1) : height;
        if (y - keep < MARGIN + 20) {
          newPage();
          if (!head) {
            // the table goes on: its header again at the top of the page
            for (int k = 0; k < r && header.get(k); k++) {
              row(laidOut.get(k), widths, heights.get(k), true, pad, leading);
            }
          }
        }
        row(laidOut.get(r), widths, height, head, pad, leading);
      }
    }

    void row(
        List<List<List<Run>>> cellLines,
        float[] widths,
        float height,
        boolean head,
        float pad,
        float leading)
        throws IOException {
      int columns = widths.length;
      float x = MARGIN;
      if (head) {
        out.setNonStrokingColor(0.92f, 0.92f, 0.92f);
        out.addRect(MARGIN, y - height, sum(widths), height);
        out.fill();
        out.setNonStrokingColor(0f, 0f, 0f);
      }
      for (int i = 0; i < columns; i++) {
        out.setLineWidth(0.4f);
        out.addRect(x, y - height, widths[i], height);
        out.stroke();
        float baseline = y - pad - TABLE;
        for (List<Run> line : cellLines.get(i)) {
          write(line, x + pad, baseline, TABLE);
          baseline -= leading;
        }
        x += widths[i];
      }
      y -= height;
    }

    boolean isHeader(Node cell) {
      return cell instanceof TableCell c && c.isHeader();
    }

    /** Column widths that fit: narrow columns keep their width, wide ones share what is left. */
    static float[] fit(float[] natural, float total) {
      float[] w = natural.clone();
      if (sum(w) <= total) {
        return w;
      }
      boolean[] fixed = new boolean[w.length];
      while (true) {
        float left = total;
        int open = 0;
        for (int i = 0; i < w.length; i++) {
          if (fixed[i]) {
            left -= w[i];
          } else {
            open++;
          }
        }
        float share = open == 0 ? 0 : left / open;
        boolean changed = false;
        for (int i = 0; i < w.length; i++) {
          if (!fixed[i] && natural[i] <= share) {
            fixed[i] = true;
            w[i] = natural[i];
            changed = true;
          }
        }
        if (!changed) {
          for (int i = 0; i < w.length; i++) {
            if (!fixed[i]) {
              w[i] = Math.max(share, 20);
            }
          }
          return w;
        }
      }
    }

    static float sum(float[] w) {
      float s = 0;
      for (float x : w) {
        s += x;
      }
      return s;
    }

    float width(PDFont f, String s, float size) throws IOException {
      return f.getStringWidth(s) / 1000 * size;
    }

    /** The text with control characters as spaces and characters the font lacks as '?'. */
    String printable(String text, PDFont f) {
      StringBuilder b = new StringBuilder(text.length());
      text.codePoints()
          .forEach(
              cp -> {
                if (Character.isISOControl(cp)) {
                  b.append(' ');
                } else if (glyphs.computeIfAbsent(cp, c -> encodes(f, c))) {
                  b.appendCodePoint(cp);
                } else {
                  b.append('?');
                }
              });
      return b.toString();
    }

    boolean encodes(PDFont f, int cp) {
      try {
        f.encode(new String(Character.toChars(cp)));
        return true;
      } catch (IOException | IllegalArgumentException e) {
        return false;
      }
    }

    /** A plot, the whole width, on this page if it fits. */
    void plot(Plot p) throws IOException {
      PdfCanvas canvas = new PdfCanvas();
      double height = p.height(canvas);
      need((float) height + 8);
      canvas.top = y - 4;
      p.draw(canvas);
      y -= (float) height + 8;
    }

    /** Draws a plot on the page with its top-left corner at ({@link #MARGIN}, top). */
    final class PdfCanvas implements Plot.Canvas {
      float top;

      float px(double x) {
        return MARGIN + (float) x;
      }

      float py(double y) {
        return top - (float) y;
      }

      void colour(Plot.Colour c) throws IOException {
        out.setStrokingColor((float) c.r, (float) c.g, (float) c.b);
        out.setNonStrokingColor((float) c.r, (float) c.g, (float) c.b);
      }

      @Override
      public void line(
          double[] x,
          double[] y,
          Plot.Colour c,
          double width,
          boolean dashed,
          String kind,
          String name) {
        try {
          colour(c);
          out.setLineWidth((float) width);
          out.setLineDashPattern(dashed ? new float[] {5, 3} : new float[0], 0);
          out.moveTo(px(x[0]), py(y[0]));
          for (int i = 1; i < x.length; i++) {
            out.lineTo(px(x[i]), py(y[i]));
          }
          if (x.length == 1) {
            out.lineTo(px(x[0]) + 0.01f, py(y[0]));
          }
          out.stroke();
          out.setLineDashPattern(new float[0], 0);
          colour(Plot.Colour.SETPOINT);
          out.setNonStrokingColor(0f, 0f, 0f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void dot(double x, double y, double radius, Plot.Colour c, String name) {
        try {
          colour(c);
          float r = (float) radius;
          float cx = px(x);
          float cy = py(y);
          // a circle from four Bézier arcs
          float k = 0.5523f * r;
          out.moveTo(cx + r, cy);
          out.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
          out.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
          out.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
          out.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
          out.fill();
          out.setNonStrokingColor(0f, 0f, 0f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void text(
          double x,
          double y,
          String s,
          double size,
          Plot.Anchor a,
          boolean vertical,
          boolean strong) {
        try {
          PDFont f = strong ? bold : regular;
          String text = printable(s, f);
          float w = width(f, text, (float) size);
          float shift = a == Plot.Anchor.START ? 0 : a == Plot.Anchor.MIDDLE ? w / 2 : w;
          out.setNonStrokingColor(0f, 0f, 0f);
          out.beginText();
          out.setFont(f, (float) size);
          if (vertical) {
            // reads upwards, centred on (x, y) like the SVG's rotate(-90)
            out.setTextMatrix(
                org.apache.pdfbox.util.Matrix.getRotateInstance(Math.PI / 2, px(x), py(y) - shift));
          } else {
            out.newLineAtOffset(px(x) - shift, py(y));
          }
          out.showText(text);
          out.endText();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public double textWidth(String s, double size) {
        try {
          return width(regular, printable(s, regular), (float) size);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    void finish(String title) throws IOException {
      out.close();
      int pages = doc.getNumberOfPages();
      for (int i = 0; i < pages; i++) {
        try (PDPageContentStream footer =
            new PDPageContentStream(
                doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
          footer.beginText();
          footer.setFont(regular, 7.5f);
          footer.newLineAtOffset(MARGIN, MARGIN - 20);
          footer.showText(printable("%s · page %d of %d".formatted(title, i + 1, pages), regular));
          footer.endText();
        }
      }
    }
  }
}

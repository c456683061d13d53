package io.stressflow.workflows.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart for the report, drawn the same way as SVG (in the HTML) and as vector graphics (in
 * the PDF): axes with their labels and units, a grid at the ticks, the series, limits as dashed
 * lines, and a legend below.
 *
 * @param title above the chart.
 * @param xLabel the x axis, with its unit.
 * @param yLabel the y axis, with its unit.
 * @param series the lines (and markers), drawn in order: highlighted ones last.
 * @param limits horizontal dashed lines.
 */
public record Plot(
    String title, String xLabel, String yLabel, List<Series> series, List<Limit> limits) {

  /** The chart's size in drawing units (points in the PDF, CSS pixels in the HTML). */
  public static final double WIDTH = 495;

  private static final double HEIGHT = 230;
  private static final double LEFT = 52;
  private static final double RIGHT = 12;
  private static final double TOP = 22;
  private static final double FONT = 8;
  private static final double LEGEND_LINE = 12;

  /** Colours, as RGB. */
  public enum Colour {
    TRACE(0.55, 0.62, 0.72),
    FAILED(0.84, 0.10, 0.11),
    LIMIT(0.80, 0.35, 0.0),
    SETPOINT(0.1, 0.1, 0.1),
    AIR(0.12, 0.47, 0.71),
    LOAD(0.90, 0.50, 0.05),
    HUMIDITY(0.17, 0.63, 0.17),
    GRID(0.88, 0.88, 0.88),
    AXIS(0.2, 0.2, 0.2);

    final double r;
    final double g;
    final double b;

    Colour(double r, double g, double b) {
      this.r = r;
      this.g = g;
      this.b = b;
    }

    String hex() {
      return String.format(
          Locale.ROOT,
          "#%02x%02x%02x",
          Math.round(r * 255),
          Math.round(g * 255),
          Math.round(b * 255));
    }

    /**
     * The colour as drawn.
     *
     * @return 0xRRGGBB.
     */
    public int rgb() {
      return Integer.parseInt(hex().substring(1), 16);
    }
  }

  /**
   * A series.
   *
   * @param label in the legend (series with the same label share one entry), or null for none.
   * @param name what the series is, e.g. {@code SR8-0012 lane 2} (in the SVG's data).
   * @param x x values.
   * @param y y values; NaN breaks the line.
   * @param colour its colour.
   * @param width line width.
   * @param dashed a dashed line.
   * @param markers a dot at each point, and no line.
   */
  public record Series(
      String label,
      String name,
      double[] x,
      double[] y,
      Colour colour,
      double width,
      boolean dashed,
      boolean markers) {

    /** A thin solid line. */
    public static Series line(String label, String name, double[] x, double[] y, Colour c) {
      return new Series(label, name, x, y, c, c == Colour.FAILED ? 1.6 : 0.8, false, false);
    }
  }

  /**
   * A horizontal limit.
   *
   * @param y where.
   * @param label in the legend.
   */
  public record Limit(double y, String label) {}

  /** Text anchors. */
  enum Anchor {
    START,
    MIDDLE,
    END
  }

  /** What a chart is drawn on; y grows downwards from the chart's top. */
  interface Canvas {
    void line(
        double[] x, double[] y, Colour c, double width, boolean dashed, String kind, String name);

    void dot(double x, double y, double radius, Colour c, String name);

    void text(double x, double y, String s, double size, Anchor a, boolean vertical, boolean bold);

    double textWidth(String s, double size);
  }

  /**
   * The chart's height with its legend, as laid out on a canvas.
   *
   * @param c the canvas (its text widths).
   * @return drawing units.
   */
  double height(Canvas c) {
    return HEIGHT + legendRows(c).size() * LEGEND_LINE + 6;
  }

  /** The data's range on each axis, widened to round ticks. */
  record Axis(double min, double max, double step) {

    static Axis of(double lo, double hi) {
      if (!(hi > lo)) {
        double pad = Math.max(1, Math.abs(lo) * 0.1);
        lo -= pad;
        hi += pad;
      }
      double raw = (hi - lo) / 5;
      double mag = Math.pow(10, Math.floor(Math.log10(raw)));
      double step =
          raw / mag <= 1 ? mag : raw / mag <= 2 ? 2 * mag : raw / mag <= 5 ? 5 * mag : 10 * mag;
      return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
    }

    List<Double> ticks() {
      List<Double> t = new ArrayList<>();
      for (int i = 0; min + i * step <= max + step * 1e-9; i++) {
        // rounded to the step, so 0.30000000000000004 is labelled 0.3
        t.add(Math.round((min + i * step) / step) * step);
      }
      return t;
    }

    String label(double v) {
      int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
      return String.format(Locale.ROOT, "%." + decimals + "f", v == 0 ? 0.0 : v);
    }
  }

  Axis xAxis() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : s.x()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return Double.isFinite(lo) ? Axis.of(Math.min(lo, 0), hi) : Axis.of(0, 1);
  }

  Axis yAxis() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : s.y()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    for (Limit l : limits) {
      lo = Math.min(lo, l.y());
      hi = Math.max(hi, l.y());
    }
    if (!Double.isFinite(lo)) {
      return Axis.of(0, 1);
    }
    // a little room, so a limit at the data's edge is not drawn on the axis
    double pad = (hi - lo) * 0.03;
    return Axis.of(lo - pad, hi + pad);
  }

  /**
   * Draws the chart.
   *
   * @param c the canvas.
   */
  void draw(Canvas c) {
    Axis xa = xAxis();
    Axis ya = yAxis();
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - 34;
    java.util.function.DoubleUnaryOperator px =
        v -> LEFT + (v - xa.min()) / (xa.max() - xa.min()) * plotW;
    java.util.function.DoubleUnaryOperator py =
        v -> TOP + (ya.max() - v) / (ya.max() - ya.min()) * plotH;
    c.text(LEFT, 12, title, FONT + 1.5, Anchor.START, false, true);
    for (double t : ya.ticks()) {
      double y = py.applyAsDouble(t);
      c.line(
          new double[] {LEFT, LEFT + plotW},
          new double[] {y, y},
          Colour.GRID,
          0.5,
          false,
          "grid-y",
          ya.label(t));
      c.text(LEFT - 4, y + 2.8, ya.label(t), FONT, Anchor.END, false, false);
    }
    for (double t : xa.ticks()) {
      double x = px.applyAsDouble(t);
      c.line(
          new double[] {x, x},
          new double[] {TOP, TOP + plotH},
          Colour.GRID,
          0.5,
          false,
          "grid-x",
          xa.label(t));
      c.text(x, TOP + plotH + 11, xa.label(t), FONT, Anchor.MIDDLE, false, false);
    }
    c.line(
        new double[] {LEFT, LEFT, LEFT + plotW},
        new double[] {TOP, TOP + plotH, TOP + plotH},
        Colour.AXIS,
        0.8,
        false,
        "axis",
        "axes");
    c.text(LEFT + plotW / 2, TOP + plotH + 24, xLabel, FONT, Anchor.MIDDLE, false, false);
    c.text(12, TOP + plotH / 2, yLabel, FONT, Anchor.MIDDLE, true, false);
    for (Series s : series) {
      if (s.markers()) {
        for (int i = 0; i < s.x().length; i++) {
          if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
            c.dot(
                px.applyAsDouble(s.x()[i]), py.applyAsDouble(s.y()[i]), 2.5, s.colour(), s.name());
          }
        }
        continue;
      }
      // one polyline per series: a NaN leaves its point out
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
          pts.add(new double[] {px.applyAsDouble(s.x()[i]), py.applyAsDouble(s.y()[i])});
        }
      }
      if (!pts.isEmpty()) {
        c.line(
            pts.stream().mapToDouble(p -> p[0]).toArray(),
            pts.stream().mapToDouble(p -> p[1]).toArray(),
            s.colour(),
            s.width(),
            s.dashed(),
            "series",
            s.name());
      }
    }
    for (Limit l : limits) {
      double y = py.applyAsDouble(l.y());
      c.line(
          new double[] {LEFT, LEFT + plotW},
          new double[] {y, y},
          Colour.LIMIT,
          1.1,
          true,
          "limit",
          LegStatistics.num(l.y()));
    }
    double y = HEIGHT + 2;
    for (List<LegendEntry> row : legendRows(c)) {
      for (LegendEntry e : row) {
        double x = e.x();
        if (e.markers()) {
          c.dot(x + 8, y, 2.5, e.colour(), "legend");
        } else {
          c.line(
              new double[] {x, x + 16},
              new double[] {y, y},
              e.colour(),
              Math.max(e.width(), 1),
              e.dashed(),
              "legend",
              e.label());
        }
        c.text(x + 20, y + 2.8, e.label(), FONT, Anchor.START, false, false);
      }
      y += LEGEND_LINE;
    }
  }

  private record LegendEntry(
      String label, Colour colour, double width, boolean dashed, boolean markers, double x) {}

  /** The legend's entries, once per label, in rows that fit the width. */
  private List<List<LegendEntry>> legendRows(Canvas c) {
    List<LegendEntry> entries = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Series s : series) {
      if (s.label() != null && !seen.contains(s.label())) {
        seen.add(s.label());
        entries.add(new LegendEntry(s.label(), s.colour(), s.width(), s.dashed(), s.markers(), 0));
      }
    }
    for (Limit l : limits) {
      if (!seen.contains(l.label())) {
        seen.add(l.label());
        entries.add(new LegendEntry(l.label(), Colour.LIMIT, 1.1, true, false, 0));
      }
    }
    List<List<LegendEntry>> rows = new ArrayList<>();
    List<LegendEntry> row = new ArrayList<>();
    double x = LEFT;
    for (LegendEntry e : entries) {
      double w = 20 + c.textWidth(e.label(), FONT) + 12;
      if (x + w > WIDTH && !row.isEmpty()) {
        rows.add(row);
        row = new ArrayList<>();
        x = LEFT;
      }
      row.add(new LegendEntry(e.label(), e.colour(), e.width(), e.dashed(), e.markers(), x));
      x += w;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  /**
   * The chart as an SVG element, to put in an HTML page. Each line carries its kind ({@code
   * series}, {@code limit}, {@code grid-y}, …) and name in {@code data-} attributes.
   *
   * @return an {@code <svg>} element.
   */
  public String svg() {
    Svg s = new Svg();
    draw(s);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %s %s\" width=\"%s\" role=\"img\""
            .formatted(n(WIDTH), n(height(s)), n(WIDTH * 1.4))
        + " aria-label=\"%s\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"><title>%s</title>\n"
            .formatted(escape(title), escape(title))
        + s.body
        + "</svg>\n";
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  static String n(double v) {
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
  }

  /** Writes SVG elements. */
  private static final class Svg implements Canvas {
    final StringBuilder body = new StringBuilder();

    @Override
    public void line(
        double[] x, double[] y, Colour c, double width, boolean dashed, String kind, String name) {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < x.length; i++) {
        points.append(i == 0 ? "" : " ").append(n(x[i])).append(',').append(n(y[i]));
      }
      body.append(
          "<polyline data-kind=\"%s\" data-name=\"%s\" points=\"%s\" fill=\"none\" stroke=\"%s\""
                  .formatted(kind, escape(name), points, c.hex())
              + " stroke-width=\"%s\"%s/>\n"
                  .formatted(n(width), dashed ? " stroke-dasharray=\"5,3\"" : ""));
    }

    @Override
    public void dot(double x, double y, double radius, Colour c, String name) {
      body.append(
          "<circle data-kind=\"marker\" data-name=\"%s\" cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"/>\n"
              .formatted(escape(name), n(x), n(y), n(radius), c.hex()));
    }

    @Override
    public void text(
        double x, double y, String s, double size, Anchor a, boolean vertical, boolean bold) {
      body.append(
          "<text x=\"%s\" y=\"%s\" font-size=\"%s\" text-anchor=\"%s\"%s%s>%s</text>\n"
              .formatted(
                  n(x),
                  n(y),
                  n(size),
                  a.name().toLowerCase(Locale.ROOT),
                  vertical ? " transform=\"rotate(-90 %s %s)\"".formatted(n(x), n(y)) : "",
                  bold ? " font-weight=\"bold\"" : "",
                  escape(s)));
    }

    @Override
    public double textWidth(String s, double size) {
      // DejaVu Sans averages a little over half an em a character
      return s.length() * size * 0.58;
    }
  }
}

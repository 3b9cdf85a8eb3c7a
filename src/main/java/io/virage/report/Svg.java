package io.virage.report;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report: horizontal (stacked) bars and line charts. Pure string
 * building, no script and no external resource, so the page renders offline in any browser. Every
 * mark carries the class {@code mark} and a {@code <title>} (the browser's tooltip).
 */
final class Svg {
  private Svg() {}

  /** Tableau 10: distinguishable, and readable for the common colour-vision deficiencies. */
  static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
      "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");

  static final int WIDTH = 820;
  private static final int LABEL_WIDTH = 260;
  private static final int VALUE_WIDTH = 150;
  private static final int BAR = 18;
  private static final int GAP = 6;

  /** One part of a bar. */
  record Segment(double value, String color, String tooltip) {}

  /** One bar: its label on the left, its segments stacked left to right, a text on the right. */
  record Bar(String label, List<Segment> segments, String valueText) {}

  /** A legend entry. */
  record Key(String name, String color) {}

  /** A line: one y per x label (NaN for no value). */
  record Series(String name, String color, double[] y) {}

  /** Horizontal bars, stacked when a bar has several segments; {@code max} is the full-width value. */
  static String bars(String title, List<Bar> bars, double max, List<Key> legend) {
    int legendHeight = legend.isEmpty() ? 0 : 8 + 16 * legendRows(legend, LABEL_WIDTH);
    int height = 30 + legendHeight + bars.size() * (BAR + GAP) + 10;
    int plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    StringBuilder b = open(title, height);
    int y = 30;
    if (!legend.isEmpty()) {
      b.append(legend(legend, LABEL_WIDTH, y));
      y += legendHeight;
    }
    double scale = max > 0 ? plot / max : 0;
    for (Bar bar : bars) {
      b.append(text(LABEL_WIDTH - 8, y + BAR - 5, "end", bar.label()));
      double x = LABEL_WIDTH;
      for (Segment s : bar.segments()) {
        double w = Math.max(0, s.value()) * scale;
        if (w > 0) {
          b.append(String.format(Locale.ROOT,
              "<rect class=\"mark\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>",
              x, y, w, BAR, s.color(), esc(s.tooltip())));
        }
        x += w;
      }
      b.append(text((int) Math.ceil(x) + 6, y + BAR - 5, "start", bar.valueText()));
      y += BAR + GAP;
    }
    return b.append("</svg>").toString();
  }

  /** Lines over shared x labels, y axis from yMin to yMax with a zero line when 0 is inside. */
  static String lines(String title, List<String> xLabels, List<Series> series, double yMin, double yMax, String yLabel) {
    int height = 250;
    int left = 56;
    int right = WIDTH - 20;
    List<Key> keys = series.stream().map(s -> new Key(s.name(), s.color())).toList();
    int top = 38 + 16 * legendRows(keys, left);
    int bottom = height - 40;
    StringBuilder b = open(title, height);
    b.append(legend(keys, left, 30));
    double dx = xLabels.size() > 1 ? (right - left) / (double) (xLabels.size() - 1) : 0;
    java.util.function.DoubleUnaryOperator yOf = v -> bottom - (v - yMin) / (yMax - yMin) * (bottom - top);
    for (double tick : new double[] {yMin, (yMin + yMax) / 2, yMax}) {
      double ty = yOf.applyAsDouble(tick);
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", left, right,
          ty, ty, tick == 0 ? "#888" : "#e4e4e4"));
      b.append(text(left - 6, (int) ty + 4, "end", String.format(Locale.ROOT, "%+.1f", tick)));
    }
    if (yMin < 0 && yMax > 0) {
      double zy = yOf.applyAsDouble(0);
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>", left,
          right, zy, zy));
    }
    int every = Math.max(1, xLabels.size() / 7);
    for (int i = 0; i < xLabels.size(); i += every) {
      b.append(text((int) Math.round(left + i * dx), bottom + 18, "middle", xLabels.get(i)));
    }
    b.append(text(12, (top + bottom) / 2, "middle", yLabel).replace("<text ",
        "<text transform=\"rotate(-90 12 " + (top + bottom) / 2 + ")\" "));
    for (Series s : series) {
      StringBuilder path = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < s.y().length; i++) {
        if (Double.isNaN(s.y()[i])) {
          pen = false;
          continue;
        }
        double px = left + i * dx;
        double py = yOf.applyAsDouble(Math.max(yMin, Math.min(yMax, s.y()[i])));
        path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
        pen = true;
        b.append(String.format(Locale.ROOT,
            "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s %s: %+.2f</title></circle>",
            px, py, s.color(), esc(s.name()), esc(xLabels.get(i)), s.y()[i]));
      }
      if (path.length() > 0) {
        b.append("<path class=\"mark\" fill=\"none\" stroke-width=\"2\" stroke=\"").append(s.color()).append("\" d=\"")
            .append(path.toString().trim()).append("\"/>");
      }
    }
    return b.append("</svg>").toString();
  }

  private static StringBuilder open(String title, int height) {
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\" font-family=\"sans-serif\" font-size=\"12\">");
    b.append("<title>").append(esc(title)).append("</title>");
    b.append("<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">").append(esc(title)).append("</text>");
    return b;
  }

  /** Rows the legend takes when it wraps at the chart's width. */
  private static int legendRows(List<Key> keys, int x0) {
    int rows = 1;
    int x = x0;
    for (Key k : keys) {
      if (x > x0 && x + keyWidth(k) > WIDTH) {
        rows++;
        x = x0;
      }
      x += keyWidth(k);
    }
    return rows;
  }

  private static int keyWidth(Key k) {
    return 24 + 8 * k.name().length();
  }

  private static String legend(List<Key> keys, int x0, int y0) {
    StringBuilder b = new StringBuilder();
    int x = x0;
    int y = y0;
    for (Key k : keys) {
      if (x > x0 && x + keyWidth(k) > WIDTH) {
        y += 16;
        x = x0;
      }
      b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, y, k.color()));
      b.append(text(x + 14, y + 9, "start", k.name()));
      x += keyWidth(k);
    }
    return b.toString();
  }

  private static String text(int x, int y, String anchor, String s) {
    return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">" + esc(s) + "</text>";
  }

  /** Escapes text for HTML and XML (element content and attribute values). */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}

package org.guestjourney.kpi;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A line chart of one figure month by month, drawn on the server as inline SVG (no script): the
 * page draws a polyline per entry of {@link #segments()} (the {@code points} of a run of months
 * that have a value; a month without one leaves a gap) and a dot and a label per month.
 */
record TrendChart(
    String title,
    String explanation,
    String min,
    String max,
    List<Dot> dots,
    List<String> segments) {

  static final int WIDTH = 600;
  static final int HEIGHT = 180;
  static final int LEFT = 40;
  static final int TOP = 24;
  static final int PLOT_HEIGHT = 116;

  /** A month: where it is drawn, its label and its value in words (null: nothing that month). */
  record Dot(int x, Integer y, String month, String value) {}

  static TrendChart of(
      String title,
      String explanation,
      List<Kpis.Month> months,
      Function<Kpis.Month, Number> value,
      double min,
      double max) {
    Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
    DateTimeFormatter label =
        "zh".equals(locale.getLanguage())
            ? DateTimeFormatter.ofPattern("yy年M月", locale)
            : DateTimeFormatter.ofPattern("MMM yy", Locale.ENGLISH);
    List<Dot> dots = new ArrayList<>();
    List<String> segments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int step = months.size() <= 1 ? 0 : (WIDTH - LEFT - 20) / (months.size() - 1);
    for (int i = 0; i < months.size(); i++) {
      Kpis.Month m = months.get(i);
      Number v = value.apply(m);
      int x = LEFT + i * step;
      Integer y = null;
      if (v != null) {
        double clamped = Math.max(min, Math.min(max, v.doubleValue()));
        y = TOP + (int) Math.round(PLOT_HEIGHT * (max - clamped) / (max - min));
        current.append(current.isEmpty() ? "" : " ").append(x).append(',').append(y);
      } else if (!current.isEmpty()) {
        segments.add(current.toString());
        current.setLength(0);
      }
      dots.add(new Dot(x, y, label.format(m.month()), v == null ? "–" : words(v)));
    }
    if (!current.isEmpty()) {
      segments.add(current.toString());
    }
    return new TrendChart(title, explanation, words(min), words(max), dots, segments);
  }

  private static String words(Number v) {
    double d = v.doubleValue();
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}

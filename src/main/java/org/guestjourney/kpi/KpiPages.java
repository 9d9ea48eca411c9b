package org.guestjourney.kpi;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyService;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The manager's dashboard (sign-in as a manager), and the rows behind it as CSV. */
@Controller
class KpiPages {

  private final KpiService kpis;
  private final PropertyService properties;
  private final Clock clock;

  private final org.guestjourney.web.StaffWords words;

  KpiPages(
      KpiService kpis,
      PropertyService properties,
      org.guestjourney.web.StaffWords words,
      Clock clock) {
    this.words = words;
    this.kpis = kpis;
    this.properties = properties;
    this.clock = clock;
  }

  /** A bar of a chart: label, value, and its width in percent of the largest. */
  record Bar(String label, String value, int percent) {}

  @GetMapping("/kpis")
  String dashboard(
      @RequestParam(required = false) Long property,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      Model model) {
    List<Property> all =
        properties.all().stream()
            .filter(p -> org.guestjourney.security.PropertyAccess.readable(p.id()))
            .toList();
    model.addAttribute("properties", all);
    if (all.isEmpty()) {
      return "pages/kpis";
    }
    long chosen = property != null ? property : all.getFirst().id();
    LocalDate end = to != null ? to : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate start = from != null ? from : end.minusDays(30);
    Kpis k;
    try {
      k = kpis.compute(chosen, start, end);
    } catch (InvalidRequestException e) {
      model.addAttribute(
          "problem", words.say("kpi.reversed", String.valueOf(start), String.valueOf(end)));
      model.addAttribute("from", start);
      model.addAttribute("to", end);
      model.addAttribute("chosen", chosen);
      return "pages/kpis";
    }
    model.addAttribute("k", k);
    model.addAttribute(
        "scores",
        bars(
            k.averageScore().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue())),
            5));
    model.addAttribute("sources", bars(asDoubles(k.bookingsBySource()), 0));
    model.addAttribute("categories", bars(asDoubles(k.complaintsByCategory()), 0));
    model.addAttribute("messages", bars(asDoubles(k.messagesByChannelAndState()), 0));
    model.addAttribute("feedbackTypes", bars(asDoubles(k.feedbackByType()), 0));
    model.addAttribute(
        "trends",
        List.of(
            TrendChart.of(
                words.say("kpi.trend.score"),
                words.say("kpi.trend.score.how"),
                k.trend(),
                Kpis.Month::averageScore,
                1,
                5),
            TrendChart.of(
                words.say("kpi.trend.nps"),
                words.say("kpi.trend.nps.how"),
                k.trend(),
                Kpis.Month::nps,
                -100,
                100),
            TrendChart.of(
                words.say("kpi.trend.response"),
                words.say("kpi.trend.response.how"),
                k.trend(),
                m -> m.responseRate() == null ? null : Math.round(m.responseRate() * 100),
                0,
                100)));
    model.addAttribute("kinds", KpiRows.all());
    return "pages/kpis";
  }

  @GetMapping("/kpis/rows/{kind}")
  String rows(
      @PathVariable String kind,
      @RequestParam long property,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      Model model) {
    KpiRows rows = KpiRows.bySlug(kind).orElseThrow(() -> new NotFoundException("No " + kind));
    List<Map<String, Object>> list = kpis.rows(rows, property, from, to);
    java.time.ZoneId zone =
        properties.all().stream()
            .filter(p -> p.id() == property)
            .map(Property::timeZone)
            .findFirst()
            .orElse(ZoneOffset.UTC);
    List<String> keys =
        list.isEmpty()
            ? List.of()
            : list.getFirst().keySet().stream().filter(c -> !KpiRows.HIDDEN.contains(c)).toList();
    model.addAttribute("kind", rows);
    model.addAttribute("kinds", KpiRows.all());
    model.addAttribute("zone", zone.getId());
    model.addAttribute(
        "columns", keys.stream().map(c -> KpiRows.label(c, list.getFirst().get(c), zone)).toList());
    model.addAttribute(
        "rows",
        list.stream()
            .map(r -> keys.stream().map(c -> KpiRows.shown(r.get(c), zone)).toList())
            .toList());
    model.addAttribute("property", property);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    return "pages/kpi-rows";
  }

  @GetMapping(value = "/kpis/{kind}.csv")
  ResponseEntity<String> csv(
      @PathVariable String kind,
      @RequestParam long property,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    KpiRows rows = KpiRows.bySlug(kind).orElseThrow(() -> new NotFoundException("No " + kind));
    List<Map<String, Object>> list = kpis.rows(rows, property, from, to);
    StringBuilder csv = new StringBuilder();
    if (!list.isEmpty()) {
      List<String> columns = List.copyOf(list.getFirst().keySet());
      csv.append(String.join(",", columns)).append('\n');
      for (Map<String, Object> r : list) {
        csv.append(columns.stream().map(c -> cell(r.get(c))).collect(Collectors.joining(",")))
            .append('\n');
      }
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + rows.slug() + "-" + from + "-" + to + ".csv\"")
        .body(csv.toString());
  }

  /** A reversed period on the rows page or CSV: refused in words (400). */
  @ExceptionHandler(InvalidRequestException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  String invalid(InvalidRequestException e, Model model) {
    model.addAttribute("message", "Not shown: " + e.describe() + ".");
    return "pages/not-found";
  }

  @ExceptionHandler(NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(NotFoundException e, Model model) {
    model.addAttribute("message", e.getMessage());
    return "pages/not-found";
  }

  /**
   * RFC 4180 quoting; a leading =, +, -, @, TAB or CR is neutralised so spreadsheets do not run it
   * as a formula.
   */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private static Map<String, Double> asDoubles(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().doubleValue()));
  }

  private static List<Bar> bars(Map<String, Double> values, double scale) {
    double max =
        scale > 0
            ? scale
            : values.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    return values.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(
            e ->
                new Bar(
                    e.getKey(),
                    format(e.getValue()),
                    (int) Math.round(100 * e.getValue() / (max == 0 ? 1 : max))))
        .toList();
  }

  private static String format(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}

package org.guestjourney.kpi;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyService;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The manager's dashboard (sign-in as a manager), and the rows behind it as CSV. */
@Controller
class KpiPages {

  private final KpiService kpis;
  private final PropertyService properties;
  private final Clock clock;

  KpiPages(KpiService kpis, PropertyService properties, Clock clock) {
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
    List<Property> all = properties.all();
    model.addAttribute("properties", all);
    if (all.isEmpty()) {
      return "pages/kpis";
    }
    long chosen = property != null ? property : all.getFirst().id();
    LocalDate end = to != null ? to : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate start = from != null ? from : end.minusDays(30);
    Kpis k = kpis.compute(chosen, start, end);
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
    return "pages/kpis";
  }

  @GetMapping(value = "/kpis/messages.csv")
  ResponseEntity<String> messagesCsv(
      @RequestParam long property,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    List<Map<String, Object>> rows = kpis.messageRows(property, from, to);
    StringBuilder csv =
        new StringBuilder(
            "booking_id,external_reference,step,channel,state,planned_at,sent_at,reason\n");
    for (Map<String, Object> r : rows) {
      csv.append(
              List.of(
                      "booking_id",
                      "external_reference",
                      "step",
                      "channel",
                      "state",
                      "planned_at",
                      "sent_at",
                      "reason")
                  .stream()
                  .map(c -> cell(r.get(c)))
                  .collect(Collectors.joining(",")))
          .append('\n');
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"messages-" + from + "-" + to + ".csv\"")
        .body(csv.toString());
  }

  /** RFC 4180 quoting; a leading =, +, - or @ is neutralised so spreadsheets do not run it. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
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

package org.guestjourney.audit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyService;
import org.guestjourney.security.PropertyAccess;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The manager's view of the audit trail, with filters, and the same as CSV. */
@Controller
class AuditPages {

  static final Set<String> ACTIONS = Set.of("READ", "CHANGE", "EXPORT", "ERASE", "DEPLOY", "SEND");

  private final AuditLog audit;
  private final PropertyService properties;
  private final PropertyAccess access;

  AuditPages(AuditLog audit, PropertyService properties, PropertyAccess access) {
    this.audit = audit;
    this.properties = properties;
    this.access = access;
  }

  private List<AuditEvent> events(
      String actor, String action, Long property, LocalDate from, LocalDate to, String subject) {
    AuditLog.Filter filter =
        new AuditLog.Filter(
            blank(actor),
            action != null && ACTIONS.contains(action) ? action : null,
            property,
            from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
            to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
            blank(subject));
    return audit.find(filter, 1000).stream()
        .filter(
            e -> e.propertyId() == null ? access.allProperties() : access.canRead(e.propertyId()))
        .toList();
  }

  @GetMapping("/audit")
  String page(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) Long property,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String subject,
      Model model) {
    List<Property> visible = properties.all().stream().filter(p -> access.canRead(p.id())).toList();
    model.addAttribute("events", events(actor, action, property, from, to, subject));
    model.addAttribute("properties", visible);
    model.addAttribute(
        "propertyNames", visible.stream().collect(Collectors.toMap(Property::id, Property::name)));
    model.addAttribute("actions", ACTIONS.stream().sorted().toList());
    model.addAttribute("actor", actor);
    model.addAttribute("action", action);
    model.addAttribute("property", property);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute("subject", subject);
    return "pages/audit";
  }

  @GetMapping("/audit.csv")
  ResponseEntity<String> csv(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) Long property,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String subject) {
    StringBuilder csv =
        new StringBuilder(
            "id,occurred_at,actor,action,what,subject,subject_id,property_id,status\n");
    for (AuditEvent e : events(actor, action, property, from, to, subject)) {
      csv.append(
              List.of(
                      e.id(),
                      e.occurredAt(),
                      e.actor(),
                      e.action(),
                      e.what(),
                      e.subject() == null ? "" : e.subject(),
                      e.subjectId() == null ? "" : e.subjectId(),
                      e.propertyId() == null ? "" : e.propertyId(),
                      e.status() == null ? "" : e.status())
                  .stream()
                  .map(AuditPages::cell)
                  .collect(Collectors.joining(",")))
          .append('\n');
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"")
        .body(csv.toString());
  }

  /** RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
  static String cell(Object value) {
    String s = String.valueOf(value);
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}

package org.guestjourney.kpi;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The rows behind the figures, one set per kind, for the page that lists them and for the CSV. All
 * are the rows of the period's stays (confirmed bookings departing in it), inquiries those received
 * in it.
 */
public enum KpiRows {
  STAYS(
      "stays",
      "Stays",
      """
      select b.id as booking_id, b.external_reference, b.source_channel, b.arrival_date, b.departure_date,
             exists (select 1 from booking e join guest eg on eg.id = e.guest_id
                      where e.status = 'CONFIRMED' and e.id <> b.id and eg.email_index = g.email_index
                        and e.departure_date <= b.arrival_date) as repeat_guest
        from booking b join guest g on g.id = b.guest_id
       where b.id in (%s) order by b.departure_date, b.id
      """),
  SURVEYS(
      "surveys",
      "Surveys",
      """
      select s.booking_id, b.external_reference, s.kind, s.language, s.created_at as sent_at, s.answered_at,
             s.answers
        from survey_invitation s join booking b on b.id = s.booking_id
       where s.booking_id in (%s) order by s.booking_id, s.id
      """),
  COMPLAINTS(
      "complaints",
      "Complaints",
      """
      select c.id as complaint_id, c.booking_id, b.external_reference, c.source, c.category, c.urgency,
             c.created_at, c.acknowledge_due_at,
             (select min(coalesce(t.claimed_at, t.completed_at)) from staff_task t
               where t.complaint_id = c.id and t.task_kind in ('resolve-complaint', 'evaluate-need') and t.state <> 'CANCELLED')
               as acknowledged_at,
             c.resolve_due_at,
             (select min(t.completed_at) from staff_task t
               where t.complaint_id = c.id and t.task_kind in ('resolve-complaint', 'evaluate-need') and t.state = 'COMPLETED')
               as resolved_at,
             c.status, c.closed_at, c.description
        from complaint c join booking b on b.id = c.booking_id
       where c.booking_id in (%s) order by c.id
      """),
  TASKS(
      "tasks",
      "Staff tasks",
      """
      select t.id as task_id, t.booking_id, b.external_reference, t.process_id, t.name, t.state,
             t.created_at, t.due_at, t.claimed_at, t.completed_at, t.completed_by,
             t.completed_at <= t.due_at as on_time
        from staff_task t join booking b on b.id = t.booking_id
       where t.booking_id in (%s) order by t.id
      """),
  FEEDBACK(
      "feedback",
      "Feedback",
      """
      select f.id as feedback_id, f.booking_id, b.external_reference, f.source, f.type, f.urgency,
             f.suggestion, f.classified_by, f.corrected_at, f.adopted_at, f.adopted_by, f.created_at, f.text
        from feedback f join booking b on b.id = f.booking_id
       where f.booking_id in (%s) order by f.id
      """),
  INQUIRIES(
      "inquiries",
      "Inquiries",
      """
      select id as inquiry_id, received_at, answer_due_at, answered_at, answered_by, status,
             answered_at <= answer_due_at as answered_in_time
        from inquiry
       where property_id = :p and received_at >= cast(:from as timestamp) at time zone 'UTC'
         and received_at < (cast(:to as timestamp) + interval '1 day') at time zone 'UTC'
       order by id
      """),
  MESSAGES(
      "messages",
      "Messages",
      """
      select d.booking_id, b.external_reference, d.step, d.channel, d.state, d.provider_status,
             d.provider_error, d.planned_at, d.sent_at, d.reason
        from message_delivery d join booking b on b.id = d.booking_id
       where d.booking_id in (%s)
       order by d.booking_id, d.planned_at
      """);

  /** Columns the CSV keeps for spreadsheets but the page does not show (engine ids). */
  static final java.util.Set<String> HIDDEN = java.util.Set.of("process_id");

  private static final java.util.Map<String, String> LABELS =
      java.util.Map.ofEntries(
          java.util.Map.entry("booking_id", "Booking"),
          java.util.Map.entry("external_reference", "Reference"),
          java.util.Map.entry("source_channel", "Booked through"),
          java.util.Map.entry("arrival_date", "Arrival"),
          java.util.Map.entry("departure_date", "Departure"),
          java.util.Map.entry("repeat_guest", "Stayed before"),
          java.util.Map.entry("kind", "Survey"),
          java.util.Map.entry("language", "Language"),
          java.util.Map.entry("sent_at", "Sent"),
          java.util.Map.entry("answered_at", "Answered"),
          java.util.Map.entry("answers", "Answers"),
          java.util.Map.entry("complaint_id", "Complaint"),
          java.util.Map.entry("source", "Came from"),
          java.util.Map.entry("category", "Category"),
          java.util.Map.entry("urgency", "Urgency"),
          java.util.Map.entry("created_at", "Created"),
          java.util.Map.entry("acknowledge_due_at", "To acknowledge by"),
          java.util.Map.entry("acknowledged_at", "Acknowledged"),
          java.util.Map.entry("resolve_due_at", "To resolve by"),
          java.util.Map.entry("resolved_at", "Resolved"),
          java.util.Map.entry("status", "Status"),
          java.util.Map.entry("closed_at", "Closed"),
          java.util.Map.entry("description", "What happened"),
          java.util.Map.entry("task_id", "Task no."),
          java.util.Map.entry("name", "Task"),
          java.util.Map.entry("state", "State"),
          java.util.Map.entry("due_at", "Due"),
          java.util.Map.entry("claimed_at", "Taken"),
          java.util.Map.entry("completed_at", "Done"),
          java.util.Map.entry("completed_by", "Done by"),
          java.util.Map.entry("on_time", "On time"),
          java.util.Map.entry("feedback_id", "Feedback"),
          java.util.Map.entry("type", "Type"),
          java.util.Map.entry("suggestion", "Suggestion"),
          java.util.Map.entry("classified_by", "Classified by"),
          java.util.Map.entry("corrected_at", "Corrected"),
          java.util.Map.entry("adopted_at", "Adopted"),
          java.util.Map.entry("adopted_by", "Adopted by"),
          java.util.Map.entry("text", "What the guest wrote"),
          java.util.Map.entry("inquiry_id", "Inquiry"),
          java.util.Map.entry("received_at", "Received"),
          java.util.Map.entry("answer_due_at", "To answer by"),
          java.util.Map.entry("answered_by", "Answered by"),
          java.util.Map.entry("answered_in_time", "Answered in time"),
          java.util.Map.entry("step", "Message"),
          java.util.Map.entry("channel", "Channel"),
          java.util.Map.entry("provider_status", "Provider says"),
          java.util.Map.entry("provider_error", "Provider error"),
          java.util.Map.entry("planned_at", "Planned"),
          java.util.Map.entry("reason", "Why"));

  /** A column's heading for people; a time column says the zone its times are shown in. */
  static String label(String column, Object sample, java.time.ZoneId zone) {
    String label =
        LABELS.getOrDefault(
            column,
            Character.toUpperCase(column.charAt(0)) + column.substring(1).replace('_', ' '));
    return column.endsWith("_at") ? label + " (" + zone.getId() + " time)" : label;
  }

  private static final java.time.format.DateTimeFormatter WHEN =
      java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", java.util.Locale.ENGLISH);

  /** A value for people: times in the property's zone, yes/no for flags, dates as dates. */
  static String shown(Object value, java.time.ZoneId zone) {
    if (value == null) {
      return "";
    }
    if (value instanceof java.sql.Timestamp t) {
      return WHEN.format(t.toInstant().atZone(zone));
    }
    if (value instanceof java.time.OffsetDateTime t) {
      return WHEN.format(t.atZoneSameInstant(zone));
    }
    if (value instanceof java.time.Instant t) {
      return WHEN.format(t.atZone(zone));
    }
    if (value instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    return value.toString();
  }

  private final String slug;
  private final String title;
  private final String sql;

  KpiRows(String slug, String title, String sql) {
    this.slug = slug;
    this.title = title;
    this.sql = sql.contains("%s") ? sql.formatted(KpiService.STAYS) : sql;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  String sql() {
    return sql;
  }

  static Optional<KpiRows> bySlug(String slug) {
    return Arrays.stream(values()).filter(k -> k.slug.equals(slug)).findFirst();
  }

  static List<KpiRows> all() {
    return List.of(values());
  }
}

package org.guestjourney.inquiry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The inquiry SLA counts working time only: received inside the property's working hours, the
 * answer is due within the SLA; received outside (or too late to finish today), the clock starts at
 * the next opening.
 */
record AnswerDeadline(boolean withinWorkingHours, Instant dueAt) {

  static AnswerDeadline of(
      Instant received, ZoneId zone, LocalTime opens, LocalTime closes, Duration within) {
    ZonedDateTime local = received.atZone(zone);
    LocalTime time = local.toLocalTime();
    boolean open = !time.isBefore(opens) && time.isBefore(closes);
    if (open) {
      ZonedDateTime due = local.plus(within);
      ZonedDateTime closing = local.with(closes);
      if (!due.isAfter(closing)) {
        return new AnswerDeadline(true, due.toInstant());
      }
      // what is left of the SLA continues at the next opening
      Duration left = within.minus(Duration.between(local, closing));
      return new AnswerDeadline(true, nextOpening(local.plusDays(1), opens).plus(left).toInstant());
    }
    ZonedDateTime opening =
        time.isBefore(opens) ? local.with(opens) : nextOpening(local.plusDays(1), opens);
    return new AnswerDeadline(false, opening.plus(within).toInstant());
  }

  private static ZonedDateTime nextOpening(ZonedDateTime day, LocalTime opens) {
    return ZonedDateTime.of(day.toLocalDate(), opens, day.getZone());
  }
}

package org.guestjourney.property;

import java.time.Duration;
import java.time.LocalTime;

/**
 * The timings of a property's in-stay, post-stay and inquiry journeys, tuned by its manager. Times
 * are local to the property; defaults come from the database schema.
 */
public record JourneySettings(
    Duration inquiryAnswerWithin,
    LocalTime quickSurveySendTime,
    LocalTime courtesyCheckInSendTime,
    Duration thankYouAfterCheckOut,
    LocalTime satisfactionSurveySendTime,
    int surveyReminderAfterDays,
    int reviewRequestAfterDays,
    int phoneFollowUpWithinDays,
    String reviewUrl,
    LocalTime quietHoursStart,
    LocalTime quietHoursEnd) {

  /** Whether {@code local} falls in the quiet hours (e.g. 21:00–09:00, across midnight). */
  public boolean isQuiet(LocalTime local) {
    return quietHoursStart.isAfter(quietHoursEnd)
        ? !local.isBefore(quietHoursStart) || local.isBefore(quietHoursEnd)
        : !local.isBefore(quietHoursStart) && local.isBefore(quietHoursEnd);
  }
}

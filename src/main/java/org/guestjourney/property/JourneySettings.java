package org.guestjourney.property;

import java.time.Duration;
import java.time.LocalTime;

/**
 * The timings of a property's in-stay, post-stay and inquiry journeys, tuned by its manager. Times
 * are local to the property; defaults come from the database schema. The frequency caps hold back
 * surveys and review requests (never service messages) once a guest has had {@code
 * maxMessagesPerDay} messages that day or {@code maxMessagesPerStay} during the stay; a WhatsApp
 * message not delivered within {@code whatsappFallbackAfter} goes again by SMS.
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
    LocalTime quietHoursEnd,
    int maxMessagesPerDay,
    int maxMessagesPerStay,
    Duration whatsappFallbackAfter,
    int messageBudget) {

  /** Whether {@code local} falls in the quiet hours (e.g. 21:00–09:00, across midnight). */
  public boolean isQuiet(LocalTime local) {
    return quietHoursStart.isAfter(quietHoursEnd)
        ? !local.isBefore(quietHoursStart) || local.isBefore(quietHoursEnd)
        : !local.isBefore(quietHoursStart) && local.isBefore(quietHoursEnd);
  }
}

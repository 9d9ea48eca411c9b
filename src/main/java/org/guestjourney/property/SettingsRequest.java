package org.guestjourney.property;

import java.time.LocalTime;
import org.guestjourney.web.Violations;

/**
 * A manager's journey settings for one property; every field is required (the settings page and
 * {@code GET /api/properties/{id}/settings} show the current values to start from). Durations are
 * in minutes, hours or days as named. The ranges are those the database enforces. The pre-arrival
 * timings ({@code checkInGuideDaysBefore}, {@code checkInGuideSendTime}, {@code
 * dayBeforeReminderSendTime}) may be left out (null): they keep their value. A change applies to
 * running journeys too: moments not yet reached are armed again from the new values (ADR 0011).
 */
public record SettingsRequest(
    Integer inquiryAnswerWithinMinutes,
    LocalTime quickSurveySendTime,
    LocalTime courtesyCheckInSendTime,
    Integer thankYouHoursAfterCheckOut,
    LocalTime satisfactionSurveySendTime,
    Integer surveyReminderAfterDays,
    Integer reviewRequestAfterDays,
    Integer phoneFollowUpWithinDays,
    String reviewUrl,
    LocalTime quietHoursStart,
    LocalTime quietHoursEnd,
    Integer maxMessagesPerDay,
    Integer maxMessagesPerStay,
    Integer whatsappFallbackMinutes,
    Integer messageBudget,
    Integer checkInGuideDaysBefore,
    LocalTime checkInGuideSendTime,
    LocalTime dayBeforeReminderSendTime)
    implements java.io.Serializable {

  /** The same settings with another message budget. */
  public SettingsRequest withMessageBudget(int budget) {
    return new SettingsRequest(
        inquiryAnswerWithinMinutes,
        quickSurveySendTime,
        courtesyCheckInSendTime,
        thankYouHoursAfterCheckOut,
        satisfactionSurveySendTime,
        surveyReminderAfterDays,
        reviewRequestAfterDays,
        phoneFollowUpWithinDays,
        reviewUrl,
        quietHoursStart,
        quietHoursEnd,
        maxMessagesPerDay,
        maxMessagesPerStay,
        whatsappFallbackMinutes,
        budget,
        checkInGuideDaysBefore,
        checkInGuideSendTime,
        dayBeforeReminderSendTime);
  }

  static SettingsRequest of(JourneySettings s) {
    return new SettingsRequest(
        (int) s.inquiryAnswerWithin().toMinutes(),
        s.quickSurveySendTime(),
        s.courtesyCheckInSendTime(),
        (int) s.thankYouAfterCheckOut().toHours(),
        s.satisfactionSurveySendTime(),
        s.surveyReminderAfterDays(),
        s.reviewRequestAfterDays(),
        s.phoneFollowUpWithinDays(),
        s.reviewUrl(),
        s.quietHoursStart(),
        s.quietHoursEnd(),
        s.maxMessagesPerDay(),
        s.maxMessagesPerStay(),
        (int) s.whatsappFallbackAfter().toMinutes(),
        s.messageBudget(),
        null,
        null,
        null);
  }

  /** The settings as a manager reads them, the property's pre-arrival timings included. */
  static SettingsRequest of(JourneySettings s, Property p) {
    SettingsRequest r = of(s);
    return new SettingsRequest(
        r.inquiryAnswerWithinMinutes,
        r.quickSurveySendTime,
        r.courtesyCheckInSendTime,
        r.thankYouHoursAfterCheckOut,
        r.satisfactionSurveySendTime,
        r.surveyReminderAfterDays,
        r.reviewRequestAfterDays,
        r.phoneFollowUpWithinDays,
        r.reviewUrl,
        r.quietHoursStart,
        r.quietHoursEnd,
        r.maxMessagesPerDay,
        r.maxMessagesPerStay,
        r.whatsappFallbackMinutes,
        r.messageBudget,
        p.checkInGuideDaysBefore(),
        p.checkInGuideSendTime(),
        p.dayBeforeReminderSendTime());
  }

  void validate(Violations v) {
    range(v, inquiryAnswerWithinMinutes, 5, 2880, "inquiryAnswerWithinMinutes");
    v.required(quickSurveySendTime, "quickSurveySendTime");
    v.required(courtesyCheckInSendTime, "courtesyCheckInSendTime");
    range(v, thankYouHoursAfterCheckOut, 0, 24, "thankYouHoursAfterCheckOut");
    v.required(satisfactionSurveySendTime, "satisfactionSurveySendTime");
    range(v, surveyReminderAfterDays, 1, 14, "surveyReminderAfterDays");
    range(v, reviewRequestAfterDays, 1, 14, "reviewRequestAfterDays");
    range(v, phoneFollowUpWithinDays, 1, 30, "phoneFollowUpWithinDays");
    if (reviewUrl != null && !reviewUrl.isBlank()) {
      v.check(
          reviewUrl.strip().matches("^https://[^\\s<>\"]+$"),
          "reviewUrl",
          "must be an https:// link without spaces");
      v.maxLength(reviewUrl, 500, "reviewUrl");
    }
    v.required(quietHoursStart, "quietHoursStart");
    v.required(quietHoursEnd, "quietHoursEnd");
    range(v, maxMessagesPerDay, 1, 20, "maxMessagesPerDay");
    range(v, maxMessagesPerStay, 1, 60, "maxMessagesPerStay");
    range(v, whatsappFallbackMinutes, 1, 240, "whatsappFallbackMinutes");
    if (messageBudget != null) {
      range(v, messageBudget, 2, 30, "messageBudget");
    }
    if (checkInGuideDaysBefore != null) {
      range(v, checkInGuideDaysBefore, 1, 30, "checkInGuideDaysBefore");
    }
  }

  private static void range(Violations v, Integer value, int min, int max, String field) {
    if (v.required(value, field)) {
      v.check(value >= min && value <= max, field, "must be between " + min + " and " + max);
    }
  }
}

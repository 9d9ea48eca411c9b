package org.guestjourney.journey;

import java.time.format.DateTimeFormatter;
import org.guestjourney.booking.Booking;
import org.guestjourney.property.JourneySettings;
import org.guestjourney.property.Property;

/**
 * What a booking journey carries: the booking's facts and the house's journey settings, as plain
 * values the model's FEEL expressions read (dates as {@code 2026-12-05}, times as {@code 10:00},
 * durations as ISO-8601). Every moment of a journey is a timer expression over these in the BPMN,
 * e.g. {@code date and time(date and time(date(arrivalDate) - duration("P3D"), time("10:00")),
 * timeZone)}. No personal data: ids, dates and the house's rules only.
 *
 * @param bookingRevision grows with every date change (a change confirmation is sent once per
 *     revision)
 * @param stayNights, partySize, previousStays what the courtesy and high-value decisions read
 * @param messageBudget the automated messages the stay should get (house setting, default 6)
 * @param satisfactionSurveyAnswered whether the guest answered the stay's satisfaction survey (a
 *     post-stay journey that starts over after a settings change waits for no reminder then)
 */
public record StayFacts(
    long bookingId,
    int bookingRevision,
    String arrivalDate,
    String departureDate,
    int stayNights,
    int partySize,
    int previousStays,
    String timeZone,
    String checkInTime,
    String checkOutTime,
    String workingHoursStart,
    int checkInGuideDaysBefore,
    String checkInGuideTime,
    String dayBeforeReminderTime,
    String quickSurveyTime,
    String courtesyCheckInTime,
    String thankYouAfterCheckOut,
    String satisfactionSurveyTime,
    int surveyReminderAfterDays,
    int reviewRequestAfterDays,
    int phoneFollowUpWithinDays,
    int messageBudget,
    boolean satisfactionSurveyAnswered) {

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  static StayFacts of(
      Booking b, Property p, JourneySettings s, int previousStays, boolean surveyAnswered) {
    return new StayFacts(
        b.id(),
        b.revision(),
        b.arrivalDate().toString(),
        b.departureDate().toString(),
        b.nights(),
        b.partySize(),
        previousStays,
        p.timeZone().getId(),
        HH_MM.format(p.checkInTime()),
        HH_MM.format(p.checkOutTime()),
        HH_MM.format(p.workingHoursStart()),
        p.checkInGuideDaysBefore(),
        HH_MM.format(p.checkInGuideSendTime()),
        HH_MM.format(p.dayBeforeReminderSendTime()),
        HH_MM.format(s.quickSurveySendTime()),
        HH_MM.format(s.courtesyCheckInSendTime()),
        s.thankYouAfterCheckOut().toString(),
        HH_MM.format(s.satisfactionSurveySendTime()),
        s.surveyReminderAfterDays(),
        s.reviewRequestAfterDays(),
        s.phoneFollowUpWithinDays(),
        s.messageBudget(),
        surveyAnswered);
  }

  /** The facts as the FEEL variables the model reads. */
  public java.util.Map<String, Object> asVariables() {
    var m = new java.util.LinkedHashMap<String, Object>();
    for (var c : StayFacts.class.getRecordComponents()) {
      try {
        m.put(c.getName(), c.getAccessor().invoke(this));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return m;
  }
}

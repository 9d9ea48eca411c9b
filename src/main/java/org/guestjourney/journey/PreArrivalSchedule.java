package org.guestjourney.journey;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.guestjourney.booking.Booking;
import org.guestjourney.property.Property;

/**
 * When each pre-arrival message is due, computed from the booking's dates and the property's
 * settings in the property's own time zone (so daylight-saving changes and properties east or west
 * of UTC land at the intended local hour).
 */
public record PreArrivalSchedule(
    Instant checkInGuideAt,
    Instant dayBeforeReminderAt,
    Instant arrivalMorningAt,
    Instant checkInAt) {

  public static PreArrivalSchedule of(Booking booking, Property property) {
    var zone = property.timeZone();
    var arrival = booking.arrivalDate();
    return new PreArrivalSchedule(
        ZonedDateTime.of(
                arrival.minusDays(property.checkInGuideDaysBefore()),
                property.checkInGuideSendTime(),
                zone)
            .toInstant(),
        ZonedDateTime.of(arrival.minusDays(1), property.dayBeforeReminderSendTime(), zone)
            .toInstant(),
        ZonedDateTime.of(arrival, property.workingHoursStart(), zone).toInstant(),
        ZonedDateTime.of(arrival, property.checkInTime(), zone).toInstant());
  }

  /** The moments as the process variables its timers read. */
  PreArrivalJourney.Moments asVariables(Property property) {
    return new PreArrivalJourney.Moments(
        iso(checkInGuideAt, property),
        iso(dayBeforeReminderAt, property),
        iso(arrivalMorningAt, property),
        iso(checkInAt, property));
  }

  static String iso(Instant instant, Property property) {
    return instant
        .atZone(property.timeZone())
        .toOffsetDateTime()
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}

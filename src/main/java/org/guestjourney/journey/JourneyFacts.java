package org.guestjourney.journey;

import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.survey.SurveyAnswers;
import org.guestjourney.survey.SurveyKind;
import org.springframework.stereotype.Component;

/** Reads what a booking journey carries ({@link StayFacts}) from the system of record. */
@Component
public class JourneyFacts {

  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final SurveyAnswers surveys;

  JourneyFacts(BookingRepository bookings, PropertyRepository properties, SurveyAnswers surveys) {
    this.bookings = bookings;
    this.properties = properties;
    this.surveys = surveys;
  }

  /** The booking's facts and the house's settings, as the journey carries them. */
  public StayFacts of(long bookingId) {
    Booking booking = bookings.findById(bookingId).orElseThrow();
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    return StayFacts.of(
        booking,
        property,
        properties.settings(property.id()),
        bookings.previousStays(bookingId),
        surveys.answered(bookingId, SurveyKind.SATISFACTION));
  }

  /**
   * The facts of a stay made up in the studio (no booking exists): dates and party at one of the
   * houses, with the house's settings; booking id 0, first revision, no earlier stays.
   */
  public StayFacts madeUp(
      long propertyId, java.time.LocalDate arrival, java.time.LocalDate departure, int partySize) {
    Property property =
        properties
            .findById(propertyId)
            .orElseThrow(
                () -> new org.guestjourney.web.NotFoundException("No house " + propertyId));
    java.time.Instant now = java.time.Instant.now();
    Booking booking =
        new Booking(
            0L,
            propertyId,
            0L,
            null,
            "studio",
            arrival,
            departure,
            null,
            partySize,
            null,
            org.guestjourney.booking.BookingStatus.CONFIRMED,
            1,
            null,
            now,
            now,
            null);
    return StayFacts.of(booking, property, properties.settings(propertyId), 0, false);
  }
}

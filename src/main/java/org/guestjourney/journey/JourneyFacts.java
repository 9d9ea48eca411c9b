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
}

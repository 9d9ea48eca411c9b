package org.guestjourney.journey;

import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.springframework.stereotype.Component;

/** Reads what a booking journey carries ({@link StayFacts}) from the system of record. */
@Component
public class JourneyFacts {

  private final BookingRepository bookings;
  private final PropertyRepository properties;

  JourneyFacts(BookingRepository bookings, PropertyRepository properties) {
    this.bookings = bookings;
    this.properties = properties;
  }

  /** The booking's facts and the house's settings, as the journey carries them. */
  public StayFacts of(long bookingId) {
    Booking booking = bookings.findById(bookingId).orElseThrow();
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    return StayFacts.of(
        booking, property, properties.settings(property.id()), bookings.previousStays(bookingId));
  }
}

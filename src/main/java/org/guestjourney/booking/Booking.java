package org.guestjourney.booking;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A booking. {@code revision} grows with every date change; {@code journeyInstanceKey} is the
 * running pre-arrival journey, if any.
 */
public record Booking(
    long id,
    long propertyId,
    long guestId,
    String externalReference,
    String sourceChannel,
    LocalDate arrivalDate,
    LocalDate departureDate,
    String room,
    int partySize,
    String specialRequests,
    BookingStatus status,
    int revision,
    Long journeyInstanceKey,
    Instant createdAt,
    Instant updatedAt,
    Instant cancelledAt) {

  public int nights() {
    return (int) java.time.temporal.ChronoUnit.DAYS.between(arrivalDate, departureDate);
  }
}

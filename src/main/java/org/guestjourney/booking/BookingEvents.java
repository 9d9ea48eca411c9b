package org.guestjourney.booking;

/** What happens to a booking, published inside the transaction that changed it. */
public final class BookingEvents {

  private BookingEvents() {}

  /** A new booking was stored and needs its journey. */
  public record BookingConfirmed(long bookingId) {}

  /** Arrival or departure moved; {@code revision} is the booking's new revision. */
  public record BookingDatesChanged(long bookingId, int revision) {}

  public record BookingCancelled(long bookingId) {}
}

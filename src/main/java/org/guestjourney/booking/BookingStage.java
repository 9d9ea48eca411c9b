package org.guestjourney.booking;

/**
 * Where a booking stands, derived from its dates, the property's today and whether it was cancelled
 * (never stored: it changes with the clock).
 */
public enum BookingStage {
  UPCOMING("upcoming"),
  ARRIVING_TODAY("arriving today"),
  IN_HOUSE("in house"),
  DEPARTING_TODAY("departing today"),
  DEPARTED("departed"),
  CANCELLED("cancelled");

  private final String label;

  BookingStage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The CSS class of its badge. */
  public String css() {
    return name().toLowerCase().replace('_', '-');
  }

  /** The stage on {@code today} (the property's local date). */
  public static BookingStage of(Booking booking, java.time.LocalDate today) {
    if (booking.status() == BookingStatus.CANCELLED) {
      return CANCELLED;
    }
    if (today.isBefore(booking.arrivalDate())) {
      return UPCOMING;
    }
    if (today.equals(booking.arrivalDate())) {
      return ARRIVING_TODAY;
    }
    if (today.isBefore(booking.departureDate())) {
      return IN_HOUSE;
    }
    return today.equals(booking.departureDate()) ? DEPARTING_TODAY : DEPARTED;
  }

  /** The same rule in SQL, over a booking row {@code b} and the property's local date. */
  static String sql(String b, String today) {
    return ("case when %1$s.status = 'CANCELLED' then 'CANCELLED'"
            + " when %2$s < %1$s.arrival_date then 'UPCOMING'"
            + " when %2$s = %1$s.arrival_date then 'ARRIVING_TODAY'"
            + " when %2$s < %1$s.departure_date then 'IN_HOUSE'"
            + " when %2$s = %1$s.departure_date then 'DEPARTING_TODAY'"
            + " else 'DEPARTED' end")
        .formatted(b, today);
  }
}

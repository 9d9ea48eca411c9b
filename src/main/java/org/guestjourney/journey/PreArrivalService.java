package org.guestjourney.journey;

import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The logic of the pre-arrival journey besides its messages (which are model-driven send steps, see
 * {@link JourneySteps}): whether the arrival time is known, and what a cancellation stops.
 */
@Service
public class PreArrivalService {

  private final BookingRepository bookings;
  private final MessagingService messaging;

  PreArrivalService(BookingRepository bookings, MessagingService messaging) {
    this.bookings = bookings;
    this.messaging = messaging;
  }

  /** Whether the guest's arrival time is known on the morning of arrival. */
  public PreArrivalJourney.ArrivalTime arrivalTime(long bookingId) {
    return new PreArrivalJourney.ArrivalTime(bookings.expectedArrival(bookingId).isPresent());
  }

  /** Keeps the arrival time staff learned when they called the guest. */
  @org.springframework.context.event.EventListener
  void calledForArrivalTime(org.guestjourney.tasklist.StaffTaskCompleted event) {
    if ("call-for-arrival-time".equals(event.task().taskKind())
        && event.task().bookingId() != null
        && event.values().get("expectedArrival") instanceof String eta
        && eta.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
      bookings.setExpectedArrival(event.task().bookingId(), java.time.LocalTime.parse(eta));
    }
  }

  /**
   * Cancels the booking's messages not yet sent that were meant for another arrival date (their key
   * ends with that date, see the send step's {@code oncePer}).
   */
  @Transactional
  public void datesChanged(long bookingId) {
    Booking booking = bookings.findById(bookingId).orElseThrow();
    String current = "/" + booking.arrivalDate();
    messaging.cancelOpen(
        bookingId,
        d ->
            d.idempotencyKey().matches(".*/\\d{4}-\\d{2}-\\d{2}$")
                && !d.idempotencyKey().endsWith(current),
        "The booking's dates changed to "
            + booking.arrivalDate()
            + " – "
            + booking.departureDate()
            + "; this was meant for the old dates");
  }

  /** Stops every message of the booking not yet sent, but the cancellation acknowledgement. */
  @Transactional
  public void bookingCancelled(long bookingId) {
    Booking booking = bookings.findById(bookingId).orElseThrow();
    messaging.cancelOpen(
        bookingId,
        d -> !d.step().equals(MessageStep.BOOKING_CANCELLATION),
        "The booking was cancelled on " + booking.cancelledAt());
  }
}

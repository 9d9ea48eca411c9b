package org.guestjourney.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingEvents.BookingCancelled;
import org.guestjourney.booking.BookingEvents.BookingConfirmed;
import org.guestjourney.booking.BookingEvents.BookingDatesChanged;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.property.PropertyRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Connects bookings to their journeys. After a booking is stored, its journey starts; date changes
 * and cancellations are sent to the running journey. A booking whose journey could not be started
 * (engine unreachable, restart of the embedded engine) is picked up by {@link #startPending()}.
 */
@Component
class JourneyStarter {

  private static final Logger log = LoggerFactory.getLogger(JourneyStarter.class);

  /** Marks a booking whose journey began after the pre-arrival one (no instance key kept). */
  static final long HANDED_OVER = -1;

  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final PreArrivalService preArrival;
  private final JourneyEngine engine;
  private final Clock clock;

  JourneyStarter(
      BookingRepository bookings,
      PropertyRepository properties,
      PreArrivalService preArrival,
      JourneyEngine engine,
      Clock clock) {
    this.bookings = bookings;
    this.properties = properties;
    this.preArrival = preArrival;
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * Inside the booking's transaction: messages of the old dates that wait to go (held for quiet
   * hours, or rewritten by staff) are cancelled with the booking; the journey's model asks again
   * for what the new dates need.
   */
  @EventListener
  void cancelMessagesOfOldDates(BookingDatesChanged event) {
    preArrival.datesChanged(event.bookingId());
  }

  @EventListener
  void stopMessagesWithBooking(BookingCancelled event) {
    preArrival.bookingCancelled(event.bookingId());
  }

  @TransactionalEventListener
  void startJourney(BookingConfirmed event) {
    bookings.findById(event.bookingId()).ifPresent(this::start);
  }

  @TransactionalEventListener
  void tellJourneyAboutDates(BookingDatesChanged event) {
    engine.bookingModified(event.bookingId(), event.revision());
  }

  @TransactionalEventListener
  void tellJourneyAboutCancellation(BookingCancelled event) {
    engine.bookingCancelled(event.bookingId());
  }

  /** Starts the journey of every confirmed booking that should have one and has none. */
  @Scheduled(
      fixedDelayString = "${guest-journey.journeys.start-pending-every:PT30S}",
      initialDelayString = "${guest-journey.journeys.start-pending-every:PT30S}")
  void startPending() {
    LocalDate from = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
    for (Booking booking : bookings.findWithoutJourney(from)) {
      start(booking);
    }
  }

  /**
   * Starts the booking's pre-arrival journey. Whatever the dates, the model decides what is still
   * worth sending: for a same-day booking its past moments pass at once, the confirmation carries
   * the check-in guide and the arrival-time question, and the in-stay journey follows.
   */
  void start(Booking booking) {
    if (!bookings.claimJourneyStart(booking.id())) {
      return; // another replica (or request) is starting it
    }
    try {
      long key = engine.startPreArrival(booking.id());
      bookings.setJourneyInstance(booking.id(), key);
      log.info("Pre-arrival journey {} started for booking {}", key, booking.id());
    } catch (RuntimeException e) {
      bookings.setJourneyInstance(booking.id(), null);
      log.warn("Could not start the journey of booking {} yet: {}", booking.id(), e.getMessage());
    }
  }
}

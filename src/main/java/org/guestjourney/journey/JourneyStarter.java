package org.guestjourney.journey;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingEvents.BookingCancelled;
import org.guestjourney.booking.BookingEvents.BookingConfirmed;
import org.guestjourney.booking.BookingEvents.BookingDatesChanged;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.property.Property;
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

  /** Inside the booking's transaction: the plan changes together with the booking. */
  @EventListener
  void replanWithBooking(BookingDatesChanged event) {
    preArrival.plan(event.bookingId());
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

  void start(Booking booking) {
    Property property = properties.findById(booking.propertyId()).orElseThrow();
    if (!PreArrivalSchedule.of(booking, property).checkInAt().isAfter(clock.instant())) {
      // the guest is already due in the house (a same-day booking): straight to the in-stay journey
      Instant checkOut =
          ZonedDateTime.of(booking.departureDate(), property.checkOutTime(), property.timeZone())
              .toInstant();
      if (clock.instant().isBefore(checkOut) && bookings.claimJourneyStart(booking.id())) {
        engine.handOver(StayJourneys.MESSAGE_GUEST_CHECKED_IN, booking.id());
        bookings.setJourneyInstance(booking.id(), HANDED_OVER);
        log.info("Booking {} starts with its in-stay journey", booking.id());
      }
      return;
    }
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

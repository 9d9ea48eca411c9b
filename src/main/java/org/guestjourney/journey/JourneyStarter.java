package org.guestjourney.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingEvents.BookingCancelled;
import org.guestjourney.booking.BookingEvents.BookingConfirmed;
import org.guestjourney.booking.BookingEvents.BookingDatesChanged;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.outbox.EngineOutbox;
import org.guestjourney.outbox.OutboxEntry;
import org.guestjourney.outbox.OutboxHandler;
import org.guestjourney.property.JourneySettingsChanged;
import org.guestjourney.property.PropertyRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Connects bookings to their journeys. When a booking is stored, the start of its journey is
 * written to the engine outbox in the same transaction; date changes and cancellations become
 * messages to the running journey the same way, so the booking request never waits on the engine. A
 * booking whose journey could not be started (restart of the embedded engine) is also picked up by
 * {@link #startPending()}.
 */
@Component
class JourneyStarter implements OutboxHandler {

  /** Outbox entries that start a booking's journey. */
  static final String START_JOURNEY = "start-journey";

  private static final Logger log = LoggerFactory.getLogger(JourneyStarter.class);

  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final PreArrivalService preArrival;
  private final JourneyEngine engine;
  private final EngineOutbox outbox;
  private final Clock clock;

  JourneyStarter(
      BookingRepository bookings,
      PropertyRepository properties,
      PreArrivalService preArrival,
      JourneyEngine engine,
      EngineOutbox outbox,
      Clock clock) {
    this.bookings = bookings;
    this.properties = properties;
    this.preArrival = preArrival;
    this.engine = engine;
    this.outbox = outbox;
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

  /** In the booking's transaction: the start is sent by the outbox once the booking is stored. */
  @EventListener
  void startJourney(BookingConfirmed event) {
    outbox.add(START_JOURNEY, event.bookingId());
  }

  @EventListener
  void tellJourneyAboutDates(BookingDatesChanged event) {
    publish(PreArrivalJourney.MESSAGE_BOOKING_MODIFIED, event.bookingId(), "r" + event.revision());
  }

  /**
   * In the settings' transaction: every running journey of the property is told, one message per
   * booking through the outbox (a publish is not lost after the commit, and each replica's
   * dispatcher sends an entry once). Its model reads the facts again and arms the moments it waits
   * for anew; messages that went are not sent again (their delivery records are keyed).
   */
  /**
   * How long after departure a post-stay journey may still wait for a moment the house's settings
   * decide (settings allow at most 1 + 14 days for the survey reminder, 14 for the review request).
   */
  static final int POST_STAY_REACH_DAYS = 21;

  @EventListener
  void tellJourneysAboutSettings(JourneySettingsChanged event) {
    String change = java.util.UUID.randomUUID().toString();
    // post-stay journeys run on after departure (the survey reminder and the review request, up to
    // 14 days each by the house's settings): their waiting moments are re-armed too
    LocalDate from =
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(POST_STAY_REACH_DAYS);
    for (Booking booking : bookings.findConfirmedDepartingFrom(from)) {
      if (booking.propertyId() == event.propertyId()) {
        publish(PreArrivalJourney.MESSAGE_HOUSE_SETTINGS_CHANGED, booking.id(), change);
      }
    }
  }

  @EventListener
  void tellJourneyAboutCancellation(BookingCancelled event) {
    publish(PreArrivalJourney.MESSAGE_BOOKING_CANCELLED, event.bookingId(), "cancelled");
  }

  private void publish(String name, long bookingId, String discriminator) {
    outbox.publishMessage(
        name,
        Long.toString(bookingId),
        // the same change published twice (a retry) is one message for the engine
        name + "/" + bookingId + "/" + discriminator,
        JourneyEngine.MESSAGE_TTL,
        bookingId);
  }

  /** Sent by the outbox, outside any transaction: a failure is retried from there. */
  @Override
  public String kind() {
    return START_JOURNEY;
  }

  @Override
  public void send(OutboxEntry entry) {
    bookings.findById(entry.bookingId()).ifPresent(this::startOrFail);
  }

  /** Starts the journey of every confirmed booking that should have one and has none. */
  @Scheduled(
      fixedDelayString = "${guest-journey.journeys.start-pending-every:PT30S}",
      initialDelayString = "${guest-journey.journeys.start-pending-every:PT30S}")
  void startPending() {
    LocalDate from = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
    // a booking stored in the last minute has its start in the outbox: the dispatcher sends it
    // (starting it from here too would be harmless — one journey per message id — but wasted)
    for (Booking booking : bookings.findWithoutJourney(from, clock.instant().minusSeconds(60))) {
      start(booking);
    }
  }

  /**
   * Starts the booking's pre-arrival journey. Whatever the dates, the model decides what is still
   * worth sending: for a same-day booking its past moments pass at once, the confirmation carries
   * the check-in guide and the arrival-time question, and the in-stay journey follows.
   */
  void start(Booking booking) {
    try {
      startOrFail(booking);
    } catch (RuntimeException e) {
      log.warn("Could not start the journey of booking {} yet: {}", booking.id(), e.getMessage());
    }
  }

  private void startOrFail(Booking booking) {
    // no claim first: the engine starts one journey per booking however often this runs (the
    // start message's id), so a replica that dies between the engine and this database leaves
    // nothing stuck — the next attempt starts it or finds it started
    engine.startPreArrival(booking.id());
    bookings.markJourneyStarted(booking.id());
    log.info("Pre-arrival journey started for booking {}", booking.id());
  }
}

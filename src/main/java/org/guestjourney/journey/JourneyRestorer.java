package org.guestjourney.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.inquiry.InquiryService;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.runtime.EmbeddedRuntimeEnvironment;
import org.guestjourney.tasklist.StaffTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The embedded engine keeps its state in memory only, so on start every active booking gets its
 * journey again from PostgreSQL: the pre-arrival journey before check-in, the in-stay journey while
 * the guest is in the house, the post-stay journey for recent departures. Open tasks of the
 * previous run are cancelled; the restored journeys create them again. Already sent messages are
 * not sent again (their delivery records are final) and messages whose moment passed while the app
 * was down are skipped as stale.
 */
@Component
@ConditionalOnProperty(
    name = EmbeddedRuntimeEnvironment.REBUILD_FROM_DATABASE,
    havingValue = "true")
class JourneyRestorer {

  private static final Logger log = LoggerFactory.getLogger(JourneyRestorer.class);

  /** How long after check-out a post-stay journey still runs (follow-up within a week, ...). */
  static final int STAY_WINDOW_DAYS = 10;

  private final BookingRepository bookings;
  private final PropertyRepository properties;
  private final StaffTaskService tasks;
  private final JourneyStarter starter;
  private final JourneyEngine engine;
  private final ComplaintService complaints;
  private final InquiryService inquiries;
  private final Clock clock;

  JourneyRestorer(
      BookingRepository bookings,
      PropertyRepository properties,
      StaffTaskService tasks,
      JourneyStarter starter,
      JourneyEngine engine,
      ComplaintService complaints,
      InquiryService inquiries,
      Clock clock) {
    this.bookings = bookings;
    this.properties = properties;
    this.tasks = tasks;
    this.starter = starter;
    this.engine = engine;
    this.complaints = complaints;
    this.inquiries = inquiries;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  void restore() {
    int orphaned = tasks.cancelOrphanedTasks();
    if (orphaned > 0) {
      log.info(
          "{} open task(s) of the previous run are replaced by their restored journeys", orphaned);
    }
    LocalDate from = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
    int forgotten = bookings.forgetJourneysArrivingFrom(from);
    if (forgotten > 0) {
      log.info("Restoring the journeys of {} active booking(s) on the embedded engine", forgotten);
    }
    starter.startPending();
    restoreStays(from.minusDays(STAY_WINDOW_DAYS));
    int complaintsRestored = complaints.restoreOpenJourneys();
    int inquiriesRestored = inquiries.restoreOpenJourneys();
    if (complaintsRestored + inquiriesRestored > 0) {
      log.info(
          "Restored {} open complaint(s) and {} open inquiry(ies)",
          complaintsRestored,
          inquiriesRestored);
    }
  }

  /** Guests in the house get their in-stay journey back, recent departures their post-stay one. */
  private void restoreStays(LocalDate departedFrom) {
    Instant now = clock.instant();
    for (Booking b : bookings.findConfirmedDepartingFrom(departedFrom)) {
      Property p = properties.findById(b.propertyId()).orElseThrow();
      Instant checkIn =
          ZonedDateTime.of(b.arrivalDate(), p.checkInTime(), p.timeZone()).toInstant();
      Instant checkOut =
          ZonedDateTime.of(b.departureDate(), p.checkOutTime(), p.timeZone()).toInstant();
      if (!now.isBefore(checkIn) && now.isBefore(checkOut)) {
        engine.handOver(StayJourneys.MESSAGE_GUEST_CHECKED_IN, b.id());
      } else if (!now.isBefore(checkOut)
          && now.isBefore(checkOut.plus(Duration.ofDays(STAY_WINDOW_DAYS)))) {
        engine.handOver(StayJourneys.MESSAGE_GUEST_CHECKED_OUT, b.id());
      }
    }
  }
}

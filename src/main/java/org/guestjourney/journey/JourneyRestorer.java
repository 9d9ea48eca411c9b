package org.guestjourney.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.runtime.EmbeddedRuntimeEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded engine keeps its state in memory only, so on start every active booking gets its
 * journey again from PostgreSQL. Already sent messages are not sent again (their delivery records
 * are final) and messages whose moment passed while the app was down are skipped as stale.
 */
@Component
@ConditionalOnProperty(name = EmbeddedRuntimeEnvironment.EMBEDDED_ENGINE, havingValue = "true")
class JourneyRestorer {

  private static final Logger log = LoggerFactory.getLogger(JourneyRestorer.class);

  private final BookingRepository bookings;
  private final JourneyStarter starter;
  private final Clock clock;

  JourneyRestorer(BookingRepository bookings, JourneyStarter starter, Clock clock) {
    this.bookings = bookings;
    this.starter = starter;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void restore() {
    LocalDate from = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
    int forgotten = bookings.forgetJourneysArrivingFrom(from);
    if (forgotten > 0) {
      log.info("Restoring the journeys of {} active booking(s) on the embedded engine", forgotten);
    }
    starter.startPending();
  }
}

package org.guestjourney.journey;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.clock.DueWork;
import org.guestjourney.messaging.MessagingService;
import org.springframework.stereotype.Component;

/**
 * For the time machine: message steps of the booking journeys whose moment fell due and that have
 * no message recorded yet — their timer has not fired or their send job has not run. The steps are
 * read from the plans once per clock move; while the time machine waits, only whether their
 * messages are recorded is asked again (one statement). Steps behind a condition the facts cannot
 * decide yet, and steps of cancelled stays, are left out: they may never come.
 */
@Component
class DueJourneySteps implements DueWork {

  private final BookingRepository bookings;
  private final JourneyPlan plan;
  private final MessagingService messaging;

  DueJourneySteps(BookingRepository bookings, JourneyPlan plan, MessagingService messaging) {
    this.bookings = bookings;
    this.plan = plan;
    this.messaging = messaging;
  }

  @Override
  public Unfinished unfinished(Instant since, Instant now) {
    LocalDate last = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(2);
    List<String> keys =
        bookings
            .findConfirmedDepartingFrom(
                LocalDate.ofInstant(since, ZoneOffset.UTC)
                    .minusDays(JourneyStarter.POST_STAY_REACH_DAYS))
            .stream()
            .filter(b -> !b.arrivalDate().minusDays(30).isAfter(last))
            .flatMap(b -> plan.of(b.id()).stream())
            .filter(JourneyPlan.PlannedStep::isMessage)
            .filter(
                s ->
                    s.delivery().isEmpty()
                        && s.stoppedBecause() == null
                        && s.condition() == null
                        && s.key() != null)
            .filter(s -> s.at() != null && s.at().isAfter(since) && !s.at().isAfter(now))
            .map(JourneyPlan.PlannedStep::key)
            .toList();
    if (keys.isEmpty()) {
      return () -> 0;
    }
    return () -> keys.size() - messaging.countRecorded(keys);
  }
}

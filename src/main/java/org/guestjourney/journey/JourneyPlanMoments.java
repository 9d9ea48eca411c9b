package org.guestjourney.journey;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.clock.PlannedMoments;
import org.springframework.stereotype.Component;

/**
 * The moments the deployed journey models give for the stays under way, for the time machine to
 * stop at (the models are the plan; no message is recorded before its moment).
 */
@Component
class JourneyPlanMoments implements PlannedMoments {

  /** How long after check-out a post-stay journey still runs (follow-up within a week, ...). */
  static final int STAY_WINDOW_DAYS = 10;

  private final BookingRepository bookings;
  private final JourneyPlan plan;

  JourneyPlanMoments(BookingRepository bookings, JourneyPlan plan) {
    this.bookings = bookings;
    this.plan = plan;
  }

  @Override
  public Optional<Instant> nextBetween(Instant from, Instant until) {
    LocalDate last = LocalDate.ofInstant(until, ZoneOffset.UTC).plusDays(2);
    return bookings
        .findConfirmedDepartingFrom(
            LocalDate.ofInstant(from, ZoneOffset.UTC).minusDays(STAY_WINDOW_DAYS))
        .stream()
        .filter(b -> !b.arrivalDate().minusDays(30).isAfter(last))
        .flatMap(b -> plan.of(b.id()).stream())
        .filter(s -> s.delivery().isEmpty() && s.stoppedBecause() == null)
        .map(JourneyPlan.PlannedStep::at)
        .filter(Objects::nonNull)
        .filter(at -> at.isAfter(from) && !at.isAfter(until))
        .min(Instant::compareTo);
  }
}

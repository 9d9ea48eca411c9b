package org.guestjourney.clock;

import java.time.Instant;
import java.util.Optional;

/**
 * Tells the time machine when something is planned to happen, so that moving time forward by a day
 * stops at each planned moment on the way, as real time would, instead of jumping past it.
 */
public interface PlannedMoments {

  /** The earliest planned moment after {@code from} and not after {@code until}. */
  Optional<Instant> nextBetween(Instant from, Instant until);
}

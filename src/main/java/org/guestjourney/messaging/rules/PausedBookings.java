package org.guestjourney.messaging.rules;

import java.time.Instant;
import java.util.Optional;

/** Whether staff paused a booking's automatic messages, and who. */
public interface PausedBookings {

  /** Who paused the booking's automation, when and why. */
  record Pause(String pausedBy, String note, Instant pausedAt) {}

  Optional<Pause> of(long bookingId);
}

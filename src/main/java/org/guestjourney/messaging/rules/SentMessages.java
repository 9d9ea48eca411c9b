package org.guestjourney.messaging.rules;

import java.time.Instant;
import java.util.Optional;

/** What the caps and the spacing read about messages that went to a booking's guest. */
public interface SentMessages {

  /** When the booking's latest message went out. */
  Optional<Instant> lastSentAt(long bookingId);

  /** Messages sent to the booking's guest in {@code [from, to)}; a resend counts once. */
  int countSent(long bookingId, Instant from, Instant to);

  /** Messages sent to the booking's guest in all; a resend counts once. */
  int countSent(long bookingId);
}

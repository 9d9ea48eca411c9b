package org.guestjourney.messaging;

import java.time.Instant;
import java.util.Optional;

/**
 * What became of a message a journey step asked for; every outcome is recorded on the message with
 * its reason, so nothing the engine asked for is dropped without a record.
 */
public sealed interface SendOutcome {

  /** Sent, skipped with a reason, or settled earlier: the journey goes on. */
  record Done(Optional<MessageDelivery> delivery) implements SendOutcome {}

  /** Waits until {@code until} (quiet hours, spacing, daily cap), as {@code reason} says. */
  record Held(Instant until, String reason) implements SendOutcome {}

  /**
   * This service message cannot reach the guest: no channel does, or the provider refused it for
   * good (recorded as failed for good, for a person to take on).
   */
  record Unreachable(String reason) implements SendOutcome {}
}

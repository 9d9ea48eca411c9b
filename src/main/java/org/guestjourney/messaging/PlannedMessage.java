package org.guestjourney.messaging;

import java.time.Instant;

/**
 * A message a journey intends to send. {@code skipReason} is set when the plan already knows the
 * message will not go (e.g. the booking came in after the message's moment).
 */
public record PlannedMessage(
    MessageStep step, String idempotencyKey, Instant plannedAt, String skipReason) {

  public static PlannedMessage scheduled(MessageStep step, String key, Instant at) {
    return new PlannedMessage(step, key, at, null);
  }

  public static PlannedMessage skipped(MessageStep step, String key, Instant at, String reason) {
    return new PlannedMessage(step, key, at, reason);
  }
}

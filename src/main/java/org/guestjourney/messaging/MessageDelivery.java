package org.guestjourney.messaging;

import java.time.Instant;

/**
 * A message planned for one journey step of a booking (or of an inquiry, before any booking), and
 * what became of it.
 */
public record MessageDelivery(
    long id,
    Long bookingId,
    Long inquiryId,
    MessageStep step,
    String idempotencyKey,
    ChannelType channel,
    Instant plannedAt,
    DeliveryState state,
    String reason,
    int attempts,
    String language,
    String recipient,
    String subject,
    String body,
    String providerMessageId,
    String providerStatus,
    String providerError,
    Instant sentAt,
    Instant updatedAt) {

  /**
   * Whether the message can never go out any more: sent, skipped, cancelled, or refused for good by
   * the provider.
   */
  public boolean isSettled() {
    return state.isFinal() || (state == DeliveryState.FAILED && providerError != null);
  }
}

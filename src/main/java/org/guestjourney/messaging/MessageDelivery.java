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
    Instant updatedAt,
    String editedSubject,
    String editedBody,
    String editedBy,
    Long fallbackFor) {

  /** Whether staff rewrote the text; the edited text then replaces the template's. */
  public boolean isEdited() {
    return editedBody != null;
  }

  /** Whether the message is still to go out (scheduled, or waiting for a retry). */
  public boolean isOpen() {
    return !isSettled() && state != DeliveryState.SENDING;
  }

  /**
   * Whether the message can never go out any more: sent, skipped, cancelled, or refused for good by
   * the provider.
   */
  public boolean isSettled() {
    return state.isFinal() || (state == DeliveryState.FAILED && providerError != null);
  }

  /**
   * Whether the message failed for good: refused by the provider, no channel reaching the guest for
   * a message the journey hands to a person, or its attempts ran out.
   */
  public boolean failedForGood() {
    return state == DeliveryState.FAILED && providerError != null;
  }
}

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
    Instant sentAt,
    Instant updatedAt) {}

package org.guestjourney.messaging;

import java.time.Instant;

/** One change of a message's state, with the reason in words. */
public record DeliveryEvent(DeliveryState state, String reason, Instant occurredAt) {}

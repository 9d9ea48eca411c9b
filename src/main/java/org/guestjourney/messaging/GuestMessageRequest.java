package org.guestjourney.messaging;

import java.util.Map;

/**
 * A journey asks for one of its planned messages to go out now. {@code model} carries step-specific
 * values for the template (e.g. whether to include the check-in guide).
 */
public record GuestMessageRequest(
    long bookingId, MessageStep step, String idempotencyKey, Map<String, Object> model) {}

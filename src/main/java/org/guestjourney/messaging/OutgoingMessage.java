package org.guestjourney.messaging;

/**
 * What a channel is asked to deliver. {@code idempotencyKey} is stable across retries so the
 * channel (or its provider) can recognise a repeat.
 */
public record OutgoingMessage(
    String idempotencyKey,
    String recipient,
    String senderName,
    String replyTo,
    RenderedMessage content) {}

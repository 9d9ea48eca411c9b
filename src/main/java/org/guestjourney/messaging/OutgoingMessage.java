package org.guestjourney.messaging;

/**
 * What a channel is asked to deliver. {@code idempotencyKey} is stable across retries so the
 * channel (or its provider) can recognise a repeat. {@code recipient} is an e-mail address for
 * e-mail and an E.164 phone number for SMS and WhatsApp. E-mail uses {@code content}'s subject and
 * HTML; SMS and WhatsApp use {@code content}'s plain text. {@code unsubscribeUrl} is set on
 * messages that are not transactional: e-mail carries it as RFC 8058 one-click unsubscribe. {@code
 * propertyId} says whose sender (e.g. whose Twilio account) the message goes from.
 */
public record OutgoingMessage(
    String idempotencyKey,
    String recipient,
    String senderName,
    String replyTo,
    RenderedMessage content,
    String unsubscribeUrl,
    Long propertyId) {

  public OutgoingMessage(
      String idempotencyKey,
      String recipient,
      String senderName,
      String replyTo,
      RenderedMessage content,
      String unsubscribeUrl) {
    this(idempotencyKey, recipient, senderName, replyTo, content, unsubscribeUrl, null);
  }

  /** A transactional message: no unsubscribe. */
  public OutgoingMessage(
      String idempotencyKey,
      String recipient,
      String senderName,
      String replyTo,
      RenderedMessage content) {
    this(idempotencyKey, recipient, senderName, replyTo, content, null, null);
  }
}

package org.guestjourney.messaging;

import java.util.Map;

/**
 * A journey asks for one of its planned messages to go out now. {@code model} carries step-specific
 * values for the template (e.g. whether to include the check-in guide). {@code requestedBy} names
 * the member of staff who pressed "send now": their decision overrides quiet hours, spacing and the
 * daily cap, never an opt-out, a pause, consent or staleness. It is null when the journey's own
 * timer asks.
 */
public record GuestMessageRequest(
    long bookingId,
    MessageStep step,
    String idempotencyKey,
    Map<String, Object> model,
    String requestedBy,
    ChannelType via) {

  public GuestMessageRequest(
      long bookingId, MessageStep step, String idempotencyKey, Map<String, Object> model) {
    this(bookingId, step, idempotencyKey, model, null, null);
  }

  /** The same request, made by a member of staff ("send now"). */
  public GuestMessageRequest requestedBy(String staff) {
    return new GuestMessageRequest(bookingId, step, idempotencyKey, model, staff, via);
  }

  /** The same request, tried on {@code channel} first. */
  public GuestMessageRequest via(ChannelType channel) {
    return new GuestMessageRequest(bookingId, step, idempotencyKey, model, requestedBy, channel);
  }
}

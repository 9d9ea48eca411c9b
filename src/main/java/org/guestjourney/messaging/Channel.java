package org.guestjourney.messaging;

/**
 * A way to reach a guest. Implementations talk to one vendor and throw on failure; the caller
 * records the outcome and retries through the engine.
 */
public interface Channel {

  ChannelType type();

  /** Delivers the message and returns the provider's id for it and a note for people. */
  Receipt send(OutgoingMessage message) throws Exception;

  /** The provider accepted the message. */
  record Receipt(String providerMessageId, String detail) {}
}

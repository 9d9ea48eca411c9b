package org.guestjourney.messaging;

import java.time.Instant;
import java.util.Optional;

/**
 * A way to reach a guest, implemented by one vendor gateway (e-mail in {@code messaging.email}, SMS
 * and WhatsApp in {@code messaging.providers.twilio}). {@link #send} either returns the provider's
 * receipt, throws {@link ProviderRejection} when the provider refused the message for good
 * (retrying cannot help), or throws any other exception when the outcome is temporary or unknown;
 * the caller retries later, asking {@link #findAlreadySent} first.
 */
public interface Channel {

  ChannelType type();

  /** Delivers the message and returns the provider's id for it and a note for people. */
  Receipt send(OutgoingMessage message) throws Exception;

  /**
   * After an attempt whose outcome is unknown (timeout, 5xx), the provider's own record of a
   * message sent to the same recipient with the same text since {@code since}, so it is not sent
   * twice. Channels without such a record return empty.
   */
  default Optional<Receipt> findAlreadySent(OutgoingMessage message, Instant since)
      throws Exception {
    return Optional.empty();
  }

  /** Why the channel cannot be used right now (e.g. no credentials), or empty when it can. */
  default Optional<String> unavailableReason() {
    return Optional.empty();
  }

  /**
   * Why the channel cannot be used for the property's guests (e.g. the property has no sender of
   * its own and the installation none either), or empty when it can.
   */
  default Optional<String> unavailableReason(Long propertyId) {
    return unavailableReason();
  }

  /** The provider accepted the message. */
  record Receipt(String providerMessageId, String detail) {}
}

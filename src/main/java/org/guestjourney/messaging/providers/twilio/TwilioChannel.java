package org.guestjourney.messaging.providers.twilio;

import java.time.Instant;
import java.util.Optional;
import org.guestjourney.messaging.Channel;
import org.guestjourney.messaging.OutgoingMessage;
import org.guestjourney.messaging.providers.twilio.TwilioGateway.Sender;

/**
 * What SMS and WhatsApp share: the message's plain text goes through the {@link TwilioGateway}; the
 * channels differ only in their sender and in how an address is written.
 */
abstract class TwilioChannel implements Channel {

  private final TwilioGateway twilio;

  TwilioChannel(TwilioGateway twilio) {
    this.twilio = twilio;
  }

  /** This channel's sender, or empty when none is configured. */
  abstract Optional<Sender> sender();

  /** Why there is no sender, naming the setting to fill in. */
  abstract String noSender();

  /** A phone number as Twilio expects it on this channel. */
  abstract String address(String phone);

  @Override
  public Optional<String> unavailableReason() {
    return twilio
        .unavailableReason()
        .or(() -> sender().isEmpty() ? Optional.of(noSender()) : Optional.empty());
  }

  @Override
  public Receipt send(OutgoingMessage message) throws Exception {
    Optional<String> unavailable = unavailableReason();
    if (unavailable.isPresent()) {
      throw new IllegalStateException(unavailable.get());
    }
    return twilio.send(sender().orElseThrow(), address(message.recipient()), text(message));
  }

  @Override
  public Optional<Receipt> findAlreadySent(OutgoingMessage message, Instant since) {
    if (unavailableReason().isPresent()) {
      return Optional.empty(); // nothing can have been sent
    }
    return twilio.findAlreadySent(
        sender().orElseThrow(), address(message.recipient()), text(message), since);
  }

  private static String text(OutgoingMessage message) {
    String text = message.content().text();
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "Message " + message.idempotencyKey() + " has no text for SMS or WhatsApp");
    }
    return text;
  }
}

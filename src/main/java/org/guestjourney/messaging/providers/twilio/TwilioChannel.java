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
  private final TwilioAccounts accounts;

  TwilioChannel(TwilioGateway twilio, TwilioAccounts accounts) {
    this.twilio = twilio;
    this.accounts = accounts;
  }

  /** This channel's sender in {@code account}, or empty when it has none. */
  abstract Optional<Sender> sender(TwilioAccount account);

  /** Why there is no sender, naming the setting to fill in. */
  abstract String noSender();

  /** A phone number as Twilio expects it on this channel. */
  abstract String address(String phone);

  /** Whether the installation's account can send on this channel. */
  @Override
  public Optional<String> unavailableReason() {
    return unavailableReason((Long) null);
  }

  /** Whether the property's account (its own, else the installation's) can send on this channel. */
  @Override
  public Optional<String> unavailableReason(Long propertyId) {
    TwilioAccounts.Resolution r = accounts.forProperty(propertyId);
    if (r.account() == null) {
      return Optional.of(r.whyNot());
    }
    return sender(r.account()).isEmpty() ? Optional.of(noSender()) : Optional.empty();
  }

  @Override
  public Receipt send(OutgoingMessage message) throws Exception {
    TwilioAccount account = usable(message.propertyId());
    return twilio.send(
        account, sender(account).orElseThrow(), address(message.recipient()), text(message));
  }

  @Override
  public Optional<Receipt> findAlreadySent(OutgoingMessage message, Instant since) {
    if (unavailableReason(message.propertyId()).isPresent()) {
      return Optional.empty(); // nothing can have been sent
    }
    TwilioAccount account = usable(message.propertyId());
    return twilio.findAlreadySent(
        account, sender(account).orElseThrow(), address(message.recipient()), text(message), since);
  }

  private TwilioAccount usable(Long propertyId) {
    Optional<String> unavailable = unavailableReason(propertyId);
    if (unavailable.isPresent()) {
      throw new IllegalStateException(unavailable.get());
    }
    return accounts.forProperty(propertyId).account();
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

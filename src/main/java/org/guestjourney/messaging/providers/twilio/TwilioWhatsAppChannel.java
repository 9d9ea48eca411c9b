package org.guestjourney.messaging.providers.twilio;

import java.util.Optional;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.providers.twilio.TwilioGateway.Sender;
import org.springframework.stereotype.Component;

/**
 * WhatsApp through Twilio, from {@code guest-journey.twilio.whatsapp-from}. Twilio tells WhatsApp
 * from SMS by the {@code whatsapp:} prefix on both numbers.
 */
@Component
class TwilioWhatsAppChannel extends TwilioChannel {

  static final String PREFIX = "whatsapp:";
  static final String NO_SENDER =
      "WhatsApp disabled: no sender configured (GUEST_JOURNEY_TWILIO_WHATSAPPFROM)";

  /** The installation's account only (unit tests of the channel). */
  TwilioWhatsAppChannel(TwilioGateway twilio, TwilioProperties properties) {
    this(twilio, TwilioAccounts.installationOnly(properties));
  }

  @org.springframework.beans.factory.annotation.Autowired
  TwilioWhatsAppChannel(TwilioGateway twilio, TwilioAccounts accounts) {
    super(twilio, accounts);
  }

  @Override
  public ChannelType type() {
    return ChannelType.WHATSAPP;
  }

  @Override
  Optional<Sender> sender(TwilioAccount account) {
    return TwilioProperties.present(account.whatsappFrom())
        ? Optional.of(Sender.number(address(account.whatsappFrom())))
        : Optional.empty();
  }

  @Override
  String noSender() {
    return NO_SENDER;
  }

  @Override
  String address(String phone) {
    String number = phone.strip();
    return number.startsWith(PREFIX) ? number : PREFIX + number;
  }
}

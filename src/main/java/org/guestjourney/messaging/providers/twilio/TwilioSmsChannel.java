package org.guestjourney.messaging.providers.twilio;

import java.util.Optional;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.providers.twilio.TwilioGateway.Sender;
import org.springframework.stereotype.Component;

/**
 * SMS through Twilio, from {@code guest-journey.twilio.sms-from} or else through the Messaging
 * Service {@code guest-journey.twilio.messaging-service-sid}.
 */
@Component
class TwilioSmsChannel extends TwilioChannel {

  static final String NO_SENDER =
      "SMS disabled: no sender configured"
          + " (GUEST_JOURNEY_TWILIO_SMSFROM or GUEST_JOURNEY_TWILIO_MESSAGINGSERVICESID)";

  /** The installation's account only (unit tests of the channel). */
  TwilioSmsChannel(TwilioGateway twilio, TwilioProperties properties) {
    this(twilio, TwilioAccounts.installationOnly(properties));
  }

  @org.springframework.beans.factory.annotation.Autowired
  TwilioSmsChannel(TwilioGateway twilio, TwilioAccounts accounts) {
    super(twilio, accounts);
  }

  @Override
  public ChannelType type() {
    return ChannelType.SMS;
  }

  @Override
  Optional<Sender> sender(TwilioAccount account) {
    if (TwilioProperties.present(account.smsFrom())) {
      return Optional.of(Sender.number(account.smsFrom().strip()));
    }
    if (TwilioProperties.present(account.messagingServiceSid())) {
      return Optional.of(Sender.service(account.messagingServiceSid().strip()));
    }
    return Optional.empty();
  }

  @Override
  String noSender() {
    return NO_SENDER;
  }

  @Override
  String address(String phone) {
    return phone.strip();
  }
}

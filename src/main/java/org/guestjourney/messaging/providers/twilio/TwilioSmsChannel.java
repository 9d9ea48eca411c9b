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

  private final TwilioProperties properties;

  TwilioSmsChannel(TwilioGateway twilio, TwilioProperties properties) {
    super(twilio);
    this.properties = properties;
  }

  @Override
  public ChannelType type() {
    return ChannelType.SMS;
  }

  @Override
  Optional<Sender> sender() {
    if (TwilioProperties.present(properties.smsFrom())) {
      return Optional.of(Sender.number(properties.smsFrom().strip()));
    }
    if (TwilioProperties.present(properties.messagingServiceSid())) {
      return Optional.of(Sender.service(properties.messagingServiceSid().strip()));
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

package org.guestjourney.messaging.providers.twilio;

import java.util.Optional;
import org.guestjourney.messaging.StaffTexts;
import org.guestjourney.messaging.providers.twilio.TwilioGateway.Sender;
import org.springframework.stereotype.Component;

/**
 * Text messages to staff (alerts about urgent and overdue tasks) through the Twilio account and SMS
 * sender the property uses for its guests.
 */
@Component
class TwilioStaffTexts implements StaffTexts {

  private final TwilioGateway twilio;
  private final TwilioAccounts accounts;
  private final TwilioSmsChannel sms;

  TwilioStaffTexts(TwilioGateway twilio, TwilioAccounts accounts, TwilioSmsChannel sms) {
    this.twilio = twilio;
    this.accounts = accounts;
    this.sms = sms;
  }

  @Override
  public Optional<String> unavailableFor(Long propertyId) {
    TwilioAccounts.Resolution r = accounts.forProperty(propertyId);
    if (r.account() == null) {
      return Optional.of(r.whyNot());
    }
    return sms.sender(r.account()).isPresent()
        ? Optional.empty()
        : Optional.of("no SMS sender is set up");
  }

  @Override
  public void send(Long propertyId, String phone, String text) throws Exception {
    TwilioAccounts.Resolution r = accounts.forProperty(propertyId);
    if (r.account() == null) {
      throw new IllegalStateException(r.whyNot());
    }
    Sender sender =
        sms.sender(r.account())
            .orElseThrow(() -> new IllegalStateException("no SMS sender is set up"));
    twilio.send(r.account(), sender, phone, text);
  }
}

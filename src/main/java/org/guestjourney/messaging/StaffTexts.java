package org.guestjourney.messaging;

import java.util.Optional;

/** Text messages to staff, through the SMS provider a property uses (Twilio). */
public interface StaffTexts {

  /** Why no text message can be sent for this property (SMS not set up), or empty when it can. */
  Optional<String> unavailableFor(Long propertyId);

  /** Sends {@code text} to {@code phone} (E.164); throws when the provider did not take it. */
  void send(Long propertyId, String phone, String text) throws Exception;
}

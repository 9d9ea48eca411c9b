package org.guestjourney.messaging.providers.twilio;

/**
 * The Twilio account a property sends from: its SID and auth token, and its senders (any may be
 * null). Each property may have its own (table {@code twilio_sender}, token from the environment);
 * a property without one uses the installation's account ({@code guest-journey.twilio.*}).
 */
record TwilioAccount(
    String accountSid,
    String authToken,
    String smsFrom,
    String whatsappFrom,
    String messagingServiceSid) {

  @Override
  public String toString() {
    return "TwilioAccount[" + accountSid + "]"; // never the token
  }
}

package org.guestjourney.messaging;

/**
 * The provider refused the message for good (invalid number, recipient unsubscribed, ...): sending
 * it again cannot succeed. {@code recipientOptedOut} is set when the provider says the recipient
 * has unsubscribed from this sender (Twilio error 21610).
 */
public class ProviderRejection extends Exception {

  private final String code;
  private final boolean recipientOptedOut;

  public ProviderRejection(String code, String message, boolean recipientOptedOut) {
    super(message);
    this.code = code;
    this.recipientOptedOut = recipientOptedOut;
  }

  public String code() {
    return code;
  }

  public boolean recipientOptedOut() {
    return recipientOptedOut;
  }
}

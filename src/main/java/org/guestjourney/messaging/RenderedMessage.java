package org.guestjourney.messaging;

/**
 * A message exactly as the guest reads it: subject and HTML for e-mail, {@code text} for SMS and
 * WhatsApp (null when the message was rendered for e-mail only).
 */
public record RenderedMessage(String language, String subject, String htmlBody, String text) {

  public RenderedMessage(String language, String subject, String htmlBody) {
    this(language, subject, htmlBody, null);
  }
}

package org.guestjourney.guest;

/**
 * A guest. Email and phone (E.164) are optional, but at least one is known. {@code
 * preferredChannel} (EMAIL, SMS, WHATSAPP) is how they like to be reached; null means the
 * property's default order.
 */
public record Guest(
    long id,
    String fullName,
    String email,
    String phone,
    String preferredLanguage,
    String preferredChannel) {

  /** A guest without a channel preference. */
  public Guest(long id, String fullName, String email, String phone, String preferredLanguage) {
    this(id, fullName, email, phone, preferredLanguage, null);
  }
}

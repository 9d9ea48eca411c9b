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
    String preferredChannel,
    String timeZone) {

  /** A guest without a channel preference, at home in the property's time zone. */
  public Guest(long id, String fullName, String email, String phone, String preferredLanguage) {
    this(id, fullName, email, phone, preferredLanguage, null, null);
  }

  /** Where the guest is when not at the property, if they told us. */
  public java.util.Optional<java.time.ZoneId> homeZone() {
    return timeZone == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(java.time.ZoneId.of(timeZone));
  }
}

package org.guestjourney.booking;

import java.time.LocalDate;

/** A booking as an integrator (PMS, channel manager, OTA) or the demo loader sends it. */
public record BookingRequest(
    Long propertyId,
    String externalReference,
    String sourceChannel,
    LocalDate arrivalDate,
    LocalDate departureDate,
    String room,
    Integer partySize,
    @org.guestjourney.web.MultiLine String specialRequests,
    GuestDetails guest) {

  /**
   * The guest's contact details. Phone numbers are E.164 (+ country code, digits only); {@code
   * preferredChannel} (EMAIL, SMS, WHATSAPP) is optional, and so is {@code timeZone} (IANA, e.g.
   * {@code Asia/Shanghai}): where the guest lives, for quiet hours before and after the stay.
   */
  public record GuestDetails(
      String fullName,
      String email,
      String phone,
      String preferredLanguage,
      String preferredChannel,
      String timeZone) {

    public GuestDetails(String fullName, String email, String phone, String preferredLanguage) {
      this(fullName, email, phone, preferredLanguage, null, null);
    }

    public GuestDetails(
        String fullName,
        String email,
        String phone,
        String preferredLanguage,
        String preferredChannel) {
      this(fullName, email, phone, preferredLanguage, preferredChannel, null);
    }
  }
}

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
    String specialRequests,
    GuestDetails guest) {

  /**
   * The guest's contact details. Phone numbers are E.164 (+ country code, digits only); {@code
   * preferredChannel} (EMAIL, SMS, WHATSAPP) is optional.
   */
  public record GuestDetails(
      String fullName,
      String email,
      String phone,
      String preferredLanguage,
      String preferredChannel) {

    public GuestDetails(String fullName, String email, String phone, String preferredLanguage) {
      this(fullName, email, phone, preferredLanguage, null);
    }
  }
}

package org.guestjourney.inquiry;

/** What a website form, OTA message or e-mail gateway sends when someone asks before booking. */
public record InquiryRequest(
    Long propertyId,
    String fullName,
    String email,
    String phone,
    String preferredLanguage,
    @org.guestjourney.web.MultiLine String message) {}

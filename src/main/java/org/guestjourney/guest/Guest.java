package org.guestjourney.guest;

/** A guest. Email and phone (E.164) are optional, but at least one is known. */
public record Guest(
    long id, String fullName, String email, String phone, String preferredLanguage) {}

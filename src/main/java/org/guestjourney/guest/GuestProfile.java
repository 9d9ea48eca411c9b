package org.guestjourney.guest;

import java.time.LocalDate;
import java.util.List;

/**
 * One person across their bookings (ADR 0062): what staff know of them beyond a single stay. The
 * guest rows (one per booking, with the contacts given for it) point here. {@code mergedInto} is
 * set when a manager merged this profile into another one; its guests then belong to that one.
 */
public record GuestProfile(
    long id,
    Long mergedInto,
    String preferences,
    String allergies,
    String specialNeeds,
    LocalDate birthday,
    LocalDate anniversary,
    List<String> tags) {

  /** The tags staff pick most often; any other word is a tag too. */
  public static final List<String> SUGGESTED_TAGS = List.of("VIP", "family", "business");

  /** The tag every guest with more than one stay has, never stored: it follows from the stays. */
  public static final String RETURNING = "returning";
}

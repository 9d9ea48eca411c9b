package org.guestjourney.survey;

import java.time.Instant;

/** A survey link sent to one guest. */
public record Invitation(
    long id,
    long bookingId,
    SurveyKind kind,
    String language,
    Instant expiresAt,
    Instant answeredAt,
    String answers,
    String draft) {

  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}

package org.guestjourney.feedback;

import java.time.Instant;

/**
 * What a guest wrote, and its class. {@code classifiedBy} is {@code rules} (the DMN table) or the
 * staff member who corrected it; type and urgency are null until classified.
 */
public record Feedback(
    long id,
    long bookingId,
    String source,
    Long surveyInvitationId,
    Long complaintId,
    String text,
    String type,
    String urgency,
    boolean suggestion,
    String classifiedBy,
    Instant correctedAt,
    Instant adoptedAt,
    String adoptedBy,
    Instant createdAt) {

  public static final String BY_RULES = "rules";

  public boolean correctedByStaff() {
    return correctedAt != null;
  }
}

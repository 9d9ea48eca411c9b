package org.guestjourney.guest;

import java.time.Instant;

/**
 * "Possibly the same guest": two profiles that share a phone number ({@code SAME_PHONE}) or a name
 * with another e-mail address ({@code SAME_NAME}), until a manager merges them ({@code MERGED}) or
 * keeps them apart ({@code KEPT_APART}).
 */
public record ProfileSuggestion(
    long id,
    long profileId,
    long otherProfileId,
    String reason,
    String state,
    Instant createdAt,
    String decidedBy,
    Instant decidedAt) {

  public boolean open() {
    return "OPEN".equals(state);
  }
}

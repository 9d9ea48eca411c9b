package org.guestjourney.security;

import java.time.Instant;
import java.util.Set;

/**
 * An integration's key to the API ({@code Authorization: Bearer gjk_...}).
 *
 * @param id key id
 * @param name what the manager called it ("Channel manager", "Website form")
 * @param prefix the token's public part, shown in lists so a key can be recognised
 * @param scope read only, or read and write
 * @param allProperties whether it works for every property, present and future
 * @param propertyIds the properties it works for when not all
 * @param createdBy the manager who created it
 * @param createdAt when
 * @param revokedAt when it was revoked, or null while it works
 * @param lastUsedAt last use (to the minute), or null
 * @param requestsPerMinute how many calls a minute it may make; more get 429
 */
public record ApiKey(
    long id,
    String name,
    String prefix,
    Scope scope,
    boolean allProperties,
    Set<Long> propertyIds,
    String createdBy,
    Instant createdAt,
    Instant revokedAt,
    Instant lastUsedAt,
    int requestsPerMinute)
    implements java.io.Serializable {

  /**
   * What a key may do. ADMIN may also create, list and revoke keys over {@code /api/keys} (ADR
   * 0032); no other key may touch keys.
   */
  public enum Scope {
    READ,
    WRITE,
    ADMIN
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public boolean covers(long propertyId) {
    return allProperties || propertyIds.contains(propertyId);
  }
}

package org.guestjourney.guest;

import java.time.Instant;
import java.util.List;

/**
 * A merge as logged: the guest rows it moved from {@code mergedProfileId} to {@code keptProfileId}
 * and what it copied over (tags and facts the kept profile lacked, as JSON), so that it can be
 * undone.
 */
public record ProfileMerge(
    long id,
    long keptProfileId,
    long mergedProfileId,
    List<Long> guestIds,
    String copied,
    Long suggestionId,
    String mergedBy,
    Instant mergedAt,
    String undoneBy,
    Instant undoneAt) {

  public boolean undone() {
    return undoneAt != null;
  }
}

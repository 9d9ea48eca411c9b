package org.guestjourney.messaging;

/**
 * A provider's delivery status, mapped to ours. Statuses only move forward: a late "sent" never
 * overwrites "delivered" or "read".
 */
public enum ProviderStatus {
  QUEUED(1),
  SENT(2),
  DELIVERED(3),
  UNDELIVERED(3),
  FAILED(3),
  /** E-mail: the receiving server refused it (reported by the mail provider). */
  BOUNCED(3),
  READ(4),
  /** E-mail: the guest marked it as spam (reported by the mail provider). */
  COMPLAINED(5);

  private final int rank;

  ProviderStatus(int rank) {
    this.rank = rank;
  }

  /** Whether moving from this status to {@code next} is progress (never backwards). */
  public boolean canMoveTo(ProviderStatus next) {
    return next.rank > rank;
  }
}

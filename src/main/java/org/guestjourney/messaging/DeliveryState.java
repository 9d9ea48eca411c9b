package org.guestjourney.messaging;

/**
 * Where a planned message stands. SENDING is held only while one worker talks to the channel; a
 * message in SENT, SKIPPED or CANCELLED is final and is never sent (again).
 */
public enum DeliveryState {
  SCHEDULED,
  SENDING,
  SENT,
  SKIPPED,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this == SENT || this == SKIPPED || this == CANCELLED;
  }
}

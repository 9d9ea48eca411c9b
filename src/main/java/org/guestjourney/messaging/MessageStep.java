package org.guestjourney.messaging;

import java.util.Arrays;

/**
 * Every kind of message a journey sends. The code is used in BPMN task headers ({@code
 * messageStep}), template file names and idempotency keys.
 */
public enum MessageStep {
  BOOKING_CONFIRMATION("booking-confirmation", "Booking confirmation", true),
  BOOKING_CHANGED("booking-changed", "Booking change confirmation", true),
  CHECK_IN_GUIDE("check-in-guide", "Check-in guide", true),
  DAY_BEFORE_REMINDER("day-before-reminder", "Day-before reminder (asks arrival time)", true),
  BOOKING_CANCELLATION("booking-cancellation", "Cancellation acknowledgement", true),
  COMPENSATION_OFFER("compensation-offer", "Apology and compensation", true);

  private final String code;
  private final String label;
  private final boolean transactional;

  MessageStep(String code, String label, boolean transactional) {
    this.code = code;
    this.label = label;
    this.transactional = transactional;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** Transactional messages go regardless of marketing consent. */
  public boolean transactional() {
    return transactional;
  }

  public static MessageStep fromCode(String code) {
    return Arrays.stream(values())
        .filter(s -> s.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown message step '" + code + "'"));
  }
}

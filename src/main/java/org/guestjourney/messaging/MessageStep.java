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
  COMPENSATION_OFFER("compensation-offer", "Apology and compensation", true),
  STAFF_REPLY("staff-reply", "Reply from the team", true),
  INQUIRY_HOLDING_REPLY("inquiry-holding-reply", "Holding reply to an inquiry", true),
  INQUIRY_ANSWER("inquiry-answer", "Answer to an inquiry", true),
  WELCOME("welcome", "Welcome with house manual", true),
  QUICK_SURVEY("quick-survey", "Quick survey after the first night", false),
  COURTESY_CHECK_IN("courtesy-check-in", "Courtesy check-in", true),
  REQUEST_PROGRESS("request-progress", "Progress on a guest request", true),
  THANK_YOU("thank-you", "Thank-you after check-out", true),
  SATISFACTION_SURVEY("satisfaction-survey", "Satisfaction survey", false),
  SATISFACTION_SURVEY_REMINDER(
      "satisfaction-survey-reminder", "Satisfaction survey reminder", false),
  REVIEW_REQUEST("review-request", "Review request", false);

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

  /**
   * Transactional messages (booking, stay, service) go regardless of marketing consent. The others
   * (surveys, review requests) carry a one-click unsubscribe and respect it.
   */
  public boolean transactional() {
    return transactional;
  }

  /**
   * Proactive messages wait for the end of quiet hours; answers to something the guest just did (a
   * booking, a change, a question, a complaint, a request) go at once.
   */
  public boolean waitsForQuietHours() {
    return switch (this) {
      case CHECK_IN_GUIDE,
          DAY_BEFORE_REMINDER,
          WELCOME,
          QUICK_SURVEY,
          COURTESY_CHECK_IN,
          THANK_YOU,
          SATISFACTION_SURVEY,
          SATISFACTION_SURVEY_REMINDER,
          REVIEW_REQUEST ->
          true;
      default -> false;
    };
  }

  public static MessageStep fromCode(String code) {
    return Arrays.stream(values())
        .filter(s -> s.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown message step '" + code + "'"));
  }
}

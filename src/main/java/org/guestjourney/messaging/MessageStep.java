package org.guestjourney.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A kind of message a journey sends: its template key ({@code code}), a label for people, its
 * purpose and whether it waits for the end of quiet hours. Journey steps are defined in the BPMN
 * (the send step's headers, see {@code bpmn/element-templates/guest-message.json}); the constants
 * below are the messages the shipped journeys and the app itself send. A step a manager adds in the
 * modeler is just as good: {@link #of} builds it from the model.
 */
public record MessageStep(String code, String label, Purpose purpose, boolean waitsForQuietHours) {

  /** What a message is for; it decides consent, quiet hours and caps. */
  public enum Purpose {
    /** About the booking or the stay: goes regardless of marketing consent. */
    SERVICE,
    /** Asks for the guest's opinion: respects unsubscribe and the frequency caps. */
    SURVEY,
    /** Asks for a public review: respects unsubscribe and the frequency caps. */
    REVIEW,
    /** News and offers: only with consent; respects unsubscribe and the caps. */
    MARKETING;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Purpose fromCode(String code) {
      for (Purpose p : values()) {
        if (p.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
          return p;
        }
      }
      throw new IllegalArgumentException(
          "Unknown message purpose '" + code + "' (service, survey, review or marketing)");
    }
  }

  public MessageStep {
    Objects.requireNonNull(code, "code");
    if (!code.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException(
          "A message key is lower-case words joined by dashes, e.g. local-tips; got '"
              + code
              + "'");
    }
    label = label == null || label.isBlank() ? code : label;
    Objects.requireNonNull(purpose, "purpose");
  }

  public static final MessageStep BOOKING_CONFIRMATION =
      service("booking-confirmation", "Booking confirmation", false);
  public static final MessageStep BOOKING_CHANGED =
      service("booking-changed", "Booking change confirmation", false);
  public static final MessageStep CHECK_IN_GUIDE =
      service("check-in-guide", "Check-in guide", true);
  public static final MessageStep DAY_BEFORE_REMINDER =
      service("day-before-reminder", "Day-before reminder (asks arrival time)", true);
  public static final MessageStep BOOKING_CANCELLATION =
      service("booking-cancellation", "Cancellation acknowledgement", false);
  public static final MessageStep COMPENSATION_OFFER =
      service("compensation-offer", "Apology and compensation", false);
  public static final MessageStep STAFF_REPLY =
      service("staff-reply", "Reply from the team", false);
  public static final MessageStep INQUIRY_HOLDING_REPLY =
      service("inquiry-holding-reply", "Holding reply to an inquiry", false);
  public static final MessageStep INQUIRY_ANSWER =
      service("inquiry-answer", "Answer to an inquiry", false);
  public static final MessageStep WELCOME = service("welcome", "Welcome with house manual", true);
  public static final MessageStep QUICK_SURVEY =
      new MessageStep("quick-survey", "Quick survey after the first night", Purpose.SURVEY, true);
  public static final MessageStep COURTESY_CHECK_IN =
      service("courtesy-check-in", "Courtesy check-in", true);
  public static final MessageStep REQUEST_PROGRESS =
      service("request-progress", "Progress on a guest request", false);
  public static final MessageStep THANK_YOU =
      service("thank-you", "Thank-you after check-out", true);
  public static final MessageStep SATISFACTION_SURVEY =
      new MessageStep("satisfaction-survey", "Satisfaction survey", Purpose.SURVEY, true);
  public static final MessageStep SATISFACTION_SURVEY_REMINDER =
      new MessageStep(
          "satisfaction-survey-reminder", "Satisfaction survey reminder", Purpose.SURVEY, true);
  public static final MessageStep REVIEW_REQUEST =
      new MessageStep("review-request", "Review request", Purpose.REVIEW, true);

  private static final List<MessageStep> KNOWN =
      List.of(
          BOOKING_CONFIRMATION,
          BOOKING_CHANGED,
          CHECK_IN_GUIDE,
          DAY_BEFORE_REMINDER,
          BOOKING_CANCELLATION,
          COMPENSATION_OFFER,
          STAFF_REPLY,
          INQUIRY_HOLDING_REPLY,
          INQUIRY_ANSWER,
          WELCOME,
          QUICK_SURVEY,
          COURTESY_CHECK_IN,
          REQUEST_PROGRESS,
          THANK_YOU,
          SATISFACTION_SURVEY,
          SATISFACTION_SURVEY_REMINDER,
          REVIEW_REQUEST);

  private static MessageStep service(String code, String label, boolean waits) {
    return new MessageStep(code, label, Purpose.SERVICE, waits);
  }

  /** A step as the model defines it (the send step's headers). */
  public static MessageStep of(
      String code, String label, Purpose purpose, boolean waitsForQuietHours) {
    return new MessageStep(code, label, purpose, waitsForQuietHours);
  }

  /** The messages the shipped journeys and the app send, with their default rules. */
  public static List<MessageStep> values() {
    return KNOWN;
  }

  /**
   * Service messages (booking, stay, service) go regardless of marketing consent. The others
   * (surveys, review requests, marketing) carry a one-click unsubscribe and respect it.
   */
  public boolean transactional() {
    return purpose == Purpose.SERVICE;
  }

  public static Optional<MessageStep> known(String code) {
    return KNOWN.stream().filter(s -> s.code.equals(code)).findFirst();
  }

  /** One of the built-in steps by its key. */
  public static MessageStep fromCode(String code) {
    return known(code)
        .orElseThrow(() -> new IllegalArgumentException("Unknown message step '" + code + "'"));
  }

  /** A step read back from a delivery record: the stored rules win over the built-in defaults. */
  public static MessageStep restore(
      String code, String label, String purpose, Boolean waitsForQuietHours) {
    Optional<MessageStep> known = known(code);
    if (purpose == null || waitsForQuietHours == null) {
      return known.orElseGet(() -> new MessageStep(code, label, Purpose.SERVICE, true));
    }
    return new MessageStep(
        code,
        label != null ? label : known.map(MessageStep::label).orElse(code),
        Purpose.fromCode(purpose),
        waitsForQuietHours);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageStep other && other.code.equals(code);
  }

  @Override
  public int hashCode() {
    return code.hashCode();
  }

  @Override
  public String toString() {
    return code;
  }
}

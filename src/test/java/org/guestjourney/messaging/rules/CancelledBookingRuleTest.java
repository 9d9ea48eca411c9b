package org.guestjourney.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guestjourney.messaging.rules.RuleFixtures.*;

import java.time.Instant;
import java.time.LocalDate;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingStatus;
import org.guestjourney.messaging.MessageStep;
import org.junit.jupiter.api.Test;

class CancelledBookingRuleTest {

  private final CancelledBookingRule rule = new CancelledBookingRule();
  private final Instant now = at(2026, 12, 1, 10, 0, ROME);
  private final Booking cancelled =
      booking(LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 12), BookingStatus.CANCELLED);

  private SendContext message(MessageStep step, Booking booking) {
    return context(step, booking, guest(null), property(ROME), settings(), now);
  }

  @Test
  void aCancelledBookingGetsNoReminderNotEvenWhenStaffAsk() {
    SendDecision expected =
        new SendDecision.Skip("The booking was cancelled before this message was due");

    assertThat(rule.decide(message(MessageStep.DAY_BEFORE_REMINDER, cancelled)))
        .isEqualTo(expected);
    assertThat(rule.decide(byStaff(message(MessageStep.DAY_BEFORE_REMINDER, cancelled))))
        .isEqualTo(expected);
  }

  @Test
  void theCancellationAcknowledgementGoes() {
    assertThat(rule.decide(message(MessageStep.BOOKING_CANCELLATION, cancelled)))
        .isEqualTo(SendDecision.SEND);
  }

  @Test
  void aConfirmedBookingAndAnInquiryGetTheirMessages() {
    Booking confirmed = booking(LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 12));

    assertThat(rule.decide(message(MessageStep.DAY_BEFORE_REMINDER, confirmed)))
        .isEqualTo(SendDecision.SEND);
    assertThat(rule.decide(message(MessageStep.INQUIRY_ANSWER, null))).isEqualTo(SendDecision.SEND);
  }
}

package org.guestjourney.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guestjourney.messaging.rules.RuleFixtures.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.JourneySettings;
import org.junit.jupiter.api.Test;

class StayCapRuleTest {

  private static final JourneySettings TWO_A_STAY =
      settings(LocalTime.of(21, 0), LocalTime.of(9, 0), 3, 2);

  private final Sent sent = new Sent();
  private final StayCapRule rule = new StayCapRule(sent);
  private final Booking stay = booking(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 4));
  private final Instant now = at(2026, 12, 5, 10, 0, ROME);

  @Test
  void oneBelowTheStayCapGoesAndAtTheCapASurveyIsSkipped() {
    SendContext c =
        context(
            MessageStep.SATISFACTION_SURVEY, stay, guest(null), property(ROME), TWO_A_STAY, now);
    sent.add(at(2026, 11, 20, 10, 0, ROME));

    assertThat(rule.decide(c)).isEqualTo(SendDecision.SEND);

    sent.add(at(2026, 12, 1, 10, 0, ROME));
    assertThat(rule.decide(c))
        .isEqualTo(
            new SendDecision.Skip(
                "Frequency cap: 2 messages already went to this guest during this stay"
                    + " (the property's cap is 2 per stay); not sent"));
  }

  @Test
  void staffSendNowDoesNotLiftTheStayCap() {
    sent.add(at(2026, 11, 20, 10, 0, ROME), at(2026, 12, 1, 10, 0, ROME));
    SendContext c =
        context(MessageStep.REVIEW_REQUEST, stay, guest(null), property(ROME), TWO_A_STAY, now);

    assertThat(rule.decide(byStaff(c))).isInstanceOf(SendDecision.Skip.class);
  }

  @Test
  void serviceMessagesAndMessagesWithoutABookingAreNeverCapped() {
    sent.add(
        at(2026, 11, 20, 10, 0, ROME), at(2026, 12, 1, 10, 0, ROME), at(2026, 12, 2, 10, 0, ROME));

    assertThat(
            rule.decide(
                context(MessageStep.THANK_YOU, stay, guest(null), property(ROME), TWO_A_STAY, now)))
        .isEqualTo(SendDecision.SEND);
    assertThat(
            rule.decide(
                context(
                    MessageStep.REVIEW_REQUEST,
                    null,
                    guest(null),
                    property(ROME),
                    TWO_A_STAY,
                    now)))
        .isEqualTo(SendDecision.SEND);
  }
}

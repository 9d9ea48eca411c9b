package org.guestjourney.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guestjourney.messaging.rules.RuleFixtures.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.MessageStep;
import org.junit.jupiter.api.Test;

class SpacingRuleTest {

  private final Sent sent = new Sent();
  private final SpacingRule rule =
      new SpacingRule(sent, messaging(Duration.ofHours(1), Duration.ofMinutes(10)));
  private final Booking booking = booking(LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 12));
  private final Instant now = at(2026, 12, 1, 10, 0, SHANGHAI);

  private SendContext reminder() {
    return context(
        MessageStep.DAY_BEFORE_REMINDER,
        booking,
        guest(NEW_YORK),
        property(SHANGHAI),
        settings(),
        now);
  }

  @Test
  void aMessageRightAfterAnotherWaitsForTheGap() {
    sent.add(now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofMinutes(4)));

    assertThat(rule.decide(reminder()))
        .isEqualTo(
            new SendDecision.WaitUntil(
                now.plus(Duration.ofMinutes(6)),
                "Spaced out: another message went to this guest a moment ago; goes at"
                    + " 2026-12-01 10:06 CST"));
  }

  @Test
  void aMessageExactlyTheGapAfterTheLastOneGoes() {
    sent.add(now.minus(Duration.ofMinutes(10)));

    assertThat(rule.decide(reminder())).isEqualTo(SendDecision.SEND);
  }

  @Test
  void theFirstMessageGoes() {
    assertThat(rule.decide(reminder())).isEqualTo(SendDecision.SEND);
  }

  @Test
  void staffSendNowAndMessagesThatDoNotWaitAreNotSpaced() {
    sent.add(now.minus(Duration.ofMinutes(1)));

    assertThat(rule.decide(byStaff(reminder()))).isEqualTo(SendDecision.SEND);
    assertThat(
            rule.decide(
                context(
                    MessageStep.BOOKING_CHANGED,
                    booking,
                    guest(null),
                    property(SHANGHAI),
                    settings(),
                    now)))
        .isEqualTo(SendDecision.SEND);
  }
}

package org.guestjourney.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guestjourney.messaging.rules.RuleFixtures.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.MessageStep;
import org.junit.jupiter.api.Test;

class ChannelRuleTest {

  private static final String NO_WAY =
      "No way to reach the guest: email: the guest has no e-mail address;"
          + " sms: the number opted out";

  private final ChannelRule rule = new ChannelRule();
  private final Booking booking = booking(LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 12));
  private final Instant now = at(2026, 12, 1, 10, 0, ROME);

  private SendContext message(MessageStep step, SendContext.Reach reach) {
    return new SendContext(
        step, due(step, now), booking, guest(null), property(ROME), settings(), now, false, reach);
  }

  @Test
  void aServiceMessageNoChannelReachesMakesTheGuestUnreachable() {
    assertThat(rule.decide(message(MessageStep.DAY_BEFORE_REMINDER, () -> Optional.of(NO_WAY))))
        .isEqualTo(new SendDecision.Skip(NO_WAY, true));
  }

  @Test
  void aSurveyNoChannelReachesIsSkippedWithoutCallingForAPerson() {
    assertThat(rule.decide(message(MessageStep.SATISFACTION_SURVEY, () -> Optional.of(NO_WAY))))
        .isEqualTo(new SendDecision.Skip(NO_WAY, false));
  }

  @Test
  void staffSendNowCannotReachAGuestWhoOptedOut() {
    assertThat(
            rule.decide(
                byStaff(message(MessageStep.DAY_BEFORE_REMINDER, () -> Optional.of(NO_WAY)))))
        .isInstanceOf(SendDecision.Skip.class);
  }

  @Test
  void aReachableGuestGetsTheMessageAndTheChannelIsChosenOnce() {
    AtomicInteger asked = new AtomicInteger();

    assertThat(
            rule.decide(
                message(
                    MessageStep.CHECK_IN_GUIDE,
                    () -> {
                      asked.incrementAndGet();
                      return Optional.empty();
                    })))
        .isEqualTo(SendDecision.SEND);
    assertThat(asked).hasValue(1);
  }
}

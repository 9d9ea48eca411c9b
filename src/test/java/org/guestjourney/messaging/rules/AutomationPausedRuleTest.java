package org.guestjourney.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guestjourney.messaging.rules.RuleFixtures.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.booking.Booking;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.rules.PausedBookings.Pause;
import org.junit.jupiter.api.Test;

class AutomationPausedRuleTest {

  private final Map<Long, Pause> paused = new HashMap<>();
  private final AutomationPausedRule rule =
      new AutomationPausedRule(id -> Optional.ofNullable(paused.get(id)));
  private final Booking booking = booking(LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 12));
  private final Instant now = at(2026, 12, 1, 10, 0, SHANGHAI);

  private SendContext message(MessageStep step) {
    return context(step, booking, guest(NEW_YORK), property(SHANGHAI), settings(), now);
  }

  @Test
  void aPausedBookingGetsNoAutomaticMessageAndThePageSaysWhoPausedItInTheHousesTime() {
    paused.put(42L, new Pause("anna", "guest asked for calm", at(2026, 11, 30, 18, 5, SHANGHAI)));

    assertThat(rule.decide(message(MessageStep.CHECK_IN_GUIDE)))
        .isEqualTo(
            new SendDecision.Skip(
                "Automation paused for this guest by anna on 2026-11-30 18:05 CST"
                    + " (guest asked for calm); not sent"));
  }

  @Test
  void aPauseWithoutANoteSaysWhoAndWhen() {
    paused.put(42L, new Pause("marco", null, at(2026, 11, 30, 18, 5, SHANGHAI)));

    assertThat(rule.decide(message(MessageStep.SATISFACTION_SURVEY)))
        .isEqualTo(
            new SendDecision.Skip(
                "Automation paused for this guest by marco on 2026-11-30 18:05 CST; not sent"));
  }

  @Test
  void staffSendNowDoesNotOverrideAPauseButAHandWrittenReplyGoes() {
    paused.put(42L, new Pause("anna", null, at(2026, 11, 30, 18, 5, SHANGHAI)));

    assertThat(rule.decide(byStaff(message(MessageStep.DAY_BEFORE_REMINDER))))
        .isInstanceOf(SendDecision.Skip.class);
    assertThat(rule.decide(byStaff(message(MessageStep.STAFF_REPLY)))).isEqualTo(SendDecision.SEND);
  }

  @Test
  void anotherBookingsPauseDoesNotMatter() {
    paused.put(43L, new Pause("anna", null, at(2026, 11, 30, 18, 5, SHANGHAI)));

    assertThat(rule.decide(message(MessageStep.CHECK_IN_GUIDE))).isEqualTo(SendDecision.SEND);
  }
}

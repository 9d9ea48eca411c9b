package org.guestjourney.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guestjourney.messaging.rules.RuleFixtures.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.guestjourney.messaging.MessageStep;
import org.junit.jupiter.api.Test;

class StaleMessageRuleTest {

  private final StaleMessageRule rule =
      new StaleMessageRule(messaging(Duration.ofHours(1), Duration.ofMinutes(10)));
  private final Instant due = at(2026, 12, 1, 10, 0, ROME);

  private SendContext turnAt(Instant now, boolean byStaff) {
    SendContext c =
        new SendContext(
            MessageStep.CHECK_IN_GUIDE,
            due(MessageStep.CHECK_IN_GUIDE, due),
            booking(LocalDate.of(2026, 12, 4), LocalDate.of(2026, 12, 6)),
            guest(NEW_YORK),
            property(ROME),
            settings(),
            now,
            false,
            REACHABLE);
    return byStaff ? byStaff(c) : c;
  }

  @Test
  void aMessageUpToTheStaleWindowLateStillGoes() {
    assertThat(rule.decide(turnAt(due.plus(Duration.ofHours(1)), false)))
        .isEqualTo(SendDecision.SEND);
  }

  @Test
  void aMessageLaterThanTheStaleWindowIsSkippedInTheHousesTime() {
    assertThat(rule.decide(turnAt(due.plus(Duration.ofMinutes(61)), false)))
        .isEqualTo(
            new SendDecision.Skip(
                "Stale: due at 2026-12-01 10:00 CET but its turn came at 2026-12-01 11:01 CET"
                    + " (more than 1h late); not sent late"));
  }

  @Test
  void staffCannotSendAStaleMessage() {
    assertThat(rule.decide(turnAt(due.plus(Duration.ofHours(3)), true)))
        .isInstanceOf(SendDecision.Skip.class);
  }
}

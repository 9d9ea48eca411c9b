package org.guestjourney.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guestjourney.messaging.rules.RuleFixtures.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/** The rules are asked in the order Spring gives them, which their {@code @Order} fixes. */
class SendRuleOrderTest {

  private final RuleFixtures.Sent sent = new RuleFixtures.Sent();

  @Test
  void finalRulesComeBeforeTheOnesThatOnlyDelay() {
    List<SendRule> rules =
        new ArrayList<>(
            List.of(
                new DailyCapRule(sent),
                new SpacingRule(sent, messaging()),
                new QuietHoursRule(),
                new ChannelRule(),
                new StayCapRule(sent),
                new AutomationPausedRule(id -> Optional.empty()),
                new StaleMessageRule(messaging()),
                new CancelledBookingRule()));
    Collections.shuffle(rules, new Random(9));

    AnnotationAwareOrderComparator.sort(rules);

    assertThat(rules)
        .extracting(r -> r.getClass().getSimpleName())
        .containsExactly(
            "CancelledBookingRule",
            "StaleMessageRule",
            "AutomationPausedRule",
            "StayCapRule",
            "ChannelRule",
            "QuietHoursRule",
            "SpacingRule",
            "DailyCapRule");
    assertThat(rules.stream().filter(SendRule::appliesToFallbacks))
        .extracting(r -> r.getClass().getSimpleName())
        .containsExactly(
            "CancelledBookingRule", "StaleMessageRule", "AutomationPausedRule", "ChannelRule");
  }
}

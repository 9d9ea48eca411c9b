package org.guestjourney.messaging.rules;

import java.time.Duration;
import org.guestjourney.messaging.MessagingProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A message whose turn comes more than {@code guest-journey.messaging.stale-after} after its
 * planned moment (engine down, backlog) is skipped, never sent late; staff cannot override it.
 */
@Component
@Order(SendRule.STALE)
public class StaleMessageRule implements SendRule {

  private final MessagingProperties settings;

  public StaleMessageRule(MessagingProperties settings) {
    this.settings = settings;
  }

  @Override
  public SendDecision decide(SendContext c) {
    Duration late = Duration.between(c.delivery().plannedAt(), c.now());
    if (late.compareTo(settings.staleAfter()) <= 0) {
      return SendDecision.SEND;
    }
    return new SendDecision.Skip(
        "Stale: due at "
            + c.atProperty(c.delivery().plannedAt())
            + " but its turn came at "
            + c.atProperty(c.now())
            + " (more than "
            + human(settings.staleAfter())
            + " late); not sent late");
  }

  @Override
  public boolean appliesToFallbacks() {
    return true;
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase();
  }
}

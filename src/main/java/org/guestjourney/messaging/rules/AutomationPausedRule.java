package org.guestjourney.messaging.rules;

import org.guestjourney.messaging.MessageStep;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Staff paused the booking's automation: only hand-written replies go. Staff "send now" does not
 * override a pause (resume first).
 */
@Component
@Order(SendRule.PAUSED)
public class AutomationPausedRule implements SendRule {

  private final PausedBookings pauses;

  public AutomationPausedRule(PausedBookings pauses) {
    this.pauses = pauses;
  }

  @Override
  public SendDecision decide(SendContext c) {
    if (c.booking() == null || MessageStep.STAFF_REPLY.equals(c.step())) {
      return SendDecision.SEND;
    }
    return pauses
        .of(c.booking().id())
        .<SendDecision>map(
            p ->
                new SendDecision.Skip(
                    "Automation paused for this guest by "
                        + p.pausedBy()
                        + " on "
                        + c.atProperty(p.pausedAt())
                        + (p.note() == null ? "" : " (" + p.note() + ")")
                        + "; not sent"))
        .orElse(SendDecision.SEND);
  }

  @Override
  public boolean appliesToFallbacks() {
    return true;
  }
}

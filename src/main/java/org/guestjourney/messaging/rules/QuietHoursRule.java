package org.guestjourney.messaging.rules;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A message that waits for quiet hours and falls due inside the property's quiet hours (e.g.
 * 21:00–09:00) — on the guest's own clock, see {@link SendContext#guestZone()} — waits for their
 * end. Staff "send now" overrides it.
 */
@Component
@Order(SendRule.QUIET_HOURS)
public class QuietHoursRule implements SendRule {

  @Override
  public SendDecision decide(SendContext c) {
    if (c.byStaff() || !c.step().waitsForQuietHours()) {
      return SendDecision.SEND;
    }
    var local = c.now().atZone(c.guestZone());
    if (!c.settings().isQuiet(local.toLocalTime())) {
      return SendDecision.SEND;
    }
    var end = local.with(c.settings().quietHoursEnd());
    if (!end.isAfter(local)) {
      end = end.plusDays(1);
    }
    return new SendDecision.WaitUntil(
        end.toInstant(),
        "Waiting for the end of quiet hours: goes at " + c.atPropertyAndGuest(end.toInstant()));
  }
}

package org.guestjourney.messaging.rules;

import java.time.Instant;
import java.util.Optional;
import org.guestjourney.messaging.MessagingProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Guests feel watched when messages pile up: a proactive message waits until {@code
 * guest-journey.messaging.min-gap} after the last message to the same booking's guest. Staff "send
 * now" overrides it.
 */
@Component
@Order(SendRule.SPACING)
public class SpacingRule implements SendRule {

  private final SentMessages sent;
  private final MessagingProperties settings;

  public SpacingRule(SentMessages sent, MessagingProperties settings) {
    this.sent = sent;
    this.settings = settings;
  }

  @Override
  public SendDecision decide(SendContext c) {
    if (c.byStaff() || !c.step().waitsForQuietHours() || c.booking() == null) {
      return SendDecision.SEND;
    }
    Optional<Instant> next =
        sent.lastSentAt(c.booking().id())
            .map(last -> last.plus(settings.minGap()))
            .filter(at -> at.isAfter(c.now()));
    if (next.isEmpty()) {
      return SendDecision.SEND;
    }
    return new SendDecision.WaitUntil(
        next.get(),
        "Spaced out: another message went to this guest a moment ago; goes at "
            + c.atProperty(next.get()));
  }
}

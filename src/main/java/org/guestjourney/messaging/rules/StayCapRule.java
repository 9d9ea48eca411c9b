package org.guestjourney.messaging.rules;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Surveys and review requests are not worth a guest's patience once the stay has had the property's
 * {@code maxMessagesPerStay} messages: they are skipped. Service messages always go.
 */
@Component
@Order(SendRule.STAY_CAP)
public class StayCapRule implements SendRule {

  private final SentMessages sent;

  public StayCapRule(SentMessages sent) {
    this.sent = sent;
  }

  @Override
  public SendDecision decide(SendContext c) {
    if (c.step().transactional() || c.booking() == null) {
      return SendDecision.SEND;
    }
    int cap = c.settings().maxMessagesPerStay();
    int count = sent.countSent(c.booking().id());
    if (count < cap) {
      return SendDecision.SEND;
    }
    return new SendDecision.Skip(
        "Frequency cap: "
            + count
            + " messages already went to this guest during this stay (the property's cap is "
            + cap
            + " per stay); not sent");
  }
}

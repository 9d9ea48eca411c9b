package org.guestjourney.messaging.rules;

import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Some channel must reach the guest (an address, the channel configured, no opt-out, no unsubscribe
 * for surveys and review requests). When none does for a service message the guest is unreachable,
 * which the journey may hand to a person; other messages are simply skipped.
 */
@Component
@Order(SendRule.CHANNEL)
public class ChannelRule implements SendRule {

  @Override
  public SendDecision decide(SendContext c) {
    Optional<String> whyNot = c.reach().whyNot();
    if (whyNot.isEmpty()) {
      return SendDecision.SEND;
    }
    return new SendDecision.Skip(whyNot.get(), c.step().transactional());
  }

  @Override
  public boolean appliesToFallbacks() {
    return true;
  }
}

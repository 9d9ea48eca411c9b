package org.guestjourney.messaging;

import java.time.Instant;
import org.guestjourney.clock.DueWork;
import org.springframework.stereotype.Component;

/**
 * For the time machine: messages that fell due and are still scheduled (their job has not run yet),
 * and messages being sent right now (their lease still runs).
 */
@Component
class DueMessages implements DueWork {

  private final DeliveryRepository deliveries;

  DueMessages(DeliveryRepository deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public Unfinished unfinished(Instant since, Instant now) {
    return () -> deliveries.countDueOrSending(since, now);
  }
}

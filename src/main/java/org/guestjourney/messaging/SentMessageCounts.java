package org.guestjourney.messaging;

import java.time.Instant;
import java.util.Optional;
import org.guestjourney.messaging.rules.SentMessages;
import org.springframework.stereotype.Component;

/** The delivery records' answers to what the caps and the spacing ask. */
@Component
class SentMessageCounts implements SentMessages {

  private final DeliveryRepository deliveries;

  SentMessageCounts(DeliveryRepository deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public Optional<Instant> lastSentAt(long bookingId) {
    return deliveries.lastSentAt(bookingId);
  }

  @Override
  public int countSent(long bookingId, Instant from, Instant to) {
    return deliveries.countSent(bookingId, from, to);
  }

  @Override
  public int countSent(long bookingId) {
    return deliveries.countSent(bookingId);
  }
}

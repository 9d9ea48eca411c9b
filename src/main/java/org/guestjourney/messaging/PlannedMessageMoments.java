package org.guestjourney.messaging;

import java.time.Instant;
import java.util.Optional;
import org.guestjourney.clock.PlannedMoments;
import org.springframework.stereotype.Component;

/** The moments scheduled messages are due, for the time machine to stop at. */
@Component
class PlannedMessageMoments implements PlannedMoments {

  private final DeliveryRepository deliveries;

  PlannedMessageMoments(DeliveryRepository deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public Optional<Instant> nextBetween(Instant from, Instant until) {
    return deliveries.nextPlannedBetween(from, until);
  }
}

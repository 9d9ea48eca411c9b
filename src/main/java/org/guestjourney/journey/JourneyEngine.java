package org.guestjourney.journey;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The one place that talks to the process engine about journeys (start, correlate). Works the same
 * on the embedded engine and on a Camunda 8 cluster.
 */
@Component
public class JourneyEngine {

  /** How long a booking message waits for its journey to be ready to receive it. */
  static final Duration MESSAGE_TTL = Duration.ofHours(1);

  private final CamundaClient client;

  JourneyEngine(CamundaClient client) {
    this.client = client;
  }

  /** Starts the pre-arrival journey of a booking (its model starts on a message). */
  public void startPreArrival(long bookingId) {
    // the model starts on this message: published twice (a retried outbox entry, a replica that
    // died after the engine took it, the sweep of bookings without a journey) it starts one journey
    handOver(PreArrivalJourney.MESSAGE_BOOKING_CONFIRMED, bookingId);
  }

  /** Starts the next journey of a booking (message start event), as its predecessor's end does. */
  public void handOver(String messageName, long bookingId) {
    org.guestjourney.outbox.EngineMessages.publishOnce(
        client, messageName, Long.toString(bookingId), MESSAGE_TTL, Map.of("bookingId", bookingId));
  }
}

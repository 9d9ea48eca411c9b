package org.guestjourney.guestrequest;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The guest-request process in the engine: the capability's one place that talks to it. */
@Component
class GuestRequestEngine {

  /** How long the start waits in the engine for a model that takes it (as pre-arrival). */
  static final Duration START_TTL = Duration.ofHours(1);

  private final CamundaClient client;

  GuestRequestEngine(CamundaClient client) {
    this.client = client;
  }

  /**
   * Starts the request's process: its model starts on the message {@link
   * GuestRequestJourney#MESSAGE_GUEST_REQUEST_MADE} (correlation key and message id per request),
   * so a start sent again — a retried outbox entry, a replica that died after the engine took it —
   * is one message and one process. The process's first job records its instance key.
   */
  void start(long requestId, long bookingId, String category) {
    String name = GuestRequestJourney.MESSAGE_GUEST_REQUEST_MADE;
    org.guestjourney.outbox.EngineMessages.publishOnce(
        client,
        name,
        Long.toString(requestId),
        START_TTL,
        Map.of("bookingId", bookingId, "requestId", requestId, "requestCategory", category));
  }
}

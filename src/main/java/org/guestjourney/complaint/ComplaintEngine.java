package org.guestjourney.complaint;

import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The complaint journey in the engine: the capability's one place that talks to it. */
@Component
class ComplaintEngine {

  /** How long the start waits in the engine for a journey model that takes it (as pre-arrival). */
  static final Duration START_TTL = Duration.ofHours(1);

  private final CamundaClient client;

  ComplaintEngine(CamundaClient client) {
    this.client = client;
  }

  /**
   * Starts the complaint's journey: its model starts on the message {@link
   * ComplaintJourney#MESSAGE_COMPLAINT_RAISED} (correlation key and message id per complaint), so a
   * start sent again — a retried outbox entry, a replica that died after the engine took it — is
   * one message and one journey. The journey's first job records its instance key.
   */
  void start(long complaintId, long bookingId, String category, boolean guestInHouse) {
    String name = ComplaintJourney.MESSAGE_COMPLAINT_RAISED;
    org.guestjourney.outbox.EngineMessages.publishOnce(
        client,
        name,
        Long.toString(complaintId),
        START_TTL,
        Map.of(
            "complaintId", complaintId,
            "bookingId", bookingId,
            "category", category,
            "guestInHouse", guestInHouse));
  }
}

package org.guestjourney.guestrequest;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
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
    try {
      client
          .newPublishMessageCommand()
          .messageName(name)
          .correlationKey(Long.toString(requestId))
          .messageId(name + "/" + requestId)
          .timeToLive(START_TTL)
          .variables(
              Map.of("bookingId", bookingId, "requestId", requestId, "requestCategory", category))
          .send()
          .join();
    } catch (ClientStatusException e) {
      if (e.getStatusCode() != io.grpc.Status.Code.ALREADY_EXISTS) {
        throw e;
      }
      // sent already (an earlier attempt reached the engine): the same id is one message
    }
  }
}

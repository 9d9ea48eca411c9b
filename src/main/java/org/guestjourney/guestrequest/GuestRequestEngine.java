package org.guestjourney.guestrequest;

import io.camunda.client.CamundaClient;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The guest-request process in the engine: the capability's one place that talks to it. */
@Component
class GuestRequestEngine {

  private final CamundaClient client;

  GuestRequestEngine(CamundaClient client) {
    this.client = client;
  }

  /** Starts the request's process; returns its instance key. */
  long start(long requestId, long bookingId, String category) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(GuestRequestJourney.PROCESS_ID)
        .latestVersion()
        .variables(
            Map.of("bookingId", bookingId, "requestId", requestId, "requestCategory", category))
        .send()
        .join()
        .getProcessInstanceKey();
  }
}

package org.guestjourney.complaint;

import io.camunda.client.CamundaClient;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The complaint journey in the engine: the capability's one place that talks to it. */
@Component
class ComplaintEngine {

  private final CamundaClient client;

  ComplaintEngine(CamundaClient client) {
    this.client = client;
  }

  /** Starts the complaint's journey; returns its instance key. */
  long start(long complaintId, long bookingId, String category, boolean guestInHouse) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(ComplaintJourney.PROCESS_ID)
        .latestVersion()
        .variables(
            Map.of(
                "complaintId", complaintId,
                "bookingId", bookingId,
                "category", category,
                "guestInHouse", guestInHouse))
        .send()
        .join()
        .getProcessInstanceKey();
  }
}

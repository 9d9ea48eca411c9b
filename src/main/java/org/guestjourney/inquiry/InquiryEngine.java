package org.guestjourney.inquiry;

import io.camunda.client.CamundaClient;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The inquiry process in the engine: the capability's one place that talks to it. */
@Component
class InquiryEngine {

  private final CamundaClient client;

  InquiryEngine(CamundaClient client) {
    this.client = client;
  }

  /** Starts the inquiry's process; returns its instance key. */
  long start(long inquiryId, long propertyId) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(InquiryJourney.PROCESS_ID)
        .latestVersion()
        .variables(Map.of("inquiryId", inquiryId, "propertyId", propertyId))
        .send()
        .join()
        .getProcessInstanceKey();
  }
}

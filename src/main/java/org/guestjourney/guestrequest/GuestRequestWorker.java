package org.guestjourney.guestrequest;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/** Opens a guest request with the deadline the {@code guest-request-sla} table decided. */
@Component
public class GuestRequestWorker {

  static final String OPEN_GUEST_REQUEST = "open-guest-request";

  private final GuestRequestService requests;

  GuestRequestWorker(GuestRequestService requests) {
    this.requests = requests;
  }

  @JobWorker(
      type = OPEN_GUEST_REQUEST,
      fetchVariables = {"requestId", "requestSla"})
  public GuestRequestService.RequestDeadline open(
      ActivatedJob job,
      @Variable long requestId,
      @Variable GuestRequestService.RequestSla requestSla) {
    // the process started on a message: its first job tells the request which instance it is
    requests.processStarted(requestId, job.getProcessInstanceKey());
    return requests.open(requestId, requestSla);
  }
}

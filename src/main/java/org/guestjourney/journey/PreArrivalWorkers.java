package org.guestjourney.journey;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingProperties;
import org.guestjourney.messaging.SendFailedException;
import org.springframework.stereotype.Component;

/** Engine glue of the pre-arrival journey: read the job, call the service, return what changed. */
@Component
public class PreArrivalWorkers {

  static final String PLAN_PRE_ARRIVAL_JOURNEY = "plan-pre-arrival-journey";
  static final String SEND_GUEST_MESSAGE = "send-guest-message";

  private final PreArrivalService service;
  private final MessagingProperties messaging;

  PreArrivalWorkers(PreArrivalService service, MessagingProperties messaging) {
    this.service = service;
    this.messaging = messaging;
  }

  @JobWorker(type = PLAN_PRE_ARRIVAL_JOURNEY, fetchVariables = "bookingId")
  public PreArrivalJourney.Moments plan(@Variable long bookingId) {
    return service.plan(bookingId);
  }

  @JobWorker(type = SEND_GUEST_MESSAGE, fetchVariables = "bookingId")
  public void send(ActivatedJob job, @Variable long bookingId) {
    MessageStep step =
        MessageStep.fromCode(job.getCustomHeaders().get(PreArrivalJourney.HEADER_MESSAGE_STEP));
    try {
      service.send(bookingId, step);
    } catch (SendFailedException e) {
      // temporary: the engine retries after a pause; when retries run out an incident shows it
      throw CamundaError.jobError(
          e.getMessage(), null, job.getRetries() - 1, messaging.retryBackoff(), e);
    }
  }
}

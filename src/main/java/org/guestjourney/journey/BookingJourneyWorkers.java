package org.guestjourney.journey;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.SendFailedException;
import org.guestjourney.messaging.SendRetries;
import org.springframework.stereotype.Component;

/**
 * Engine glue of the booking journeys (pre-arrival, in-stay, post-stay): read the job, call the
 * service, return what changed.
 */
@Component
public class BookingJourneyWorkers {

  static final String PLAN_PRE_ARRIVAL_JOURNEY = "plan-pre-arrival-journey";
  static final String SEND_GUEST_MESSAGE = "send-guest-message";

  private final PreArrivalService service;
  private final StayService stay;
  private final SendRetries retries;

  BookingJourneyWorkers(PreArrivalService service, StayService stay, SendRetries retries) {
    this.service = service;
    this.stay = stay;
    this.retries = retries;
  }

  @JobWorker(type = PLAN_PRE_ARRIVAL_JOURNEY, fetchVariables = "bookingId")
  public PreArrivalJourney.Moments plan(@Variable long bookingId) {
    return service.plan(bookingId);
  }

  static final String CHECK_ARRIVAL_TIME = "check-arrival-time";

  @JobWorker(type = CHECK_ARRIVAL_TIME, fetchVariables = "bookingId")
  public PreArrivalJourney.ArrivalTime checkArrivalTime(@Variable long bookingId) {
    return service.arrivalTime(bookingId);
  }

  static final String PLAN_IN_STAY_JOURNEY = "plan-in-stay-journey";
  static final String PLAN_POST_STAY_JOURNEY = "plan-post-stay-journey";

  @JobWorker(type = PLAN_IN_STAY_JOURNEY, fetchVariables = "bookingId")
  public StayJourneys.InStayMoments planInStay(@Variable long bookingId) {
    return stay.planInStay(bookingId);
  }

  @JobWorker(type = PLAN_POST_STAY_JOURNEY, fetchVariables = "bookingId")
  public StayJourneys.PostStayMoments planPostStay(@Variable long bookingId) {
    return stay.planPostStay(bookingId);
  }

  /** Sends the message named by the task's {@code messageStep} header, for any booking journey. */
  @JobWorker(
      type = SEND_GUEST_MESSAGE,
      fetchVariables = {"bookingId", "requestId"})
  public void send(
      ActivatedJob job,
      @Variable long bookingId,
      @Variable(name = "requestId", optional = true) Long requestId) {
    MessageStep step =
        MessageStep.fromCode(job.getCustomHeaders().get(PreArrivalJourney.HEADER_MESSAGE_STEP));
    try {
      if (PreArrivalJourney.STEPS.contains(step)) {
        service.send(bookingId, step);
      } else {
        stay.send(bookingId, step, requestId);
      }
    } catch (SendFailedException e) {
      // temporary: the engine retries after a pause; when retries run out an incident shows it
      throw retries.jobError(job, e);
    }
  }
}

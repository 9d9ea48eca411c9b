package org.guestjourney.inquiry;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingProperties;
import org.guestjourney.messaging.SendFailedException;
import org.springframework.stereotype.Component;

/** Engine glue of the inquiry journey. */
@Component
public class InquiryWorkers {

  static final String PLAN_INQUIRY_ANSWER = "plan-inquiry-answer";
  static final String SEND_INQUIRY_MESSAGE = "send-inquiry-message";

  private final InquiryService inquiries;
  private final MessagingProperties messaging;
  private final java.time.Clock clock;

  InquiryWorkers(InquiryService inquiries, MessagingProperties messaging, java.time.Clock clock) {
    this.clock = clock;
    this.inquiries = inquiries;
    this.messaging = messaging;
  }

  @JobWorker(type = PLAN_INQUIRY_ANSWER, fetchVariables = "inquiryId")
  public InquiryJourney.AnswerPlan plan(@Variable long inquiryId) {
    return inquiries.planAnswer(inquiryId);
  }

  @JobWorker(type = SEND_INQUIRY_MESSAGE, fetchVariables = "inquiryId")
  public void send(ActivatedJob job, @Variable long inquiryId) {
    MessageStep step =
        MessageStep.fromCode(job.getCustomHeaders().get(InquiryJourney.HEADER_MESSAGE_STEP));
    try {
      inquiries.send(inquiryId, step);
    } catch (SendFailedException e) {
      throw CamundaError.jobError(
          e.getMessage(),
          null,
          e.retriesLeft(job.getRetries()),
          e.backoff(messaging.retryBackoff(), java.time.Instant.now(clock)),
          e);
    }
  }
}

package org.guestjourney.inquiry;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.SendFailedException;
import org.guestjourney.messaging.SendRetries;
import org.springframework.stereotype.Component;

/** Engine glue of the inquiry journey. */
@Component
public class InquiryWorkers {

  static final String PLAN_INQUIRY_ANSWER = "plan-inquiry-answer";
  static final String SEND_INQUIRY_MESSAGE = "send-inquiry-message";

  private final InquiryService inquiries;
  private final SendRetries retries;

  InquiryWorkers(InquiryService inquiries, SendRetries retries) {
    this.inquiries = inquiries;
    this.retries = retries;
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
      throw retries.jobError(job, e);
    }
  }
}

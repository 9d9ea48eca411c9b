package org.guestjourney.complaint;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingProperties;
import org.guestjourney.messaging.SendFailedException;
import org.springframework.stereotype.Component;

/** Engine glue of the complaint journey. */
@Component
public class ComplaintWorkers {

  static final String OPEN_COMPLAINT_CASE = "open-complaint-case";
  static final String SEND_COMPLAINT_MESSAGE = "send-complaint-message";
  static final String RECORD_COMPLAINT_OUTCOME = "record-complaint-outcome";

  private final ComplaintService complaints;
  private final MessagingProperties messaging;
  private final java.time.Clock clock;

  ComplaintWorkers(
      ComplaintService complaints, MessagingProperties messaging, java.time.Clock clock) {
    this.clock = clock;
    this.complaints = complaints;
    this.messaging = messaging;
  }

  @JobWorker(
      type = OPEN_COMPLAINT_CASE,
      fetchVariables = {"complaintId", "classification"})
  public ComplaintJourney.Deadlines open(
      @Variable long complaintId, @Variable ComplaintJourney.Classification classification) {
    return complaints.openCase(complaintId, classification);
  }

  @JobWorker(type = SEND_COMPLAINT_MESSAGE, fetchVariables = "complaintId")
  public void send(ActivatedJob job, @Variable long complaintId) {
    MessageStep step =
        MessageStep.fromCode(job.getCustomHeaders().get(ComplaintJourney.HEADER_MESSAGE_STEP));
    try {
      complaints.send(complaintId, step);
    } catch (SendFailedException e) {
      throw CamundaError.jobError(
          e.getMessage(),
          null,
          e.retriesLeft(job.getRetries()),
          e.backoff(messaging.retryBackoff(), java.time.Instant.now(clock)),
          e);
    }
  }

  @JobWorker(type = RECORD_COMPLAINT_OUTCOME, fetchVariables = "complaintId")
  public void recordOutcome(@Variable long complaintId) {
    complaints.close(complaintId);
  }
}

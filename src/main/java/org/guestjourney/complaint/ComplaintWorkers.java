package org.guestjourney.complaint;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.SendFailedException;
import org.guestjourney.messaging.SendRetries;
import org.springframework.stereotype.Component;

/** Engine glue of the complaint journey. */
@Component
public class ComplaintWorkers {

  static final String OPEN_COMPLAINT_CASE = "open-complaint-case";
  static final String SEND_COMPLAINT_MESSAGE = "send-complaint-message";
  static final String RECORD_COMPLAINT_OUTCOME = "record-complaint-outcome";

  private final ComplaintService complaints;
  private final SendRetries retries;

  ComplaintWorkers(ComplaintService complaints, SendRetries retries) {
    this.complaints = complaints;
    this.retries = retries;
  }

  @JobWorker(
      type = OPEN_COMPLAINT_CASE,
      fetchVariables = {"complaintId", "classification"})
  public ComplaintJourney.Deadlines open(
      ActivatedJob job,
      @Variable long complaintId,
      @Variable ComplaintJourney.Classification classification) {
    // the journey started on a message: its first job tells the complaint which instance it is
    complaints.journeyStarted(complaintId, job.getProcessInstanceKey());
    return complaints.openCase(complaintId, classification);
  }

  @JobWorker(type = SEND_COMPLAINT_MESSAGE, fetchVariables = "complaintId")
  public void send(ActivatedJob job, @Variable long complaintId) {
    complaints.journeyStarted(complaintId, job.getProcessInstanceKey());
    MessageStep step =
        MessageStep.fromCode(job.getCustomHeaders().get(ComplaintJourney.HEADER_MESSAGE_STEP));
    try {
      complaints.send(complaintId, step);
    } catch (SendFailedException e) {
      throw retries.jobError(job, e);
    }
  }

  @JobWorker(type = RECORD_COMPLAINT_OUTCOME, fetchVariables = "complaintId")
  public void recordOutcome(ActivatedJob job, @Variable long complaintId) {
    complaints.journeyStarted(complaintId, job.getProcessInstanceKey());
    complaints.close(complaintId);
  }
}

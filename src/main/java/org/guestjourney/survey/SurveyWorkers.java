package org.guestjourney.survey;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import org.springframework.stereotype.Component;

/** Engine glue of the survey hand-over: the journeys' "Open a complaint" step. */
@Component
public class SurveyWorkers {

  /** Job type of the step that opens a complaint for a low survey score. */
  static final String OPEN_COMPLAINT_FOR_LOW_SCORE = "open-complaint-for-low-score";

  private final SurveyService surveys;

  SurveyWorkers(SurveyService surveys) {
    this.surveys = surveys;
  }

  /** Opens the complaint of each low-scored answer of the booking that has none yet. */
  @JobWorker(type = OPEN_COMPLAINT_FOR_LOW_SCORE, fetchVariables = "bookingId")
  public void openComplaint(@Variable long bookingId) {
    surveys.openComplaints(bookingId);
  }
}

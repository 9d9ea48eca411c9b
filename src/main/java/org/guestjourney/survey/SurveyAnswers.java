package org.guestjourney.survey;

/** Whether a stay's guest answered a survey: a fact the journeys read when they (re)plan. */
public final class SurveyAnswers {

  private SurveyAnswers() {}

  /**
   * True once any invitation of this kind for the booking was answered, as a column expression over
   * a booking aliased {@code b}, for the journeys' joined read of a stay's facts.
   */
  public static String answeredOfB(SurveyKind kind) {
    return "exists (select 1 from survey_invitation si where si.booking_id = b.id and si.kind = '"
        + kind.name()
        + "' and si.answered_at is not null)";
  }
}

package org.guestjourney.survey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Whether a stay's guest answered a survey: a fact the journeys read when they (re)plan. */
@Component
public class SurveyAnswers {

  private final JdbcClient jdbc;

  SurveyAnswers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * {@link #answered} as a column expression over a booking aliased {@code b}, for joined reads.
   */
  public static String answeredOfB(SurveyKind kind) {
    return "exists (select 1 from survey_invitation si where si.booking_id = b.id and si.kind = '"
        + kind.name()
        + "' and si.answered_at is not null)";
  }

  /** True once any invitation of this kind for the booking was answered. */
  public boolean answered(long bookingId, SurveyKind kind) {
    return jdbc.sql(
            """
            select exists (select 1 from survey_invitation
              where booking_id = ? and kind = ? and answered_at is not null)
            """)
        .params(bookingId, kind.name())
        .query(Boolean.class)
        .single();
  }
}

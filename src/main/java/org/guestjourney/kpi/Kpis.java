package org.guestjourney.kpi;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures of one property over a period (stays departing in it; complaints, tasks, feedback and
 * messages of those stays; inquiries received in it). Averages and rates are null when there is
 * nothing to average. {@code npsAnswers} is how many answers NPS was computed from; {@code
 * tasksOnTimeRate} counts the completed tasks with a deadline and the open ones past it (late).
 */
public record Kpis(
    long propertyId,
    LocalDate from,
    LocalDate to,
    int bookings,
    Map<String, Integer> bookingsBySource,
    int surveysSent,
    int surveysAnswered,
    Double responseRate,
    Map<String, Double> averageScore,
    Integer nps,
    int npsAnswers,
    Double negativeFeedbackRate,
    Map<String, Integer> complaintsByCategory,
    Map<String, Integer> complaintsByUrgency,
    int tasksDone,
    int tasksOpenOverdue,
    Double tasksOnTimeRate,
    Map<String, Integer> messagesByChannelAndState,
    int reviewRequestsSent,
    Share inquiriesAnsweredInTime,
    Share complaintsAcknowledgedInTime,
    Share complaintsResolvedInTime,
    Share repeatStays,
    Share suggestionsAdopted,
    Map<String, Integer> feedbackByType,
    List<Month> trend) {

  /** {@code part} of {@code whole}, and the rate (null when the whole is 0). */
  public record Share(int part, int whole, Double rate) {

    static Share of(int part, int whole) {
      return new Share(part, whole, whole == 0 ? null : Math.round(100.0 * part / whole) / 100.0);
    }
  }

  /**
   * One month of the trend (stays departing in it): the average of every 1–5 answer, NPS and the
   * survey response rate.
   */
  public record Month(
      LocalDate month,
      int surveysSent,
      int surveysAnswered,
      Double averageScore,
      Integer nps,
      Double responseRate) {}
}

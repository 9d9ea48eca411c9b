package org.guestjourney.kpi;

import java.time.LocalDate;
import java.util.Map;

/**
 * The figures of one property over a period (stays departing in it; complaints, tasks and messages
 * of those stays). Averages and rates are null when there is nothing to average.
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
    Double negativeFeedbackRate,
    Map<String, Integer> complaintsByCategory,
    Map<String, Integer> complaintsByUrgency,
    int tasksDone,
    Double tasksOnTimeRate,
    Map<String, Integer> messagesByChannelAndState,
    int reviewRequestsSent) {}

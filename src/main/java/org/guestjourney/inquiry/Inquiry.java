package org.guestjourney.inquiry;

import java.time.Instant;

/** A prospective guest's question, and its answer. */
public record Inquiry(
    long id,
    long propertyId,
    String fullName,
    String email,
    String phone,
    String preferredLanguage,
    String message,
    String status,
    Boolean withinWorkingHours,
    Instant answerDueAt,
    String answer,
    String answeredBy,
    Instant answeredAt,
    String travelPurpose,
    String partyComposition,
    Long processInstanceKey,
    Instant receivedAt,
    Long bookingId) {}

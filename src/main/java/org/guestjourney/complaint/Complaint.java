package org.guestjourney.complaint;

import java.time.Instant;

/** A complaint and what was done about it. */
public record Complaint(
    long id,
    long bookingId,
    String source,
    String category,
    String description,
    boolean guestInHouse,
    String urgency,
    String scope,
    Instant acknowledgeDueAt,
    Instant resolveDueAt,
    Instant callBackDueAt,
    String solution,
    String compensation,
    String compensationDetail,
    Boolean compensationApproved,
    String guestSatisfied,
    String callNotes,
    String managerNote,
    String alternativeNote,
    String managerFollowUp,
    String status,
    Long processInstanceKey,
    Instant createdAt,
    Instant closedAt) {}

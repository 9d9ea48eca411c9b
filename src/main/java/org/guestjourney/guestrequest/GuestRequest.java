package org.guestjourney.guestrequest;

import java.time.Instant;

/**
 * Something a guest asked for while the booking is live (from booking to departure), the team the
 * decision table gave it to, and what was done.
 */
public record GuestRequest(
    long id,
    long bookingId,
    String category,
    String description,
    String urgency,
    String team,
    Instant dueAt,
    String actionTaken,
    Boolean solved,
    String newDeadline,
    String status,
    Long processInstanceKey,
    Instant createdAt) {}

package org.guestjourney.guestrequest;

import java.time.Instant;

/** Something a guest asked for during the stay, and what was done. */
public record GuestRequest(
    long id,
    long bookingId,
    String category,
    String description,
    String urgency,
    Instant dueAt,
    String actionTaken,
    Boolean solved,
    String newDeadline,
    String status,
    Instant createdAt) {}

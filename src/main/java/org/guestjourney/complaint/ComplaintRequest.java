package org.guestjourney.complaint;

/** A complaint as staff (or, later, a guest reply or survey) report it. */
public record ComplaintRequest(
    Long bookingId,
    String category,
    @org.guestjourney.web.MultiLine String description,
    String source) {}

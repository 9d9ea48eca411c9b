package org.guestjourney.complaint;

/** Published when a complaint is recorded, for the feedback loop. */
public record ComplaintRaised(
    long complaintId, long bookingId, String source, String description, boolean guestInHouse) {}

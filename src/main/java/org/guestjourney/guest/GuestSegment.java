package org.guestjourney.guest;

import java.time.Instant;

/** A saved segment: the guests with one tag, kept for campaigns later (nothing is sent yet). */
public record GuestSegment(long id, String name, String tag, String createdBy, Instant createdAt) {}

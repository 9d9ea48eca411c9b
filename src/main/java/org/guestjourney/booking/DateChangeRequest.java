package org.guestjourney.booking;

import java.time.LocalDate;

/** New stay dates for an existing booking. */
public record DateChangeRequest(LocalDate arrivalDate, LocalDate departureDate) {}
